package dev.orchestrator.gate.waivers;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.config.GateConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waiver file as an operator writes it: what is read, what is refused (one line naming the entry and field), and what a waiver does. */
class WaiverFileTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final WaiverFile READER = new WaiverFile(id -> Criterion.byId(id).map(Criterion::problemCodes), Criterion.range());
    private static final Problem RESET_500 = Problem.of(ProblemCode.RESET_HTTP_STATUS, "5 of 5 resets answered HTTP 500: object int");
    private static final Problem SLOW = Problem.of(ProblemCode.TOO_SLOW, "slowest of 5 resets took 1900 ms, budget 1000 ms");

    @TempDir
    Path dir;

    private Waivers read(String yaml) throws IOException {
        return read(yaml, 30);
    }

    private Waivers read(String yaml, int maxDays) throws IOException {
        Path file = dir.resolve("acceptance-waivers.yml");
        Files.writeString(file, yaml);
        return READER.read(Optional.of(file), maxDays, TODAY);
    }

    @Test
    void anEntryWithEveryFieldIsRead() throws IOException {
        Waivers w = read("""
                waivers:
                  - criterion: AC-11
                    problems: [reset-http-status]
                    justification: "reset answers 500 (object int can't be used in 'await'), ticket 412"
                    owner: ops@example.com
                    expires: 2026-12-15
                """);
        assertThat(w.list()).singleElement().satisfies(x -> {
            assertThat(x.criterion()).isEqualTo("AC-11");
            assertThat(x.problems()).containsExactly(ProblemCode.RESET_HTTP_STATUS);
            assertThat(x.expires()).isEqualTo(LocalDate.of(2026, 12, 15));
            assertThat(x.line()).isEqualTo("AC-11 (expires 2026-12-15, ops@example.com: reset answers 500 (object int can't be used in 'await'), ticket 412)");
        });
    }

    @Test
    void noFileIsNoWaivers() {
        assertThat(READER.read(Optional.empty(), 30, TODAY).list()).isEmpty();
    }

    /** The fields every entry below shares where it does not say otherwise ({@code $who}). */
    private static final String WHO = "justification: x, owner: o";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing expires    | waivers: [{criterion: AC-11, problems: [too-slow], $who}]                             | waiver 1 (AC-11): expires is missing
            unknown id | waivers: [{criterion: AC-42, problems: [too-slow], $who, expires: 2026-12-10}] | unknown criterion 'AC-42' (AC-01..AC-20)
            beyond the maximum | waivers: [{criterion: AC-11, problems: [too-slow], $who, expires: 2027-01-01}]        | is more than 30 days ahead
            not a date | waivers: [{criterion: AC-11, problems: [too-slow], $who, expires: soon}] | expires 'soon' is not a date (YYYY-MM-DD)
            missing owner      | waivers: [{criterion: AC-11, problems: [too-slow], justification: x, expires: 2026-12-10}] | owner is missing
            unknown field      | waivers: [{criterion: AC-11, problems: [too-slow], $who, expires: 2026-12-10, until: 1}] | unknown field 'until'
            no problems | waivers: [{criterion: AC-11, $who, expires: 2026-12-10}] | problems is missing: name the problem codes
            empty problems     | waivers: [{criterion: AC-11, problems: [], $who, expires: 2026-12-10}]                | waiver 1 (AC-11): problems is missing
            another's code     | waivers: [{criterion: AC-11, problems: [forbidden-request], $who, expires: 2026-12-10}] | not a problem code of its criterion
            the regex form     | waivers: [{criterion: AC-11, problems: [too-slow], $who, summary-matches: 'x'}]       | summary-matches is gone
            not a list         | AC-11: until friday                                                                   | must hold one list, 'waivers:'
            not YAML           | waivers: [a, b                                                                        | is not valid YAML
            """)
    void badEntriesAreRefusedWithOneLine(String what, String yaml, String expected) {
        assertThatThrownBy(() -> read(yaml.replace("$who", WHO))).as(what).isInstanceOf(GateConfigException.class)
                .hasMessageContaining(expected).hasMessageStartingWith("acceptance.waivers: ").hasMessageNotContaining("\n")
                .hasMessageEndingWith("(fix: acceptance.waivers)");
    }

    @Test
    void theMessageOfAMissingListNamesTheCriterionsCodes() {
        assertThatThrownBy(() -> read("waivers: [{criterion: AC-11, " + WHO + ", expires: 2026-12-10}]")).isInstanceOf(GateConfigException.class)
                .hasMessageContaining(
                        "(the criterion's codes: unreachable, unexpected-answer, no-container, reset-http-status, reset-answer, too-slow, session-kept)");
    }

    @Test
    void aCriterionHasOneWaiverAtMost() {
        String one = "{criterion: AC-11, problems: [too-slow], " + WHO + ", expires: 2026-12-10}";
        assertThatThrownBy(() -> read("waivers: [" + one + ", " + one + "]")).isInstanceOf(GateConfigException.class)
                .hasMessageContaining("a second waiver for AC-11");
    }

    @Test
    void theLongestAWaiverMayLastIsBounded() {
        assertThatThrownBy(() -> read("waivers: []", WaiverFile.MAX_DAYS_BOUND + 1)).isInstanceOf(GateConfigException.class)
                .hasMessageContaining("acceptance.waivers.max-days must be at most 90, got 91");
    }

    @Test
    void anExpiredWaiverIsReadAndWaivesNothing() throws IOException {
        Waivers w = read("waivers: [{criterion: AC-11, problems: [reset-http-status], justification: x, owner: o, expires: 2026-11-30}]");
        assertThat(w.use("AC-11", Outcome.failed(RESET_500))).get()
                .satisfies(u -> {
                    assertThat(u.state()).isEqualTo(WaiverUse.State.expired);
                    assertThat(u.line()).isEqualTo("waiver for AC-11 expired on 2026-11-30: it waives nothing");
                });
        // good through its last day
        assertThat(read("waivers: [{criterion: AC-11, problems: [reset-http-status], justification: x, owner: o, expires: 2026-12-01}]")
                .use("AC-11", Outcome.failed(RESET_500)).orElseThrow().state()).isEqualTo(WaiverUse.State.applied);
    }

    @Test
    void aWaiverCoversAFailureOnlyWhenItNamesEveryOneOfItsProblems() throws IOException {
        Waivers w = read("""
                waivers:
                  - {criterion: AC-11, problems: [reset-http-status], justification: reset 500, owner: ops@example.com, expires: 2026-12-15}
                """);
        assertThat(w.use("AC-11", Outcome.failed(RESET_500)).orElseThrow())
                .satisfies(u -> {
                    assertThat(u.state()).isEqualTo(WaiverUse.State.applied);
                    assertThat(u.line()).isEqualTo("waived: AC-11 (expires 2026-12-15, ops@example.com: reset 500)");
                });
        assertThat(w.use("AC-11", Outcome.failed(List.of(RESET_500, SLOW))).orElseThrow())
                .satisfies(u -> {
                    assertThat(u.state()).isEqualTo(WaiverUse.State.not_covered);
                    assertThat(u.line()).isEqualTo("not covered by the waiver for AC-11: too-slow: slowest of 5 resets took 1900 ms, budget 1000 ms");
                    assertThat(u.notCovered()).containsExactly("too-slow: slowest of 5 resets took 1900 ms, budget 1000 ms");
                });
        assertThat(w.use("AC-11", Outcome.failed(SLOW)).orElseThrow().state()).as("another failure altogether").isEqualTo(WaiverUse.State.not_covered);
        assertThat(w.use("AC-11", Outcome.passed("5 resets")).orElseThrow().state()).isEqualTo(WaiverUse.State.unneeded);
        for (Outcome never : List.of(Outcome.error("x"), Outcome.notRun("x"), Outcome.notApplicable("x"))) {
            assertThat(w.use("AC-11", never).orElseThrow().state()).as(never.status().name()).isEqualTo(WaiverUse.State.not_applied);
        }
        assertThat(w.use("AC-16", Outcome.failed(RESET_500))).as("a criterion without a waiver").isEmpty();
    }
}
