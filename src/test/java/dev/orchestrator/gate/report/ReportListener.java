package dev.orchestrator.gate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.config.SecretMasker;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects what the criterion tests publish (status, duration, measurements, evidence) into a
 * {@link RunRecord} and writes the report when the plan finishes. Only plans that contain
 * criteria (tests tagged AC-xx) produce a report.
 */
public final class ReportListener implements TestExecutionListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunRecord record;
    private ReportSettings settings;
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final Set<Criterion> planned = EnumSet.noneOf(Criterion.class);

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        planned.clear();
        plan.getRoots().forEach(root -> plan.getDescendants(root).forEach(id -> criterionOf(id).ifPresent(planned::add)));
        if (planned.isEmpty()) {
            return;
        }
        settings = ReportSettings.from(plan.getConfigurationParameters());
        record = new RunRecord();
        planned.forEach(record::result);
        RunRecord.push(record);
        ReportFinisher.register(record, settings);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (record != null) {
            startedNanos.put(id.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        criterionOf(id).ifPresent(c -> {
            CriterionResult result = record.result(c);
            entry.getKeyValuePairs().forEach((key, value) -> {
                if (key.equals(CriterionReporter.SUMMARY)) {
                    result.summary = value;
                } else if (key.equals(CriterionReporter.NOT_APPLICABLE)) {
                    result.status = Status.not_applicable;
                    result.summary = "not applicable: " + value;
                } else if (key.startsWith(CriterionReporter.MEASURE)) {
                    result.measurements.put(key.substring(CriterionReporter.MEASURE.length()), parse(value));
                } else if (key.startsWith(CriterionReporter.EVIDENCE)) {
                    result.evidence.add(new CriterionResult.Evidence(key.substring(CriterionReporter.EVIDENCE.length()), value));
                }
            });
        });
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        criterionOf(id).ifPresent(c -> {
            CriterionResult result = record.result(c);
            result.status = Status.not_run;
            result.summary = reason.startsWith("not run") ? reason : "not run: " + reason;
        });
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult outcome) {
        if (record == null) {
            return;
        }
        Long start = startedNanos.remove(id.getUniqueId());
        double seconds = start == null ? 0 : (System.nanoTime() - start) / 1e9;
        if (id.isContainer() && id.getSource().map(s -> s.getClass().getSimpleName()).orElse("").equals("ClassSource")) {
            record.timings.phasesS.put(id.getDisplayName(), Math.round(seconds * 10) / 10.0);
            if (outcome.getStatus() == TestExecutionResult.Status.FAILED) {
                outcome.getThrowable().ifPresent(t -> record.note(id.getDisplayName() + ": " + SecretMasker.global().mask(String.valueOf(t.getMessage()))));
            }
        }
        criterionOf(id).ifPresent(c -> {
            CriterionResult result = record.result(c);
            result.durationMs = Math.round(seconds * 1000);
            String message = outcome.getThrowable().map(t -> SecretMasker.global().mask(summarize(t))).orElse("");
            switch (outcome.getStatus()) {
                case SUCCESSFUL -> {
                    if (result.status != Status.not_applicable) {
                        result.status = Status.passed;
                    }
                }
                case ABORTED -> {
                    result.status = Status.not_run;
                    result.summary = message.replaceFirst("^Assumption failed: ", "");
                }
                case FAILED -> {
                    Throwable t = outcome.getThrowable().orElse(null);
                    boolean checkFailed = t instanceof AssertionError || t instanceof ConditionTimeoutException || serviceDidNotAnswer(t);
                    result.status = checkFailed ? Status.failed : Status.error;
                    result.summary = (checkFailed ? "FAILED: " : "ERROR (check could not be evaluated): ") + message;
                }
            }
            System.out.printf("[gate] %s %-14s %s%n", c.id(), result.status, result.summary);
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (record == null) {
            return;
        }
        ReportFinisher.finish(record, settings, false);
        RunRecord.pop(record);
        record = null;
    }

    static Optional<Criterion> criterionOf(TestIdentifier id) {
        if (!id.isTest()) {
            return Optional.empty();
        }
        return id.getTags().stream().map(TestTag::getName).map(Criterion::byId).flatMap(Optional::stream).findFirst();
    }

    /** The service under test refused or dropped a connection: the stack is wrong, not the check. */
    static boolean serviceDidNotAnswer(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException || c instanceof java.net.SocketTimeoutException
                    || c instanceof org.apache.http.NoHttpResponseException) {
                return true;
            }
        }
        return false;
    }

    private static Object parse(String value) {
        try {
            return JSON.readValue(value, Object.class);
        } catch (Exception e) {
            return value;
        }
    }

    /** One line per failed fact: soft assertions list each failure's own description. */
    static String summarize(Throwable t) {
        if (t instanceof org.opentest4j.MultipleFailuresError multiple) {
            return String.join("; ", multiple.getFailures().stream().map(f -> firstLines(f.getMessage())).toList());
        }
        return firstLines(t.getMessage());
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "";
        }
        // AssertJ appends where a soft assertion stood ("at SoakWindowIT.x(SoakWindowIT.java:128)"): not for release managers
        String[] lines = message.strip().replaceAll("(?m)^\\s*at [\\w.$]+\\([\\w.]+:\\d+\\)\\s*$", "").split("\n");
        return String.join(" ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 6))).replaceAll("\\s+", " ").strip();
    }

    /** Report settings from the launcher's configuration parameters (which fall back to -D). */
    record ReportSettings(Path reportsDir, boolean allSelected, boolean strict) {
        static ReportSettings from(org.junit.platform.engine.ConfigurationParameters params) {
            Path project = Path.of(params.get("acceptance.project.dir").orElse(System.getProperty("acceptance.project.dir", ".")));
            Path dir = project.resolve(params.get("acceptance.report.dir").orElse("reports"));
            boolean all = params.get("acceptance.criteria").map(String::isBlank).orElse(true);
            boolean strict = params.getBoolean("acceptance.strict").orElse(false);
            return new ReportSettings(dir, all, strict);
        }
    }
}
