package dev.orchestrator.gate.scripts;

import dev.orchestrator.gate.config.GateSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A script gets what production gives it: the shell's login basics, DOCKER_HOST and the operator's pairs; never CI's secrets, the gate's compose project or
 * settings. */
class OperatorScriptsTest {

    @Test
    void theGatesComposeProjectAndSettingsNeverReachAScript() {
        var settings = new GateSettings.Scripts("host", "", "host", "", Map.of("ORCHESTRATOR_SERVICE", "backend"), Optional.empty());
        Map<String, String> env = new OperatorScripts(settings).hostEnvironment(Stream.of(new String[][] {{"PATH", "/usr/bin"}, {"HOME", "/root"},
                {"COMPOSE_PROJECT_NAME", "ogate-1"}, {"COMPOSE_FILE", "/tmp/x.yml"}, {"ACCEPTANCE_SOAK_SECONDS", "20"},
                        {"TESTCONTAINERS_RYUK_DISABLED", "true"},
                {"ANTHROPIC_API_KEY", "sk-ant-ci"}, {"POSTGRES_PASSWORD", "pw"}, {"COMPOSE_ENV_FILES", "/ci/.env"}, {"DOCKER_CONTEXT", "ci"},
                        {"CI_JOB_TOKEN", "t"},
                {"LC_ALL", "C.UTF-8"}, {"LANG", "C.UTF-8"}, {"TZ", "UTC"}}).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1])));
        assertThat(env).containsOnlyKeys("PATH", "HOME", "LC_ALL", "LANG", "TZ", "DOCKER_HOST", "ORCHESTRATOR_SERVICE")
                .containsEntry("PATH", "/usr/bin").containsEntry("ORCHESTRATOR_SERVICE", "backend");
    }

    @Test
    void aScriptInsideTheContainerGetsItsVariablesFromAFileNeverOnTheCommandLine() {
        String token = "coolify-token-0123456789";
        List<String> command = OperatorScripts
                .containerCommand("orchestrator-abc", "/opt/scripts/reboot.sh", Optional.of(Path.of("/tmp/ogate-script-env-1.env")));
        assertThat(command)
                .containsExactly("docker", "exec", "--env-file", "/tmp/ogate-script-env-1.env", "orchestrator-abc", "sh", "-c", "/opt/scripts/reboot.sh");
        assertThat(String.join(" ", command)).doesNotContain(token);
        assertThat(OperatorScripts.envFileText(Map.of("COOLIFY_TOKEN", token))).isEqualTo("COOLIFY_TOKEN=" + token + "\n");
        assertThat(OperatorScripts.containerCommand("c", "/s.sh", Optional.empty())).containsExactly("docker", "exec", "c", "sh", "-c", "/s.sh");
    }
}
