package dev.orchestrator.gate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.config.GateConfig;
import dev.orchestrator.gate.config.GateConfigException;
import dev.orchestrator.gate.config.SecretMasker;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects what the criterion tests publish (status, duration, measurements, evidence) into a
 * {@link RunRecord} and writes the report when the plan finishes. Only plans that contain
 * criteria (tests tagged AC-xx) produce a report. A phase that crashed before its criteria ran
 * turns them into {@code error} with the cause, never into a silent "not selected".
 */
public final class ReportListener implements TestExecutionListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NamespacedHierarchicalStore<Namespace> sessionStore;
    private RunRecord record;
    private ReportSettings settings;
    private TestPlan plan;
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    /** Criteria that got a start or a skip: the others never reached JUnit's attention. */
    private final Set<Criterion> reached = ConcurrentHashMap.newKeySet();

    ReportListener(NamespacedHierarchicalStore<Namespace> sessionStore) {
        this.sessionStore = sessionStore;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Set<Criterion> planned = EnumSet.noneOf(Criterion.class);
        plan.getRoots().forEach(root -> plan.getDescendants(root).forEach(id -> criterionOf(id).ifPresent(planned::add)));
        if (planned.isEmpty()) {
            return;
        }
        this.plan = plan;
        reached.clear();
        settings = ReportSettings.from(GateConfig.from(plan.getConfigurationParameters()::get));
        record = new RunRecord();
        record.reportSettings = settings;
        record.masker().addFromEnvironment(System.getenv());
        planned.forEach(record::result);
        ReportSession.put(sessionStore, record);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (record != null) {
            startedNanos.put(id.getUniqueId(), System.nanoTime());
            criterionOf(id).ifPresent(reached::add);
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
                } else if (key.startsWith(CriterionReporter.ATTACHMENT)) {
                    attachment(result, key.substring(CriterionReporter.ATTACHMENT.length()), value);
                }
            });
        });
    }

    /** Takes over the temporary file of an attachment entry ("label\npath"): its bytes go into the record, the file is deleted. */
    private static void attachment(CriterionResult result, String fileName, String value) {
        int newline = value.lastIndexOf('\n');
        java.nio.file.Path file = java.nio.file.Path.of(value.substring(newline + 1));
        try {
            result.attachments.add(new CriterionResult.Attachment(value.substring(0, Math.max(0, newline)), fileName, "image/png",
                    java.nio.file.Files.readAllBytes(file)));
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            result.evidence.add(new CriterionResult.Evidence("attachment " + fileName, "could not be read: " + e));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (record == null) {
            return;
        }
        criterionOf(id).ifPresent(c -> {
            reached.add(c);
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
        if (id.isContainer() && id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
            record.timings.phasesS.put(id.getDisplayName(), Math.round(seconds * 10) / 10.0);
            if (outcome.getStatus() == TestExecutionResult.Status.FAILED) {
                String cause = record.masker().mask(outcome.getThrowable().map(FailureSummary::summarize).orElse("unknown cause"));
                record.note(id.getDisplayName() + " failed: " + cause);
                crashed(id, cause);
            }
        }
        criterionOf(id).ifPresent(c -> {
            CriterionResult result = record.result(c);
            result.durationMs = Math.round(seconds * 1000);
            classify(result, outcome, record.masker());
            System.out.printf("[gate] %s %-14s %s%n", c.id(), result.status, result.summary);
        });
    }

    /** The status a finished criterion test earned (see the catalogue's status rules). */
    static void classify(CriterionResult result, TestExecutionResult outcome, SecretMasker masker) {
        Throwable t = outcome.getThrowable().orElse(null);
        switch (outcome.getStatus()) {
            case SUCCESSFUL -> {
                if (result.status != Status.not_applicable) {
                    result.status = Status.passed;
                }
            }
            case ABORTED -> {
                result.status = Status.not_run;
                String why = t == null ? "" : masker.mask(String.valueOf(t.getMessage())).replaceFirst("^Assumption failed: ", "");
                result.summary = why.startsWith("not run") ? why : "not run: " + why;
            }
            case FAILED -> {
                boolean checkFailed = t instanceof AssertionError || t instanceof ConditionTimeoutException || serviceDidNotAnswer(t);
                result.status = checkFailed ? Status.failed : Status.error;
                String line = masker.mask(t == null ? "unknown cause" : FailureSummary.summarize(t));
                result.summary = checkFailed ? line : "could not be evaluated: " + line;
                if (t != null) {
                    result.evidence.add(new CriterionResult.Evidence(checkFailed ? "failed checks" : "error",
                            masker.mask(t.getClass().getSimpleName() + ": " + FailureSummary.details(t))));
                }
            }
        }
    }

    /** A phase failed before (or around) its criteria: those JUnit never started are accounted for here. */
    private void crashed(TestIdentifier phase, String cause) {
        for (TestIdentifier child : plan.getDescendants(phase)) {
            criterionOf(child).filter(c -> !reached.contains(c)).ifPresent(c -> {
                reached.add(c);
                CriterionResult result = record.result(c);
                Optional<String> failedPrerequisite = c.requires().stream()
                        .filter(p -> record.result(Criterion.byId(p).orElseThrow()).status != Status.passed
                                && record.result(Criterion.byId(p).orElseThrow()).status != Status.not_applicable).findFirst();
                if (record.gateError != null) {
                    result.summary = "not run: the gate could not run";
                } else if (!settings.selected().contains(c.id())) {
                    result.summary = "not run: not selected";
                } else if (failedPrerequisite.isPresent()) {
                    result.summary = "not run: " + failedPrerequisite.get() + " " + record.result(Criterion.byId(failedPrerequisite.get()).orElseThrow()).status;
                } else {
                    result.status = Status.error;
                    result.summary = "could not be evaluated: the phase '" + phase.getDisplayName() + "' failed before it ran: " + cause;
                }
                if (record.gateError == null) {
                    System.out.printf("[gate] %s %-14s %s%n", c.id(), result.status, result.summary);
                }
            });
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (record == null) {
            return;
        }
        for (Criterion c : Criterion.values()) {
            CriterionResult result = record.criteria.stream().filter(r -> r.id.equals(c.id())).findFirst().orElse(null);
            if (result != null && !reached.contains(c) && result.summary.isEmpty() && record.gateError == null
                    && settings.selected().contains(c.id()) && !record.interrupted) {
                result.status = Status.error;
                result.summary = "could not be evaluated: selected, but the test plan ended without running it";
            }
        }
        ReportFinisher.finish(record, false);
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

    /** What the report needs to know of the configuration, read the same way as everything else. */
    public record ReportSettings(Path reportsDir, Set<String> selected, boolean strict) {
        static ReportSettings from(GateConfig config) {
            Set<String> selected;
            try {
                selected = Criterion.selection(config.string("acceptance.criteria"));
            } catch (GateConfigException e) {
                // the run refuses with this message; the report then covers the whole catalogue
                selected = new TreeSet<>(Arrays.stream(Criterion.values()).map(Criterion::id).toList());
            }
            return new ReportSettings(config.reportDir(), selected, config.strict());
        }
    }
}
