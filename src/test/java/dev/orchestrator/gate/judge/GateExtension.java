package dev.orchestrator.gate.judge;

import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.report.ReportSession;
import dev.orchestrator.gate.report.RunRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Optional;

/**
 * The JUnit side of one gate run: before the adapter's criteria it starts the run (or records why the gate
 * cannot run, in one line), hands each criterion test the {@link Judge}, and after the last one tears down
 * and writes the report. The build fails exactly when the report's exit code is not 0: that failure is the
 * verdict's headline.
 */
public final class GateExtension implements BeforeAllCallback, ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GateExtension.class);
    private static final ExtensionContext.Namespace REPORT = ExtensionContext.Namespace.create(ReportSession.NAMESPACE);

    @Override
    public void beforeAll(ExtensionContext context) {
        judge(context);
    }

    private static Judge judge(ExtensionContext context) {
        return context.getRoot().getStore(NS).computeIfAbsent(Judge.class, k -> {
            RunRecord record = record(context);
            try {
                return Judge.of(record, GateRun.start(context, record));
            } catch (RuntimeException e) {
                String line = record.masker().mask(e.getMessage() == null ? e.toString() : e.getMessage());
                System.out.println("[gate] CANNOT RUN: " + line);
                record.gateError = line;
                return Judge.refused(record);
            }
        }, Judge.class);
    }

    /** The report's record of this plan, from the launcher session (see ReportSession); a fresh one when no report listens. */
    private static RunRecord record(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, REPORT)
                .get(ReportSession.RECORD, RunRecord.class)).orElseGet(RunRecord::new);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Judge.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return judge(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Judge judge = judge(context);
        RunRecord record = judge.record();
        if (judge.finish() != 0) {
            throw new GateVerdictException("[gate] VERDICT: " + (record.headline.isEmpty() ? "no report was written" : record.headline)
                    + " (exit code " + record.exitCodeOfTheRun() + ")");
        }
    }

    /** The run's verdict is not a pass: the build fails with its headline (the report has the details). */
    static final class GateVerdictException extends RuntimeException {
        GateVerdictException(String message) {
            super(message, null, false, false);
        }
    }
}
