package dev.orchestrator.gate.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finishes a run's report exactly once: at the end of the test plan, or from the interrupt hook
 * (verdict interrupted). Prints the closing console lines: verdict, failed criteria, report path.
 */
public final class ReportFinisher {

    private static final Map<RunRecord, ReportListener.ReportSettings> PENDING = new ConcurrentHashMap<>();

    private static volatile int lastExitCode = 2;

    private ReportFinisher() {
    }

    /** The exit code of the last report written in this JVM (2 when none was). */
    public static int lastExitCode() {
        return lastExitCode;
    }

    static void register(RunRecord record, ReportListener.ReportSettings settings) {
        lastExitCode = 2;
        PENDING.put(record, settings);
    }

    /** Called by the interrupt hook: finishes the active run as interrupted. */
    public static void finishInterrupted(RunRecord record) {
        ReportListener.ReportSettings settings = PENDING.get(record);
        if (settings != null) {
            finish(record, settings, true);
        }
    }

    static void finish(RunRecord record, ReportListener.ReportSettings settings, boolean interrupted) {
        if (PENDING.remove(record) == null) {
            return; // already written
        }
        synchronized (record) {
            record.criteria.stream().filter(r -> r.status == Status.not_run && r.summary.isEmpty())
                    .forEach(r -> r.summary = record.gateError != null ? "not run: the gate could not run" : interrupted ? "not run: interrupted" : "not run: not selected");
            Verdicts.decide(record, settings.allSelected(), settings.strict(), interrupted);
            Instant started = Instant.parse(record.startedAt);
            record.finishedAt = Instant.now().toString();
            double total = Duration.between(started, Instant.parse(record.finishedAt)).toMillis() / 1000.0;
            record.timings.totalS = Math.round(total * 10) / 10.0;
            record.timings.overheadS = Math.round((total - record.timings.soakS) * 10) / 10.0;
            lastExitCode = record.exitCode;
            Path dir;
            try {
                dir = new ReportWriter().write(record, settings.reportsDir());
            } catch (RuntimeException e) {
                System.out.println("[gate] REPORT NOT WRITTEN: " + e.getMessage());
                return;
            }
            System.out.println();
            System.out.printf("[gate] total %.1f s (soak %.1f s, overhead %.1f s)%n", record.timings.totalS, record.timings.soakS, record.timings.overheadS);
            System.out.printf("[gate] report: %s (and %s)%n", dir.resolve(ReportWriter.HTML_FILE), settings.reportsDir().resolve("latest"));
            if (!record.failedCriteria.isEmpty()) {
                System.out.println("[gate] failed criteria: " + String.join(", ", record.failedCriteria));
            }
            System.out.printf("[gate] VERDICT: %s (exit code %d)%n", record.verdict.toUpperCase(), record.exitCode);
        }
    }
}
