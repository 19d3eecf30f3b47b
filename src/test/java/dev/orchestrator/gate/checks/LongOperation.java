package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.scenario.SoakStart;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.SoakWindow;

import java.time.Duration;

import static dev.orchestrator.gate.report.Rounding.hundredths;

/**
 * AC-10: the long operation started with the window delivered its result through the edge, after longer than
 * the proxy's idle limit. Without an edge, or without an operation configured, it is not applicable; one that
 * finished sooner proves nothing and fails.
 */
public final class LongOperation implements Check {

    /** How long after the window the result may still arrive. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final SoakStart start;
    private final String notConfigured;

    /** {@code notConfigured}: why there is no long operation when none was started. */
    public LongOperation(SoakStart start, String notConfigured) {
        this.start = start;
        this.notConfigured = notConfigured;
    }

    @Override
    public Outcome check(Findings findings) {
        SoakWindow soak = start.soak();
        if (start.longOperation().isEmpty()) {
            return Outcome.notApplicable(notConfigured);
        }
        Double proxyIdle = start.proxyIdle();
        if (proxyIdle == null) {
            return Outcome.notApplicable("no edge proxy in the path (acceptance.edge-url=none): over a direct connection no idle limit is crossed,"
                    + " so a long operation proves nothing");
        }
        findings.evidence("the long operation's POST /send_chat", start.longOperation().get().describe());
        if (!start.longOperation().get().accepted()) {
            return Outcome.failed(Problem.of(ProblemCode.OPERATION_REFUSED, "the long operation was refused: " + start.longOperation().get().describe()));
        }
        if (soak.length().toSeconds() <= proxyIdle) {
            return Outcome
                    .notRun(String.format("a %d s soak window cannot carry an operation longer than the proxy's %.0f s idle limit (acceptance.soak.seconds)",
                    soak.length().toSeconds(), proxyIdle));
        }
        SoakConnection via = soak.connection("edge").orElseThrow();
        double started = soak.longOperationStart().orElseThrow();
        if (soak.awaitLongOperationResult(via, GRACE).isEmpty()) {
            return Outcome
                    .failed(Problem.of(ProblemCode.NO_RESULT, "the long operation started at " + hundredths(started) + " s never delivered its result on the "
                    + via.label() + " WebSocket: " + via.status()));
        }
        double took = soak.longOperationResult(via).orElseThrow() - started;
        findings.measure("duration_s", hundredths(took)).measure("via", via.label()).measure("proxy_idle_s", proxyIdle);
        if (took <= proxyIdle) {
            return Outcome
                    .failed(Problem
                    .of(ProblemCode.OPERATION_TOO_SHORT, String.format("the long operation took %.0f s, shorter than the proxy's %.0f s idle limit:"
                    + " proves nothing (acceptance.long-operation.message)", took, proxyIdle)));
        }
        // only resets sent while it ran count: those it went on through (measured on the window's clock)
        long during = soak.resetsBetween(started, started + took);
        findings.measure("resets_during", during);
        return Outcome.passed(String.format("long operation '%s' delivered its result after %.1f s through the %s connection (proxy idle limit %.0f s), %s",
                start.longOperation().get().message(), took, via.label(), proxyIdle,
                during == 0 ? "with no reset sent while it ran" : "going on through the " + during + " reset" + (during == 1 ? "" : "s")
                        + " sent while it ran"));
    }
}
