package dev.orchestrator.gate.judge;

import dev.orchestrator.gate.report.Report;
import dev.orchestrator.gate.report.ReportSession;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.report.RunSettings;
import dev.orchestrator.gate.run.GateRun;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Instant;
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
            RunSettings settings = settings(context);
            Instant now = Instant.now();
            record.started(now);
            String runId = GateRun.newRunId(now);
            // said before anything else, so that a refusal always follows the run's first line
            record.log("run " + runId + " (" + settings.mode() + " mode)");
            try {
                if (settings.refusal().isPresent()) {
                    return refused(record, settings.refusal().get());
                }
                return Judge.of(record, GateRun.start(runId, settings.settings().orElseThrow(), settings.selected(), record));
            } catch (RuntimeException e) {
                return refused(record, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }, Judge.class);
    }

    /** The gate cannot run: the one line why, said on the console and in the report. */
    private static Judge refused(RunRecord record, String why) {
        record.refused(why);
        System.out.println("[gate] CANNOT RUN: " + record.gateError().orElseThrow());
        return Judge.refused(record);
    }

    /** The report's record of this plan, from the launcher session (see ReportSession); a fresh one when no report listens. */
    private static RunRecord record(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, REPORT)
                .get(ReportSession.RECORD, RunRecord.class)).orElseGet(RunRecord::new);
    }

    /** The run's settings as the report listener read them when the plan started; read here when no report listens. */
    private static RunSettings settings(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, REPORT)
                .get(ReportSession.SETTINGS, RunSettings.class)).orElseGet(() -> RunSettings.read(context::getConfigurationParameter));
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
            throw new GateVerdictException("[gate] VERDICT: " + record.report().map(Report::headline).orElse("no report was written")
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
