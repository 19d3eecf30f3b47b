package dev.orchestrator.gate.run;

import dev.orchestrator.gate.report.Criterion;
import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.report.ReportSession;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.report.Status;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Optional;

/**
 * Gives every phase the one {@link GateRun} of this test plan (created on first use, closed at the
 * end of the plan), a {@link CriterionReporter} per test, and skips criteria not selected.
 */
public final class GateExtension implements BeforeAllCallback, ParameterResolver, ExecutionCondition {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GateExtension.class);
    private static final ExtensionContext.Namespace REPORT = ExtensionContext.Namespace.create(ReportSession.NAMESPACE);

    /** The run, or the reason it could not start (then every phase fails with the same one line). */
    private record Holder(GateRun run, RuntimeException failure) implements AutoCloseable {
        @Override
        public void close() {
            if (run != null) {
                run.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        gateRun(context);
    }

    static GateRun gateRun(ExtensionContext context) {
        Holder holder = context.getRoot().getStore(NS).computeIfAbsent("run", k -> {
            RunRecord record = record(context);
            try {
                return new Holder(GateRun.start(context, record), null);
            } catch (RuntimeException e) {
                String line = record.masker().mask(e.getMessage() == null ? e.toString() : e.getMessage());
                System.out.println("[gate] CANNOT RUN: " + line);
                record.gateError = line;
                return new Holder(null, e);
            }
        }, Holder.class);
        if (holder.failure() != null) {
            throw holder.failure();
        }
        return holder.run();
    }

    /** The report's record of this plan, from the launcher session (see ReportSession); a fresh one when no report listens. */
    private static RunRecord record(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, REPORT)
                .get(ReportSession.RECORD, RunRecord.class)).orElseGet(RunRecord::new);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == GateRun.class || type == CriterionReporter.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == GateRun.class) {
            return gateRun(context);
        }
        return new CriterionReporter(context::publishReportEntry, gateRun(context).record().masker());
    }

    /**
     * Before each criterion: skipped when not selected (a selection brings its prerequisites), and
     * not run, with the cause named, when a prerequisite did not pass.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Criterion> criterion = context.getTags().stream().map(Criterion::byId).flatMap(Optional::stream).findFirst();
        if (context.getTestMethod().isEmpty() || criterion.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a criterion");
        }
        GateRun gate = gateRun(context);
        if (!gate.selects(criterion.get())) {
            return ConditionEvaluationResult.disabled("not selected (acceptance.criteria=" + gate.settings().criteria() + ")");
        }
        RunRecord record = gate.record();
        for (String id : criterion.get().requires()) {
            Status status = record == null ? Status.not_run : record.result(Criterion.byId(id).orElseThrow()).status;
            if (status != Status.passed && status != Status.not_applicable) {
                return ConditionEvaluationResult.disabled("not run: " + id + (status == Status.not_run ? " did not run" : " " + status.name()));
            }
        }
        return ConditionEvaluationResult.enabled("selected, prerequisites passed");
    }
}
