package dev.orchestrator.gate.scripts;

import dev.orchestrator.gate.config.GateSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A script gets what production gives it: the shell's login basics, DOCKER_HOST and the operator's pairs; never CI's secrets, the gate's compose project or settings. */
class OperatorScriptsTest {

    @Test
    void theGatesComposeProjectAndSettingsNeverReachAScript() {
        var settings = new GateSettings.Scripts("host", "", "host", "", Map.of("ORCHESTRATOR_SERVICE", "backend"), Optional.empty());
        Map<String, String> env = new OperatorScripts(settings).hostEnvironment(java.util.stream.Stream.of(new String[][] {{"PATH", "/usr/bin"}, {"HOME", "/root"},
                {"COMPOSE_PROJECT_NAME", "ogate-1"}, {"COMPOSE_FILE", "/tmp/x.yml"}, {"ACCEPTANCE_SOAK_SECONDS", "20"}, {"TESTCONTAINERS_RYUK_DISABLED", "true"},
                {"ANTHROPIC_API_KEY", "sk-ant-ci"}, {"POSTGRES_PASSWORD", "pw"}, {"COMPOSE_ENV_FILES", "/ci/.env"}, {"DOCKER_CONTEXT", "ci"}, {"CI_JOB_TOKEN", "t"},
                {"LC_ALL", "C.UTF-8"}, {"LANG", "C.UTF-8"}, {"TZ", "UTC"}}).collect(java.util.stream.Collectors.toMap(kv -> kv[0], kv -> kv[1])));
        assertThat(env).containsOnlyKeys("PATH", "HOME", "LC_ALL", "LANG", "TZ", "DOCKER_HOST", "ORCHESTRATOR_SERVICE")
                .containsEntry("PATH", "/usr/bin").containsEntry("ORCHESTRATOR_SERVICE", "backend");
    }
}
