package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.waivers.WaiverUse;
import dev.orchestrator.gate.waivers.Waivers;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Finishes a run's report exactly once: at the end of the test plan, or from the interrupt hook
 * (verdict interrupted). Prints the closing console lines: verdict, failed criteria, report path.
 * The exit code is known only once the report is on disk: a report that could not be written is exit 2
 * ({@link RunRecord#exitCodeOfTheRun()}).
 */
public final class ReportFinisher {

    private ReportFinisher() {
    }

    /**
     * Every criterion of the catalogue has a status, whatever the JUnit plan held: one the configuration selects
     * that the plan left out (a Failsafe/JUnit filter) cannot be evaluated; one whose turn never came is said.
     */
    static void overTheCatalogue(RunRecord record, ReportListener.ReportSettings settings, boolean interrupted) {
        for (Criterion c : Criterion.values()) {
            CriterionResult r = record.result(c);
            if (r.reached) {
                continue;
            }
            boolean selected = settings.selected().contains(c.id());
            if (record.gateError != null) {
                r.summary = "not run: the gate could not run";
            } else if (!selected) {
                r.summary = "not run: not selected";
            } else if (interrupted) {
                r.summary = "not run: interrupted";
            } else if (!record.planned.contains(c)) {
                r.status = Status.error;
                r.summary = "could not be evaluated: not in the test plan: excluded by " + (record.planFilter.isEmpty()
                        ? "a JUnit or Failsafe filter (-Dit.test, -Dgroups, -DexcludedGroups)" : record.planFilter)
                        + "; restrict a run with acceptance.criteria";
            } else {
                r.status = Status.error;
                r.summary = "could not be evaluated: selected, but the test plan ended without running it";
            }
            if (r.status == Status.error) {
                System.out.println(r.consoleLine()); // judged over the catalogue: said where the criteria that ran were said
            }
        }
    }

    /**
     * What each waiver did: as decided when its criterion was judged (before a summary said why it did not waive),
     * or, for a criterion judged over the catalogue (not run, could not be evaluated), from its status now.
     */
    static java.util.List<WaiverUse> waiverUses(RunRecord record) {
        Waivers waivers = record.waiverFile();
        return waivers.list().stream().map(w -> {
            CriterionResult r = record.result(Criterion.byId(w.criterion()).orElseThrow());
            return r.waiverUse != null ? r.waiverUse : waivers.use(w.criterion(), new Waivers.Judged(r.status.name(), r.summary)).orElseThrow();
        }).toList();
    }

    /** Writes the run's report folder into {@code file}: whoever started this run reads its own report, not whatever latest/ holds then. */
    private static void pointTo(Path file, Path runDir) {
        try {
            java.nio.file.Files.writeString(file, runDir.toAbsolutePath().toString());
        } catch (java.io.IOException e) {
            System.out.println("[gate] could not write the run's report folder into " + file + ": " + e.getMessage());
        }
    }

    /** Called by the interrupt hook: finishes the run's report as interrupted. */
    public static void finishInterrupted(RunRecord record) {
        record.interrupted = true;
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
        synchronized (record) {
            overTheCatalogue(record, settings, interrupted);
            record.waivers = waiverUses(record);
            Verdicts.decide(record, settings.selected(), settings.strict(), interrupted);
            Instant started = Instant.parse(record.startedAt);
            record.finishedAt = Instant.now().toString();
            double total = Duration.between(started, Instant.parse(record.finishedAt)).toMillis() / 1000.0;
            record.timings.totalS = Math.round(total * 10) / 10.0;
            record.timings.overheadS = Math.round((total - record.timings.soakS) * 10) / 10.0;
            Path dir;
            try {
                dir = new ReportWriter().write(record, settings.reportsDir());
            } catch (RuntimeException e) {
                System.out.println("[gate] REPORT NOT WRITTEN to " + settings.reportsDir() + ": " + e.getMessage());
                System.out.printf("[gate] VERDICT: ERROR (exit code 2): the run's verdict would have been %s, but no report exists%n",
                        record.verdict.toUpperCase());
                return;
            }
            record.reportWritten = true;
            settings.runFile().ifPresent(file -> pointTo(file, dir));
            System.out.println();
            System.out.printf("[gate] total %.1f s (soak %.1f s, overhead %.1f s)%n", record.timings.totalS, record.timings.soakS, record.timings.overheadS);
            System.out.printf("[gate] report: %s (and %s)%n", dir.resolve(ReportWriter.HTML_FILE), settings.reportsDir().resolve("latest"));
            if (!record.teardownProblems.isEmpty()) {
                System.out.println("[gate] teardown problems: " + String.join("; ", record.teardownProblems));
            }
            record.waivers.forEach(w -> record.log("waiver " + w.criterion() + " " + w.state() + ": " + w.line()));
            CiOutputs.publish(record, ReportWriter.summary(record), System.getenv(), System.out);
            System.out.printf("[gate] VERDICT: %s (exit code %d)%n", record.headline, record.exitCode);
        }
    }
}
