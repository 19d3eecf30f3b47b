package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.scenario.SoakStart;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.SoakRules;
import dev.orchestrator.gate.ws.SoakWindow;
import dev.orchestrator.gate.ws.WsEvent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.orchestrator.gate.report.Rounding.hundredths;

/**
 * AC-09: every idle soak WebSocket (directly and through the edge) stayed open for the whole window with
 * keepalives no further apart than 1.5 x the expected interval. A window too short to outlast the proxy's
 * idle limit and twice the allowed gap proves nothing and says so; a drop seen is a failure whatever its length.
 */
public final class WsSurvives implements Check {

    private final SoakStart start;
    private final int keepaliveIntervalS;

    public WsSurvives(SoakStart start, int keepaliveIntervalS) {
        this.start = start;
        this.keepaliveIntervalS = keepaliveIntervalS;
    }

    @Override
    public Outcome check(Findings findings) {
        SoakWindow soak = start.soak();
        double maxGap = keepaliveIntervalS * 1.5;
        Optional<String> tooShort = SoakRules.whyTooShortToProve(soak.length(), start.proxyIdle(), maxGap);
        Waits.until("soak window of " + soak.length().toSeconds() + " s", soak.remaining().plusSeconds(5), Duration.ofMillis(250), soak::over);
        soak.end();
        List<Problem> problems = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (SoakConnection c : soak.connections()) {
            SoakConnection.KeepaliveStats k = c.keepalives(c.ageSeconds());
            double open = c.closeEvent().map(WsEvent::atSeconds).orElse(c.ageSeconds()) - Math.max(0, c.handshakeSeconds());
            findings.measure(c.label() + ".open_s", hundredths(open)).measure(c.label() + ".keepalives", k.count())
                    .measure(c.label() + ".max_gap_s", hundredths(k.maxGapSeconds()));
            c.closeEvent().ifPresent(e -> findings.evidence(c.label() + " closed", String.format("at %.1f s: code %s %s", e.atSeconds(), e.type(), e.text())));
            lines.add(c.status());
            if (!c.connected()) {
                problems.add(Problem.of(ProblemCode.WS_NOT_CONNECTED, c.label() + " WebSocket " + c.uri() + " never connected: " + c.status()));
            } else if (!c.isOpen()) {
                problems.add(Problem
                        .of(ProblemCode.WS_DROPPED, c.label() + " WebSocket " + c.uri() + " dropped during the " + soak.length().toSeconds() + " s soak: "
                        + c.closeEvent().map(e -> String.format("closed at %.1f s with code %s %s", e.atSeconds(), e.type(), e.text())).orElse("?")));
            }
            if (k.maxGapSeconds() > maxGap) {
                problems.add(Problem.of(ProblemCode.KEEPALIVE_GAP, String.format("%s: longest silence between keepalives %.1f s, allowed %s s (1.5 x %d s)",
                        c.label(), k.maxGapSeconds(), seconds(maxGap), keepaliveIntervalS)));
            }
        }
        SoakConnection first = soak.connections().get(0);
        findings.measure("open_s", hundredths(first.closeEvent().map(WsEvent::atSeconds).orElse(first.ageSeconds())))
                .measure("keepalives", first.keepalives(first.ageSeconds()).count())
                .measure("max_gap_s", hundredths(first.keepalives(first.ageSeconds()).maxGapSeconds()))
                .measure("timeline", soak.timeline(start.proxyIdle()))
                .evidence("timeline", soak.eventsText());
        if (!problems.isEmpty()) {
            return Outcome.failed(problems); // a drop or a long silence seen fails whatever the soak's length
        }
        if (tooShort.isPresent()) {
            return Outcome.notRun("a " + soak.length().toSeconds() + " s soak cannot prove an idle WebSocket survives: " + tooShort.get());
        }
        return Outcome.passed(String.join("; ", lines) + String.format(" (soak %d s, max gap allowed %s s)", soak.length().toSeconds(), seconds(maxGap)));
    }

    /** The allowed gap as it is: 45 for a 30 s interval, 4.5 for a 3 s one (never rounded to a gap the check does not use). */
    private static String seconds(double gap) {
        return BigDecimal.valueOf(gap).stripTrailingZeros().toPlainString();
    }
}
