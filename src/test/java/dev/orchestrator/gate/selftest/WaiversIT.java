package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.gate.docker.DockerEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waivers as a release manager uses them, on the bundled stack with the stand-in's defect "the reset answers HTTP
 * 500" (AC-11 fails): a waiver that covers it lets the run end green and says so first; the same waiver expired, or
 * naming another failure, waives nothing; a waiver for a criterion that passed is reported unneeded. (Waiver files
 * the gate refuses are rows of {@link MisconfigurationIT}.) Writes what each run said to reports/selftest/waivers.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Waivers: a known failure waived until a date, by an owner")
class WaiversIT {

    private static final String CRITERIA = "AC-05,AC-06,AC-11";
    private static final String RESET_500 = "fixtures/stack/docker-compose.yml,fixtures/faults/compose/reset-500.yml";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final List<String> table = new ArrayList<>();

    /** One gate run with this waiver file; nothing may be left on the engine. */
    private GateRuns.Outcome runWith(String what, String yaml) throws IOException {
        Path file = dir.resolve(what.replaceAll("\\W+", "-") + ".yml");
        Files.writeString(file, yaml);
        Map<String, String> config = GateRuns.config("reports/selftest/waivers");
        config.put("acceptance.criteria", CRITERIA);
        config.put("acceptance.compose.files", RESET_500);
        config.put("acceptance.waivers", file.toString());
        DockerEngine engine = new DockerEngine();
        EngineSnapshot before = EngineSnapshot.take(engine);
        GateRuns.Outcome outcome = GateRuns.runInProcess(config);
        table.add(String.format("| %s | %s | %d | %s |", what, outcome.verdict(), outcome.exitCode(),
                outcome.report().path("headline").asText().replace("|", "\\|")));
        assertThat(before.leftoversIn(EngineSnapshot.take(engine))).as("%s: what the run left on the engine", what).isEmpty();
        assertThat(outcome.status("AC-11")).as("%s: the waived criterion still runs in full and fails", what).isEqualTo("failed");
        assertThat(outcome.summary("AC-11")).as(what).contains("5 of 5 resets answered HTTP 500");
        return outcome;
    }

    private static String waiver(String criterion, LocalDate expires, String extra) {
        return "  - criterion: " + criterion + "\n    justification: \"the reset answers 500 (object int can't be used in 'await'), ticket 412\"\n"
                + "    owner: ops@example.com\n    expires: " + expires + "\n" + extra;
    }

    @Test
    @DisplayName("a waiver that covers the failure: exit 0, the waiver first in the headline; one for a passing criterion is unneeded")
    void aCoveringWaiverLetsTheRunEndGreen() throws IOException {
        LocalDate expires = TODAY.plusDays(14);
        GateRuns.Outcome run = runWith("covering waiver (+ one for AC-06, which passes)", "waivers:\n"
                + waiver("AC-11", expires, "    summary-matches: 'answered HTTP 500'\n") + waiver("AC-06", expires, ""));
        assertThat(run.exitCode()).isZero();
        assertThat(run.verdict()).as("a run restricted to AC-05, AC-06, AC-11").isEqualTo("partial");
        assertThat(run.report().path("headline").asText())
                .startsWith("PARTIAL with 1 waiver: AC-11 (expires " + expires + ", ops@example.com: the reset answers 500")
                .contains("waiver for AC-06 is no longer needed: AC-06 passed");
        assertThat(run.criterion("AC-11").path("waived").path("owner").asText()).isEqualTo("ops@example.com");
        JsonNode waivers = run.report().path("waivers");
        assertThat(waivers).extracting(w -> w.path("criterion").asText() + " " + w.path("state").asText()).containsExactly("AC-11 applied", "AC-06 unneeded");
        Path latest = GateRuns.PROJECT.resolve("reports/selftest/waivers/latest");
        assertThat(Files.readString(latest.resolve("acceptance-report.md"))).contains("- [~] **AC-11**");
        assertThat(Files.readString(latest.resolve("junit.xml"))).contains("<skipped type=\"waived\"");
        assertThat(Files.readString(latest.resolve("acceptance-report.html"))).contains("class=\"banner v-waived\"");
    }

    @Test
    @DisplayName("the same waiver expired: exit 1, the headline names it")
    void anExpiredWaiverWaivesNothing() throws IOException {
        LocalDate yesterday = TODAY.minusDays(1);
        GateRuns.Outcome run = runWith("expired waiver", "waivers:\n" + waiver("AC-11", yesterday, "    summary-matches: 'answered HTTP 500'\n"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.report().path("headline").asText()).contains("failed: AC-11").contains("waiver for AC-11 expired on " + yesterday);
        assertThat(run.criterion("AC-11").has("waived")).isFalse();
    }

    @Test
    @DisplayName("a waiver naming another failure: exit 1, the summary says why")
    void aWaiverForAnotherFailureWaivesNothing() throws IOException {
        GateRuns.Outcome run = runWith("waiver for another failure", "waivers:\n"
                + waiver("AC-11", TODAY.plusDays(14), "    summary-matches: 'slowest reset took'\n"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.summary("AC-11")).contains("waiver for AC-11 does not cover this failure: its summary-matches /slowest reset took/ does not match");
    }

    @AfterAll
    void writeTable() throws IOException {
        SelfTestTable.write("waivers.md", "Waivers on the bundled stack with the reset answering 500", "| waiver file | verdict | exit | headline |", table);
    }
}
