package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** Made-up runs for the report's unit tests: criteria judged as a run judges them, and the report computed from them. */
final class TestRuns {

    static final Set<String> ALL = Criterion.selection("");

    private TestRuns() {
    }

    /** A run in which every criterion passed. */
    static RunRecord allPassed() {
        RunRecord r = new RunRecord();
        Arrays.stream(Criterion.values()).forEach(c -> judge(r, c, Outcome.passed(c.slug() + " ok")));
        return r;
    }

    /** Judges {@code c} as the judge does: reached, its outcome, and what its waiver does to it. */
    static void judge(RunRecord r, Criterion c, Outcome outcome) {
        r.result(c).reached();
        r.result(c).judged(outcome, Duration.ofMillis(1200), r.waivers().use(c.id(), outcome));
    }

    /** A failure with one problem. */
    static Outcome failed(ProblemCode code, String message) {
        return Outcome.failed(Problem.of(code, message));
    }

    /** The report of {@code r} over {@code selected}, as the finisher computes it (no file written). */
    static Report report(RunRecord r, Set<String> selected, boolean strict, boolean interrupted) {
        return ReportFinisher.compute(r, new ReportListener.ReportSettings(Path.of("reports"), selected, strict, Optional.empty()), interrupted);
    }

    static Report report(RunRecord r) {
        return report(r, ALL, false, false);
    }
}
