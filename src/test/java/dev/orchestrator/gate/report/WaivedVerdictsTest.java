package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.waivers.WaiverFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict with waivers: what blocks (exit 1), what does not (exit 0), what the headline, JUnit XML and annotations say. */
class WaivedVerdictsTest {

    private static final Set<String> ALL = Criterion.selection("");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final String FAILURE = "5 of 5 resets answered HTTP 500: object int can't be used in 'await' expression";

    @TempDir
    Path dir;

    /** A run in which every criterion passed but AC-11 (and AC-16, when asked), judged with the waivers of {@code yaml}. */
    private RunRecord run(String yaml, boolean ac16Fails) throws IOException {
        Path file = dir.resolve("w.yml");
        Files.writeString(file, yaml);
        RunRecord r = new RunRecord();
        r.waiveWith(new WaiverFile(id -> Criterion.byId(id).isPresent(), Criterion.range()).read(Optional.of(file), 30, TODAY));
        Arrays.stream(Criterion.values()).forEach(c -> r.result(c).status = Status.passed);
        r.result(Criterion.AC_11).status = Status.failed;
        r.result(Criterion.AC_11).summary = FAILURE;
        if (ac16Fails) {
            r.result(Criterion.AC_16).status = Status.failed;
            r.result(Criterion.AC_16).summary = "POST /api/orchestrator/reset?clear_session=true answered HTTP 500";
        }
        r.criteria.forEach(r::waive);
        r.waivers = ReportFinisher.waiverUses(r);
        Verdicts.decide(r, ALL, false, false);
        return r;
    }

    @Test
    void aWaiverThatCoversTheFailurePassesTheReleaseAndSaysSoFirst() throws IOException {
        RunRecord r = run("waivers: [{criterion: AC-11, justification: 'reset 500, ticket 412', owner: ops@example.com, expires: 2026-12-15,"
                + " summary-matches: 'answered HTTP 500'}]", false);
        assertThat(r.verdict).isEqualTo("pass");
        assertThat(r.exitCode).isZero();
        assertThat(r.headline).isEqualTo("PASS with 1 waiver: AC-11 (expires 2026-12-15, ops@example.com: reset 500, ticket 412)");
        assertThat(r.result(Criterion.AC_11).status).as("a waived failure is still reported failed").isEqualTo(Status.failed);
        assertThat(r.result(Criterion.AC_11).waived).isNotNull();
        assertThat(JUnitXml.render(r)).contains("<skipped type=\"waived\" message=\"waived: AC-11 (expires 2026-12-15").contains("failures=\"0\"");
        assertThat(CiOutputs.annotations(r)).containsExactly("::warning title=AC-11 waiver::waived: AC-11 (expires 2026-12-15, ops@example.com: reset 500, ticket 412)");
        assertThat(ReportView.box(Status.failed)).isEqualTo(" ");
        assertThat(new ReportView(r).model().get("banner")).as("the HTML banner's own colour").isEqualTo("waived");
    }

    @Test
    void anExpiredWaiverBlocksAndTheHeadlineNamesIt() throws IOException {
        RunRecord r = run("waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2026-11-30}]", false);
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.headline).isEqualTo("FAIL, failed: AC-11; waiver for AC-11 expired on 2026-11-30: it waives nothing");
        assertThat(r.result(Criterion.AC_11).summary).endsWith("; waiver for AC-11 expired on 2026-11-30: it waives nothing");
    }

    @Test
    void aWaiverForAnotherFailureBlocksAndTheSummarySaysWhy() throws IOException {
        RunRecord r = run("waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2026-12-15, summary-matches: 'took \\d+ ms'}]", false);
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.result(Criterion.AC_11).summary).startsWith(FAILURE)
                .endsWith("waiver for AC-11 does not cover this failure: its summary-matches /took \\d+ ms/ does not match the summary");
        assertThat(r.waivers).singleElement().satisfies(w -> assertThat(w.state().name()).isEqualTo("not_matching"));
    }

    @Test
    void aWaiverForAPassingCriterionIsNoLongerNeededAndAnotherFailureStillBlocks() throws IOException {
        RunRecord r = run("waivers: [{criterion: AC-11, justification: x, owner: o, expires: 2026-12-15},"
                + " {criterion: AC-06, justification: y, owner: o, expires: 2026-12-15}]", true);
        assertThat(r.exitCode).as("AC-16 failed without a waiver").isEqualTo(1);
        assertThat(r.headline).isEqualTo("FAIL with 1 waiver: AC-11 (expires 2026-12-15, o: x), failed: AC-16; waiver for AC-06 is no longer needed: AC-06 passed");
    }

    @Test
    void aWaiverNeverTurnsAnErrorOrACriterionThatDidNotRunIntoAnythingElse() throws IOException {
        RunRecord r = run("waivers: [{criterion: AC-14, justification: x, owner: o, expires: 2026-12-15}]", false);
        r.result(Criterion.AC_14).status = Status.error;
        r.result(Criterion.AC_14).summary = "could not be evaluated: the engine went away";
        r.result(Criterion.AC_11).status = Status.passed;
        r.waive(r.result(Criterion.AC_14));
        r.waivers = ReportFinisher.waiverUses(r);
        Verdicts.decide(r, ALL, false, false);
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.result(Criterion.AC_14).waived).isNull();
        assertThat(r.headline).contains("waiver for AC-14 not applied: AC-14 is error (a waiver covers a failure only)");
    }
}
