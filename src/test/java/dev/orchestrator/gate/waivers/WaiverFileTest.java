package dev.orchestrator.gate.waivers;

import dev.orchestrator.gate.config.GateConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waiver file as an operator writes it: what is read, what is refused (one line naming the entry and field), and what a waiver does. */
class WaiverFileTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final WaiverFile READER = new WaiverFile(Set.of("AC-06", "AC-11", "AC-16")::contains, "AC-01..AC-18");

    @TempDir
    Path dir;

    private Waivers read(String yaml) throws IOException {
        Path file = dir.resolve("acceptance-waivers.yml");
        Files.writeString(file, yaml);
        return READER.read(Optional.of(file), 30, TODAY);
    }

    @Test
    void anEntryWithEveryFieldIsRead() throws IOException {
        Waivers w = read("""
                waivers:
                  - criterion: AC-11
                    justification: "reset answers 500 (object int can't be used in 'await'), ticket 412"
                    owner: ops@example.com
                    expires: 2026-12-15
                    summary-matches: answered HTTP 500
                """);
        assertThat(w.list()).singleElement().satisfies(x -> {
            assertThat(x.criterion()).isEqualTo("AC-11");
            assertThat(x.expires()).isEqualTo(LocalDate.of(2026, 12, 15));
            assertThat(x.line()).isEqualTo("AC-11 (expires 2026-12-15, ops@example.com: reset answers 500 (object int can't be used in 'await'), ticket 412)");
        });
    }

    @Test
    void noFileIsNoWaivers() {
        assertThat(READER.read(Optional.empty(), 30, TODAY).list()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing expires       | waivers: [{criterion: AC-11, justification: x, owner: o}]                                   | waiver 1 (AC-11): expires is missing
            unknown id            | waivers: [{criterion: AC-42, justification: x, owner: o, expires: 2026-12-10}]            | waiver 1 (AC-42): unknown criterion 'AC-42' (AC-01..AC-18)
            beyond the maximum    | waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2027-01-01}]            | expires 2027-01-01 is more than 30 days ahead (acceptance.waivers.max-days)
            not a date            | waivers: [{criterion: AC-11, justification: x, owner: o, expires: soon}]                  | expires 'soon' is not a date (YYYY-MM-DD)
            missing owner         | waivers: [{criterion: AC-11, justification: x, expires: 2026-12-10}]                      | waiver 1 (AC-11): owner is missing
            unknown field         | waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2026-12-10, until: 1}]  | unknown field 'until'
            bad regex             | waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2026-12-10, summary-matches: '('}] | summary-matches is not a valid regular expression
            two for one criterion | waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2026-12-10}, {criterion: AC-11, justification: y, owner: o, expires: 2026-12-10}] | a second waiver for AC-11
            not a list            | AC-11: until friday                                                                       | must hold one list, 'waivers:'
            not YAML              | waivers: [a, b                                                                             | is not valid YAML
            """)
    void badEntriesAreRefusedWithOneLine(String what, String yaml, String expected) {
        assertThatThrownBy(() -> read(yaml)).as(what).isInstanceOf(GateConfigException.class)
                .hasMessageContaining(expected).hasMessageStartingWith("acceptance.waivers: ").hasMessageNotContaining("\n")
                .hasMessageEndingWith("(fix: acceptance.waivers)");
    }

    @Test
    void anExpiredWaiverIsReadAndWaivesNothing() throws IOException {
        Waivers w = read("waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2026-11-30}]");
        assertThat(w.use("AC-11", new Waivers.Judged("failed", "5 of 5 resets answered HTTP 500"))).get()
                .satisfies(u -> {
                    assertThat(u.state()).isEqualTo(WaiverUse.State.expired);
                    assertThat(u.line()).isEqualTo("waiver for AC-11 expired on 2026-11-30: it waives nothing");
                });
        // good through its last day
        assertThat(read("waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2026-12-01}]")
                .use("AC-11", new Waivers.Judged("failed", "any")).orElseThrow().state()).isEqualTo(WaiverUse.State.applied);
    }

    @Test
    void whatAWaiverDoesFollowsTheOutcome() throws IOException {
        Waivers w = read("""
                waivers:
                  - {criterion: AC-11, justification: reset 500, owner: ops@example.com, expires: 2026-12-15, summary-matches: 'answered HTTP 500'}
                """);
        assertThat(w.use("AC-11", new Waivers.Judged("failed", "5 of 5 resets answered HTTP 500: object int")).orElseThrow())
                .satisfies(u -> {
                    assertThat(u.state()).isEqualTo(WaiverUse.State.applied);
                    assertThat(u.line()).isEqualTo("waived: AC-11 (expires 2026-12-15, ops@example.com: reset 500)");
                });
        assertThat(w.use("AC-11", new Waivers.Judged("failed", "the slowest reset took 1900 ms")).orElseThrow())
                .satisfies(u -> {
                    assertThat(u.state()).isEqualTo(WaiverUse.State.not_matching);
                    assertThat(u.line()).contains("does not cover this failure: its summary-matches /answered HTTP 500/ does not match");
                });
        assertThat(w.use("AC-11", new Waivers.Judged("passed", "5 resets")).orElseThrow().state()).isEqualTo(WaiverUse.State.unneeded);
        for (String never : new String[] {"error", "not_run", "not_applicable"}) {
            assertThat(w.use("AC-11", new Waivers.Judged(never, "x")).orElseThrow().state()).as(never).isEqualTo(WaiverUse.State.not_applied);
        }
        assertThat(w.use("AC-16", new Waivers.Judged("failed", "x"))).as("a criterion without a waiver").isEmpty();
    }
}
