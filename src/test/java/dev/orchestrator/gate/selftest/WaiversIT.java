package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
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
 * Waivers as a release manager uses them, on the bundled stack with the stand-in's defects "the reset answers HTTP 500"
 * (AC-11 and AC-16 fail with reset-http-status) and "the button also calls the deprecated reboot endpoint" (AC-16 fails
 * with forbidden-request too): waivers that name every problem let the run end green and say so first, naming the
 * problems; the same waiver expired waives nothing. (A waiver that names only one of AC-16's two problems is the defect
 * matrix's row ac16-waiver-covers-one-problem-of-two; waiver files the gate refuses are rows of {@link MisconfigurationIT}.)
 * Writes what each run said to reports/selftest/waivers.md.
 */
@Order(3) // handed out first: its runs go to the lanes while the self-tests that need this machine's engine wait for lane 0
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Waivers: a known failure's problems waived until a date, by an owner")
class WaiversIT {

    private static final String RESET_500 = "fixtures/stack/docker-compose.yml,fixtures/faults/compose/reset-500.yml";
    private static final String AND_BUTTON_CALLS_REBOOT = RESET_500 + ",fixtures/faults/compose/ui-button-both.yml";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final List<String> table = new ArrayList<>();

    /** One gate run with this waiver file; nothing may be left on the engine. */
    private GateRuns.Outcome runWith(String what, String criteria, String composeFiles, String yaml) throws IOException {
        Path file = dir.resolve(what.replaceAll("\\W+", "-") + ".yml");
        Files.writeString(file, yaml);
        Map<String, String> config = GateRuns.config("reports/selftest/waivers");
        config.put("acceptance.criteria", criteria);
        config.put("acceptance.compose.files", composeFiles);
        config.put("acceptance.waivers", file.toString());
        RowRun run = GateRuns.onAnyLane(RowRunner.Job.of(config));
        GateRuns.Outcome outcome = run.outcome();
        table.add(String.format("| %s | %s | %d | %s |", what, outcome.verdict(), outcome.exitCode(),
                outcome.report().path("headline").asText().replace("|", "\\|")));
        assertThat(run.leftovers()).as("%s: what the run left on the engine", what).isEmpty();
        assertThat(outcome.status("AC-11")).as("%s: the waived criterion still runs in full and fails", what).isEqualTo("failed");
        assertThat(outcome.summary("AC-11")).as(what).contains("5 of 5 resets answered HTTP 500");
        return outcome;
    }

    private static String waiver(String criterion, String problems, LocalDate expires) {
        return "  - criterion: " + criterion + "\n    problems: [" + problems
                + "]\n    justification: \"the reset answers 500 (object int can't be used in 'await'),"
                + " ticket 412\"\n    owner: ops@example.com\n    expires: " + expires + "\n";
    }

    @Test
    @DisplayName("waivers that name every problem: exit 0, the waivers first in the headline with their problems; one for a passing criterion is unneeded")
    void coveringWaiversLetTheRunEndGreen() throws IOException {
        LocalDate expires = TODAY.plusDays(14);
        GateRuns.Outcome run = runWith("waivers naming every problem (+ one for AC-06, which passes)", "AC-05,AC-06,AC-07,AC-08,AC-11,AC-16",
                AND_BUTTON_CALLS_REBOOT, "waivers:\n" + waiver("AC-11", "reset-http-status, session-kept", expires)
                        + waiver("AC-16", "reset-http-status, console-error, forbidden-request", expires) + waiver("AC-06", "not-healthy-in-time", expires));
        assertThat(run.exitCode()).isZero();
        assertThat(run.verdict()).as("a run restricted to some criteria").isEqualTo("partial");
        assertThat(run.report().path("headline").asText())
                .startsWith("PARTIAL with 2 waivers: AC-11 (expires " + expires + ", ops@example.com: the reset answers 500")
                .contains("covering reset-http-status, session-kept; AC-16 (expires " + expires)
                .contains("covering reset-http-status, forbidden-request, console-error")
                .contains("waiver for AC-06 is no longer needed: AC-06 passed");
        assertThat(run.criterion("AC-16").path("problems")).extracting(p -> p.path("code").asText())
                .contains("reset-http-status", "forbidden-request");
        assertThat(run.criterion("AC-11").path("waived").path("owner").asText()).isEqualTo("ops@example.com");
        JsonNode waivers = run.report().path("waivers");
        assertThat(waivers).extracting(w -> w.path("criterion").asText() + " " + w.path("state").asText())
                .containsExactly("AC-11 applied", "AC-16 applied", "AC-06 unneeded");
        Path latest = GateRuns.PROJECT.resolve("reports/selftest/waivers/latest");
        assertThat(Files.readString(latest.resolve("acceptance-report.md"))).contains("- [~] **AC-11**").contains("- [~] **AC-16**");
        assertThat(Files.readString(latest.resolve("junit.xml"))).contains("<skipped type=\"waived\"");
        assertThat(Files.readString(latest.resolve("acceptance-report.html"))).contains("class=\"banner v-waived\"");
    }

    @Test
    @DisplayName("the same waiver expired: exit 1, the headline names it")
    void anExpiredWaiverWaivesNothing() throws IOException {
        LocalDate yesterday = TODAY.minusDays(1);
        GateRuns.Outcome run = runWith("expired waiver", "AC-05,AC-06,AC-11", RESET_500, "waivers:\n" + waiver("AC-11", "reset-http-status, session-kept",
                yesterday));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.report().path("headline").asText()).contains("failed: AC-11").contains("waiver for AC-11 expired on " + yesterday);
        assertThat(run.criterion("AC-11").has("waived")).isFalse();
    }

    @AfterAll
    void writeTable() throws IOException {
        SelfTestTable.write("waivers.md", "Waivers on the bundled stack with the reset answering 500 (and the button also calling the reboot endpoint)",
                "| waiver file | verdict | exit | headline |", table);
    }
}
