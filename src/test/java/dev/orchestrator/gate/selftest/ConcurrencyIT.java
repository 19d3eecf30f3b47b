package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One run at a time per engine and port: a second run is refused at once, the first goes on unharmed;
 * a second run on another port of the same engine leaves the first run's objects alone.
 */
@ExtendWith(OnThisMachinesEngine.class)
class ConcurrencyIT {

    private static final double REFUSAL_HANG_GUARD_S = 30.0;

    /** The one reports/ folder both runs of the first test write into. */
    private static final String SHARED_REPORTS = "reports/selftest/concurrent-shared";

    @Test
    @DisplayName("a concurrent second run is refused at once (time measured, bounded only against a hang) and the first run passes")
    void secondRunIsRefused() {
        EngineSnapshot.assertLeavesNothing("two concurrent runs", engine -> runTwoAtOnce());
    }

    private static void runTwoAtOnce() {
        // both runs share one reports/ folder, as two operators' runs on one host do: each writes its report and swaps latest
        Map<String, String> first = GateRuns.config(SHARED_REPORTS);
        first.put("acceptance.criteria", "AC-05,AC-06,AC-07,AC-08");
        try (GateProcess a = GateProcess.start(first, Map.of())) {
            a.awaitLine("^\\[gate\\] pre-flight ok", Duration.ofSeconds(120));
            try (GateProcess b = GateProcess.start(GateRuns.config(SHARED_REPORTS), Map.of())) {
                GateProcess.Line start = b.awaitLine("^\\[gate\\] run ", Duration.ofSeconds(60));
                GateProcess.Line refused = b.awaitLine("^\\[gate\\] CANNOT RUN: another gate run", Duration.ofSeconds(30));
                int bExit = b.waitFor(Duration.ofSeconds(30));
                double seconds = refused.at() - start.at();
                System.out.printf("[selftest] second run refused %.2f s after its start, its process exited %d after %.1f s: %s%n",
                        seconds, bExit, b.seconds(), refused.text());
                // a guard against a hang only (about 1 s quiet, 4.6 s measured on a busy machine): the time itself is reported above
                assertThat(seconds).as("seconds from the second run's start to its refusal (hang guard)").isLessThanOrEqualTo(REFUSAL_HANG_GUARD_S);
                assertThat(bExit).isEqualTo(2);
                assertThat(refused.text()).contains("run ").contains("pid ");
                assertThat(b.output()).as("the refused run's report, in the shared folder").doesNotContain("REPORT NOT WRITTEN");
            }
            int aExit = a.waitFor(Duration.ofSeconds(180));
            assertThat(aExit).as("the first run, unharmed:%n%s", a.tail()).isZero();
            assertThat(a.output()).as("the first run's report, written after the second's in the same folder").doesNotContain("REPORT NOT WRITTEN");
        }
        JsonNode latest = GateRuns.readReport(GateRuns.PROJECT.resolve(SHARED_REPORTS));
        assertThat(latest.path("verdict").asText() + " " + latest.path("exit_code").asInt()).as("latest is the last run written: the first")
                .isEqualTo("partial 0");
    }

    @Test
    @DisplayName("a run on another port of the same engine does not sweep the first run's stack as leftovers; it is refused by pre-flight, the first passes")
    void runOnAnotherPortLeavesTheFirstAlone() {
        EngineSnapshot.assertLeavesNothing("two runs on two ports", engine -> {
            Map<String, String> first = GateRuns.config("reports/selftest/concurrent-first-port");
            // AC-12 watches the backend until the soak ends: the first run's stack is up while the second starts (a soak of 20 s:
            // the second run's start and pre-flight fall inside it also on a busy host)
            first.put("acceptance.criteria", "AC-05,AC-06,AC-08,AC-11,AC-12");
            first.put("acceptance.soak.seconds", "20");
            Map<String, String> second = GateRuns.config("reports/selftest/concurrent-other-port");
            second.put("acceptance.compose.files", "fixtures/stack/docker-compose.yml,fixtures/selftest/other-port.yml");
            second.put("acceptance.criteria", "AC-05");
            try (GateProcess a = GateProcess.start(first, Map.of())) {
                a.awaitLine("^\\[gate\\] AC-05 passed", Duration.ofSeconds(180));
                try (GateProcess b = GateProcess.start(second, Map.of())) {
                    GateProcess.Line refused = b.awaitLine("^\\[gate\\] CANNOT RUN: pre-flight refused", Duration.ofSeconds(60));
                    int bExit = b.waitFor(Duration.ofSeconds(60));
                    System.out.printf("[selftest] run on port 19403 while a run on 9403 is going: exit %d: %s%n", bExit, refused.text());
                    assertThat(bExit).isEqualTo(2);
                    assertThat(refused.text()).as("the first run's container is what pre-flight names")
                            .containsPattern("containers of the service \\(.*\\): orchestrator-[a-z0-9]{24}-\\d{12} ");
                    assertThat(b.output()).as("the second run's console").doesNotContain("removed leftovers of an earlier gate run");
                }
                int aExit = a.waitFor(Duration.ofSeconds(180));
                assertThat(aExit).as("the first run, unharmed:%n%s", a.tail()).isZero();
            }
        });
    }
}
