package dev.orchestrator.gate.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finishes a run's report exactly once: at the end of the test plan, or from the interrupt hook
 * (verdict interrupted). Prints the closing console lines: verdict, failed criteria, report path.
 * The exit code is known only once the report is on disk: a report that could not be written is exit 2.
 */
public final class ReportFinisher {

    private static final Map<RunRecord, ReportListener.ReportSettings> PENDING = new ConcurrentHashMap<>();
    private static final Set<RunRecord> INTERRUPTED = ConcurrentHashMap.newKeySet();

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

    static boolean interrupted(RunRecord record) {
        return INTERRUPTED.contains(record);
    }

    /** Called by the interrupt hook: finishes the active run as interrupted. */
    public static void finishInterrupted(RunRecord record) {
        INTERRUPTED.add(record);
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
                    .forEach(r -> r.summary = record.gateError != null ? "not run: the gate could not run"
                            : interrupted ? "not run: interrupted" : "not run: not selected");
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
                lastExitCode = 2;
                System.out.println("[gate] REPORT NOT WRITTEN to " + settings.reportsDir() + ": " + e.getMessage());
                System.out.printf("[gate] VERDICT: ERROR (exit code 2): the run's verdict would have been %s, but no report exists%n",
                        record.verdict.toUpperCase());
                return;
            }
            lastExitCode = record.exitCode;
            System.out.println();
            System.out.printf("[gate] total %.1f s (soak %.1f s, overhead %.1f s)%n", record.timings.totalS, record.timings.soakS, record.timings.overheadS);
            System.out.printf("[gate] report: %s (and %s)%n", dir.resolve(ReportWriter.HTML_FILE), settings.reportsDir().resolve("latest"));
            if (!record.teardownProblems.isEmpty()) {
                System.out.println("[gate] teardown problems: " + String.join("; ", record.teardownProblems));
            }
            System.out.printf("[gate] VERDICT: %s (exit code %d)%n", record.headline, record.exitCode);
        }
    }
}
