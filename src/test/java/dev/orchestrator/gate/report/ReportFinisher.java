package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.waivers.WaiverUse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finishes a run's report exactly once: at the end of the test plan, or from the interrupt hook (verdict interrupted).
 * It judges over the catalogue what the plan never reached, computes the whole {@link Report} (verdict, waivers, trend),
 * has it written, and prints the closing console lines. The exit code is known only once the report is on disk: a
 * report that could not be written is exit 2 ({@link RunRecord#exitCodeOfTheRun()}).
 */
public final class ReportFinisher {

    private ReportFinisher() {
    }

    /**
     * Every criterion of the catalogue has an outcome, whatever the JUnit plan held: one the configuration selects that
     * the plan left out (a Failsafe/JUnit filter) cannot be evaluated; one whose turn never came is said.
     */
    static void overTheCatalogue(RunRecord record, ReportListener.ReportSettings settings, boolean interrupted) {
        for (CriterionResult r : record.results()) {
            if (r.wasReached()) {
                continue;
            }
            Criterion c = r.criterion();
            Outcome outcome;
            if (record.gateError().isPresent()) {
                outcome = Outcome.notRun("the gate could not run");
            } else if (!settings.selected().contains(c.id())) {
                outcome = Outcome.notRun("not selected");
            } else if (interrupted) {
                outcome = Outcome.notRun("interrupted");
            } else if (!record.planned.contains(c)) {
                outcome = Outcome.error("not in the test plan: excluded by " + (record.planFilter.isEmpty()
                        ? "a JUnit or Failsafe filter (-Dit.test, -Dgroups, -DexcludedGroups)" : record.planFilter)
                        + "; restrict a run with acceptance.criteria");
            } else {
                outcome = Outcome.error("selected, but the test plan ended without running it");
            }
            r.judged(outcome, Duration.ZERO, record.waivers().use(c.id(), outcome));
            if (outcome.status() == Status.error) {
                System.out.println(r.consoleLine()); // judged over the catalogue: said where the criteria that ran were said
            }
        }
    }

    /** What each waiver did, in the file's order, as decided when its criterion was judged. */
    static List<WaiverUse> waiverUses(RunRecord record) {
        return record.waivers().list().stream().map(w -> record.result(Criterion.byId(w.criterion()).orElseThrow()).waiverUse().orElseThrow()).toList();
    }

    /** The whole report of {@code record} as it ends now: the verdict over the catalogue, what each waiver did, the timings. */
    static Report compute(RunRecord record, ReportListener.ReportSettings settings, boolean interrupted) {
        overTheCatalogue(record, settings, interrupted);
        Instant finished = Instant.now();
        RunRecord.Established run = record.established(0);
        double total = Duration.between(Instant.parse(run.startedAt()), finished).toMillis() / 1000.0;
        run = record.established(total);
        List<WaiverUse> waivers = waiverUses(record);
        Verdicts.Decision decision = Verdicts.decide(run.criteria(), waivers, settings.selected(), settings.strict(), interrupted, run.gateError(),
                run.teardownProblems());
        return new Report(Report.SCHEMA_VERSION, run.suite(), run.target(), run.environment(), run.startedAt(), finished.toString(), decision.verdict(),
                decision.verdict().exitCode(), decision.failedCriteria(), run.gateError(), record.masker().mask(decision.headline()), run.teardownProblems(),
                run.notes(), run.createdByScripts(), run.criteria(), run.timings(), waivers, run.availability(), null);
    }

    /** Writes the run's report folder into {@code file}: whoever started this run reads its own report, not whatever latest/ holds then. */
    private static void pointTo(Path file, Path runDir) {
        try {
            Files.writeString(file, runDir.toAbsolutePath().toString());
        } catch (IOException e) {
            System.out.println("[gate] could not write the run's report folder into " + file + ": " + e.getMessage());
        }
    }

    /** Called by the interrupt hook: finishes the run's report as interrupted. */
    public static void finishInterrupted(RunRecord record) {
        finish(record, true);
    }

    /** Called at the end of the run (the adapter's last step, or the end of the plan): finishes the report, once. */
    public static void finish(RunRecord record) {
        finish(record, false);
    }

    static void finish(RunRecord record, boolean interrupted) {
        ReportListener.ReportSettings settings = record.reportSettings;
        if (settings == null || !record.finishing.compareAndSet(false, true)) {
            return; // no report for this plan, or already written
        }
        Report computed = compute(record, settings, interrupted);
        Written written;
        try {
            written = new ReportWriter(record.masker()).write(computed, settings.reportsDir());
        } catch (RuntimeException e) {
            System.out.println("[gate] REPORT NOT WRITTEN to " + settings.reportsDir() + ": " + e.getMessage());
            System.out.printf("[gate] VERDICT: ERROR (exit code 2): the run's verdict would have been %s, but no report exists%n", computed.verdict().upper());
            return;
        }
        Report report = written.report();
        record.finished(report);
        settings.runFile().ifPresent(file -> pointTo(file, written.folder()));
        System.out.println();
        System.out.printf("[gate] total %.1f s (soak %.1f s, overhead %.1f s)%n", report.timings().totalS(), report.timings().soakS(), report.timings()
                .overheadS());
        System.out.printf("[gate] report: %s (and %s)%n", written.folder().resolve(ReportWriter.HTML_FILE), settings.reportsDir().resolve("latest"));
        if (!report.teardownProblems().isEmpty()) {
            System.out.println("[gate] teardown problems: " + String.join("; ", report.teardownProblems()));
        }
        report.waivers().forEach(w -> record.log("waiver " + w.criterion() + " " + w.state() + ": " + w.line()));
        CiOutputs.publish(report, record.masker(), ReportWriter.summary(report, record.masker()), System.getenv(), System.out);
        System.out.printf("[gate] VERDICT: %s (exit code %d)%n", report.headline(), report.exitCode());
    }

    /** A report on disk: the report as written (its trend computed), and its folder. */
    record Written(Report report, Path folder) {
    }
}
