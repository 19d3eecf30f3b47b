package dev.orchestrator.gate.scripts;

import dev.orchestrator.gate.config.GateSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A script gets what production gives it: the shell's environment, DOCKER_HOST and the operator's pairs, never the gate's compose project or settings. */
class OperatorScriptsTest {

    @Test
    void theGatesComposeProjectAndSettingsNeverReachAScript() {
        var settings = new GateSettings.Scripts("host", "", "host", "", Map.of("ORCHESTRATOR_SERVICE", "backend"), Optional.empty());
        Map<String, String> env = new OperatorScripts(settings).hostEnvironment(Map.of("PATH", "/usr/bin", "HOME", "/root",
                "COMPOSE_PROJECT_NAME", "ogate-1", "COMPOSE_FILE", "/tmp/x.yml", "ACCEPTANCE_SOAK_SECONDS", "20", "TESTCONTAINERS_RYUK_DISABLED", "true"));
        assertThat(env).containsEntry("PATH", "/usr/bin").containsEntry("HOME", "/root").containsEntry("ORCHESTRATOR_SERVICE", "backend")
                .containsKey("DOCKER_HOST")
                .doesNotContainKeys("COMPOSE_PROJECT_NAME", "COMPOSE_FILE", "ACCEPTANCE_SOAK_SECONDS", "TESTCONTAINERS_RYUK_DISABLED");
    }
}
