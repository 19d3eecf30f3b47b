package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.SoakWindow;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;

import static dev.orchestrator.gate.report.Rounding.hundredths;

/** AC-10: the long operation started with the window delivered its result through the edge, after longer than the proxy's idle limit. */
final class LongOperation {

    /** How long after the window the result may still arrive. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private LongOperation() {
    }

    static void check(GateRun gate, SoakWindow soak, Double proxyIdle, int resetsSent, CriterionReporter report) {
        if (soak.longOperationStart().isEmpty()) {
            report.notApplicable("no long operation configured (acceptance.long-operation.message)"
                    + (LiveMode.stateChangesAllowed(gate) ? "" : " or live mode without acceptance.live.allow-reset"));
            return;
        }
        if (proxyIdle == null) {
            report.notApplicable("no edge proxy in the path (acceptance.edge-url=none): over a direct connection no idle limit is crossed, so a long operation proves nothing");
            return;
        }
        if (soak.length().toSeconds() <= proxyIdle) {
            Assumptions.abort(String.format("not run: a %d s soak window cannot carry an operation longer than the proxy's %.0f s idle limit (acceptance.soak.seconds)",
                    soak.length().toSeconds(), proxyIdle));
        }
        SoakConnection via = soak.connection("edge").orElseThrow();
        double start = soak.longOperationStart().get();
        if (soak.awaitLongOperationResult(via, GRACE).isEmpty()) {
            report.summary("no final result on the " + via.label() + " WebSocket: " + via.status());
            throw new AssertionError("the long operation started at " + hundredths(start) + " s never delivered its result on the " + via.label()
                    + " WebSocket: " + via.status());
        }
        double took = soak.longOperationResult(via).get() - start;
        report.measure("duration_s", hundredths(took)).measure("via", via.label()).measure("proxy_idle_s", proxyIdle);
        if (took <= proxyIdle) {
            throw new AssertionError(String.format("the long operation took %.0f s, shorter than the proxy's %.0f s idle limit: proves nothing (acceptance.long-operation.message)",
                    took, proxyIdle));
        }
        report.summary(String.format("long operation '%s' delivered its result after %.1f s through the %s connection%s, after %d resets",
                        gate.settings().longOperationMessage().orElse(""), took, via.label(),
                        String.format(" (proxy idle limit %.0f s)", proxyIdle), resetsSent));
    }
}
