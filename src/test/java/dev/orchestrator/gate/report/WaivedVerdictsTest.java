package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.config.SecretMasker;
import dev.orchestrator.gate.waivers.WaiverFile;
import dev.orchestrator.gate.waivers.WaiverUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static dev.orchestrator.gate.report.TestRuns.judge;
import static dev.orchestrator.gate.report.TestRuns.report;
import static org.assertj.core.api.Assertions.assertThat;

/** The verdict with waivers: what blocks (exit 1), what does not (exit 0), what the headline, the summary, JUnit XML and annotations say. */
class WaivedVerdictsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final Problem RESET_500 = Problem.of(ProblemCode.RESET_HTTP_STATUS,
            "POST /api/orchestrator/reset?clear_session=true answered HTTP 500: object int can't be used in 'await' expression");
    private static final Problem REBOOT_CALLED = Problem.of(ProblemCode.FORBIDDEN_REQUEST,
            "the click also sent POST /api/orchestrator/reboot (200): forbidden to a reset button (the reboot endpoint, acceptance.ui.forbidden-paths)");
    private static final Problem AC11_500 = Problem
            .of(ProblemCode.RESET_HTTP_STATUS, "5 of 5 resets answered HTTP 500: object int can't be used in 'await' expression");

    @TempDir
    Path dir;

    /** A run judged with the waivers of {@code yaml}: every criterion passed but AC-11 (the reset's 500) and AC-16 ({@code ac16}'s problems). */
    private RunRecord run(String yaml, Problem... ac16) throws IOException {
        Path file = dir.resolve("w.yml");
        Files.writeString(file, yaml);
        RunRecord r = new RunRecord();
        r.waiveWith(new WaiverFile(id -> Criterion.byId(id).map(Criterion::problemCodes), Criterion.range()).read(Optional.of(file), 30, TODAY));
        for (Criterion c : Criterion.values()) {
            judge(r, c, Outcome.passed("ok"));
        }
        judge(r, Criterion.AC_11, Outcome.failed(AC11_500));
        if (ac16.length > 0) {
            judge(r, Criterion.AC_16, Outcome.failed("clicked '\uD83D\uDD04 REBOOT ORCHESTRATOR'", List.of(ac16)));
        }
        return r;
    }

    private static final String AC11_WAIVER = "{criterion: AC-11, problems: [reset-http-status], justification: 'reset 500, ticket 412', owner: "
            + "ops@example.com,"
            + " expires: 2026-12-15}";

    @Test
    void aWaiverThatNamesEveryProblemPassesTheReleaseAndSaysSoFirst() throws IOException {
        RunRecord run = run("waivers: [" + AC11_WAIVER + "]");
        Report r = report(run);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.headline()).isEqualTo("PASS with 1 waiver: AC-11 (expires 2026-12-15, ops@example.com: reset 500, ticket 412) covering reset-http-status");
        CriterionReport ac11 = r.criterion("AC-11").orElseThrow();
        assertThat(ac11.status()).as("a waived failure is still reported failed").isEqualTo(Status.failed);
        assertThat(ac11.isWaived()).isTrue();
        assertThat(ac11.problems()).extracting(p -> p.code().code()).containsExactly("reset-http-status");
        assertThat(JUnitXml.render(r)).contains("<skipped type=\"waived\" message=\"waived: AC-11 (expires 2026-12-15").contains("failures=\"0\"");
        assertThat(CiOutputs.annotations(r, new SecretMasker()))
                .containsExactly("::warning title=AC-11 waiver::waived: AC-11 (expires 2026-12-15, ops@example.com: reset 500, ticket 412)");
        assertThat(new ReportView(r).model().get("banner")).as("the HTML banner's own colour").isEqualTo("waived");
    }

    @Test
    void aWaiverForOneProblemDoesNotCoverAnotherProblemOfTheSameCriterion() throws IOException {
        // the reset answers 500 AND the button also calls the deprecated reboot endpoint: the field report's original bug
        RunRecord run = run("waivers: [" + AC11_WAIVER + ", {criterion: AC-16, problems: [reset-http-status], justification: 'reset 500, ticket 412',"
                + " owner: ops@example.com, expires: 2026-12-15}]", RESET_500, REBOOT_CALLED);
        Report r = report(run);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.exitCode()).isEqualTo(1);
        CriterionReport ac16 = r.criterion("AC-16").orElseThrow();
        assertThat(ac16.isWaived()).isFalse();
        assertThat(ac16.summary()).endsWith("; not covered by the waiver for AC-16: forbidden-request: the click also sent POST /api/orchestrator/reboot (200):"
                + " forbidden to a reset button (the reboot endpoint, acceptance.ui.forbidden-paths)");
        assertThat(r.headline()).startsWith("FAIL with 1 waiver: AC-11").contains(", failed: AC-16; not covered by the waiver for AC-16: forbidden-request");
        assertThat(r.waivers()).extracting(WaiverUse::state).containsExactly(WaiverUse.State.applied, WaiverUse.State.not_covered);
        assertThat(r.waivers().get(1).notCovered()).singleElement().asString().startsWith("forbidden-request: the click also sent");
    }

    @Test
    void waiversThatNameEveryProblemLetTheReleaseThroughAndTheHeadlineNamesThem() throws IOException {
        RunRecord run = run("waivers: [" + AC11_WAIVER
                + ", {criterion: AC-16, problems: [reset-http-status, forbidden-request], justification: 'both, ticket 413',"
                + " owner: ops@example.com, expires: 2026-12-15}]", RESET_500, REBOOT_CALLED);
        Report r = report(run);
        assertThat(r.exitCode()).isZero();
        assertThat(r.headline()).startsWith("PASS with 2 waivers: AC-11 (").contains("AC-16 (expires 2026-12-15, ops@example.com: both, ticket 413) covering"
                + " reset-http-status, forbidden-request");
    }

    @Test
    void anExpiredWaiverBlocksAndTheHeadlineNamesIt() throws IOException {
        Report r = report(run("waivers: [{criterion: AC-11, problems: [reset-http-status], justification: x, owner: o, expires: 2026-11-30}]"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.headline()).isEqualTo("FAIL, failed: AC-11; waiver for AC-11 expired on 2026-11-30: it waives nothing");
        assertThat(r.criterion("AC-11").orElseThrow().summary()).endsWith("; waiver for AC-11 expired on 2026-11-30: it waives nothing");
    }

    @Test
    void aWaiverForAPassingCriterionIsNoLongerNeededAndAnotherFailureStillBlocks() throws IOException {
        Report r = report(run("waivers: [{criterion: AC-11, problems: [reset-http-status], justification: x, owner: o, expires: 2026-12-15},"
                + " {criterion: AC-06, problems: [not-healthy-in-time], justification: y, owner: o, expires: 2026-12-15}]", RESET_500));
        assertThat(r.exitCode()).as("AC-16 failed without a waiver").isEqualTo(1);
        assertThat(r.headline()).isEqualTo("FAIL with 1 waiver: AC-11 (expires 2026-12-15, o: x) covering reset-http-status, failed: AC-16;"
                + " waiver for AC-06 is no longer needed: AC-06 passed");
    }

    @Test
    void aWaiverNeverTurnsAnErrorOrACriterionThatDidNotRunIntoAnythingElse() throws IOException {
        RunRecord run = run("waivers: [{criterion: AC-14, problems: [not-rebooted], justification: x, owner: o, expires: 2026-12-15}]");
        judge(run, Criterion.AC_14, Outcome.error("the engine went away"));
        judge(run, Criterion.AC_11, Outcome.passed("ok"));
        Report r = report(run);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.criterion("AC-14").orElseThrow().isWaived()).isFalse();
        assertThat(r.headline()).contains("waiver for AC-14 not applied: AC-14 is error (a waiver covers a failure only)");
    }

    @Test
    void aPartialThatExitsTwoIsNeverDrawnGreenNorAsWaived() throws IOException {
        RunRecord run = run("waivers: [" + AC11_WAIVER + "]");
        judge(run, Criterion.AC_09, Outcome.notRun("a 20 s soak cannot prove an idle WebSocket survives"));
        Report r = report(run);
        assertThat(r.verdict()).isEqualTo(Verdict.PARTIAL_UNPROVEN);
        assertThat(new ReportView(r).model().get("banner")).isEqualTo("unproven");
    }
}
