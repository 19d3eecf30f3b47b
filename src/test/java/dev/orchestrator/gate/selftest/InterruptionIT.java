package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.gate.docker.DockerEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM to the gate's process group at several phases: everything it created is removed and the report says interrupted. */
@ExtendWith(OnThisMachinesEngine.class)
class InterruptionIT {

    private static final Duration PHASE_REACHED = Duration.ofSeconds(240);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);
    /** What a matrix row puts beside the stack (as rows identity-neighbour-named-like-the-service and ac04-cleanup-prunes-foreign-network do). */
    private static final String NEIGHBOUR = "orchestrator-ts";
    private static final String FOREIGN_NETWORK = "staging-metrics-selftest";

    /**
     * A run reaching the soak or the reboot does not need the port scenario before it (its own row interrupts it): the
     * later phases are reached without its deploys.
     */
    @ParameterizedTest(name = "SIGTERM during {0}")
    @CsvSource(delimiter = '|', textBlock = """
            port scenario (compose up against planted holders)        | ^\\[gate\\] pre-flight ok | true  | false
            soak window, of a matrix row with a neighbour and a network | ^\\[soak\\]            | false | true
            reboot script                                             | ^\\[gate\\] AC-10      | false | false
            """)
    void interruptedRunLeavesNothing(String phase, String reachedLine, boolean withPortScenario, boolean asMatrixRow) throws IOException {
        DockerEngine engine = new DockerEngine();
        EngineSnapshot before = EngineSnapshot.take(engine);
        String reportDir = "reports/selftest/interrupt";
        Map<String, String> config = GateRuns.config(reportDir);
        if (!withPortScenario) {
            config.put("acceptance.criteria", GateRuns.AFTER_THE_PORT_SCENARIO);
        }
        if (asMatrixRow) {
            config.put("acceptance.force", "true"); // past the refusal of a neighbour named like the service, as its matrix row
        }
        // a matrix row's runner (a CI cancel stops it so) with what rows put beside the stack: the fixtures go with the run
        try (GateProcess gate = asMatrixRow ? GateProcess.startMain(RowRunner.class, RowRunner.arguments(new RowRunner.Job(config, List.of(),
                List.of(FOREIGN_NETWORK), List.of(RowRunner.Fixture.neighbour(NEIGHBOUR))), GateRuns.PROJECT.resolve(GateRuns.JOBS)))
                : GateProcess.start(config, Map.of())) {
            gate.awaitLine(reachedLine, PHASE_REACHED);
            if (asMatrixRow) {
                assertThat(engine.network(FOREIGN_NETWORK)).as("the row's network before the stop").isPresent();
                assertThat(engine.allContainers().stream().map(DockerEngine::name)).as("the row's neighbour before the stop").contains(NEIGHBOUR);
            }
            gate.terminate();
            double signalled = gate.seconds();
            int exit = gate.waitFor(EXIT_WITHIN);
            System.out.printf("[selftest] SIGTERM during %s at %.1f s: exit %d after %.1f s%n", phase, signalled, exit, gate.seconds() - signalled);
            List<String> left = before.leftoversIn(EngineSnapshot.take(engine));
            assertThat(left).as("left behind after SIGTERM during %s; gate output:%n%s", phase, gate.tail()).isEmpty();
            JsonNode report = GateRuns.readReport(GateRuns.PROJECT.resolve(reportDir));
            assertThat(report.path("verdict").asText()).as("verdict after SIGTERM during %s", phase).isEqualTo("interrupted");
            assertThat(report.path("exit_code").asInt()).isEqualTo(2);
            // Testcontainers' shutdown hook removes what the gate started through it at the same time: waited for, no problem
            assertThat(report.path("teardown_problems").toString()).as("teardown problems after SIGTERM during %s", phase).isEqualTo("[]");
            assertThat(gate.output()).contains("[gate] interrupted: tearing down");
            if (asMatrixRow) {
                assertThat(gate.output()).contains("[selftest] the row was stopped: its fixtures are removed");
            }
        }
    }

    /**
     * A CI cancel of the self-tests themselves: SIGTERM to the self-test JVM's process group. A gate it started in a
     * process group of its own (the soak lane's rows) is not in that group: it must still end, with its teardown.
     */
    @Test
    void aSelfTestStoppedWithSigtermLeavesNoGateProcessBehind() {
        DockerEngine engine = new DockerEngine();
        EngineSnapshot before = EngineSnapshot.take(engine);
        GateProcess.Line pidLine;
        long gatePid;
        try (GateProcess parent = GateProcess.startMain(SelfTestParent.class, List.of("reports/selftest/interrupt-parent"))) {
            pidLine = parent.awaitLine("^\\[parent\\] gate pid \\d+", Duration.ofSeconds(60));
            gatePid = Long.parseLong(pidLine.text().replaceAll("\\D+", ""));
            parent.awaitLine("^\\[soak\\]", PHASE_REACHED);
            parent.terminate();
            int exit = parent.waitFor(EXIT_WITHIN);
            System.out.printf("[selftest] SIGTERM to the self-test's process group: it exited %d; its gate process %d %s%n", exit, gatePid,
                    ProcessHandle.of(gatePid).map(p -> p.isAlive() ? "is still running" : "ended").orElse("ended"));
        }
        assertThat(ProcessHandle.of(gatePid).filter(ProcessHandle::isAlive)).as("the gate process %d after its parent was stopped", gatePid).isEmpty();
        assertThat(before.leftoversIn(EngineSnapshot.take(engine))).as("left behind after SIGTERM to the self-test").isEmpty();
        JsonNode report = GateRuns.readReport(GateRuns.PROJECT.resolve("reports/selftest/interrupt-parent"));
        assertThat(report.path("verdict").asText()).isEqualTo("interrupted");
        assertThat(report.path("teardown_problems").toString()).as("teardown problems after SIGTERM to the self-test").isEqualTo("[]");
    }
}
