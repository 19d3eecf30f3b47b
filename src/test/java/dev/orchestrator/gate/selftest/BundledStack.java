package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.stack.ComposeCli;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled stack started by a self-test itself (not by the gate), healthy, and removed afterwards. */
final class BundledStack {

    private static final Duration COMPOSE_TIMEOUT = Duration.ofSeconds(240);

    private BundledStack() {
    }

    /** Runs {@code body} while the bundled stack is up under {@code project}; nothing of it is left afterwards. */
    static void whileUp(String project, Runnable body) {
        EngineSnapshot.assertLeavesNothing("the self-test stack " + project, (DockerEngine engine) -> {
            try (ExternalNetwork coolify = ExternalNetwork.ensure(engine, "coolify", project)) {
                ComposeCli stack = new ComposeCli(project, List.of(GateRuns.PROJECT.resolve("fixtures/stack/docker-compose.yml")),
                        GateRuns.PROJECT.resolve("fixtures/stack"));
                try {
                    CommandResult up = stack.run(COMPOSE_TIMEOUT, "up", "-d", "--wait", "--pull", "never");
                    assertThat(up.ok()).as("bundled stack %s up: %s", project, up.tail(5)).isTrue();
                    body.run();
                } finally {
                    stack.run(COMPOSE_TIMEOUT, "down", "--volumes", "--timeout", "5");
                }
            }
        });
    }
}
