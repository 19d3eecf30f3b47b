package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.SoakRules;
import dev.orchestrator.gate.ws.SoakWindow;
import dev.orchestrator.gate.ws.WsEvent;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.orchestrator.gate.report.Rounding.hundredths;
import static org.awaitility.Awaitility.await;

/** AC-09: every soak WebSocket stayed open with keepalives for the whole window; a window too short to prove it says so. */
final class SoakSurvival {

    private SoakSurvival() {
    }

    /** Waits for the window's end, then judges each connection; {@code proxyIdle} is the edge's idle limit, null without an edge. */
    static void check(GateRun gate, SoakWindow soak, Double proxyIdle, CriterionReporter report) {
        double allowedGap = gate.settings().keepaliveIntervalS() * 1.5;
        Optional<String> tooShort = SoakRules.whyTooShortToProve(soak.length(), proxyIdle, allowedGap);
        await("soak window of " + soak.length().toSeconds() + " s").atMost(soak.remaining().plusSeconds(5)).pollInterval(Duration.ofMillis(250)).until(soak::over);
        soak.end();
        double expected = gate.settings().keepaliveIntervalS();
        double maxGap = expected * 1.5;
        SoftAssertions softly = new SoftAssertions();
        List<String> lines = new ArrayList<>();
        for (SoakConnection c : soak.connections()) {
            SoakConnection.KeepaliveStats k = c.keepalives(c.ageSeconds());
            double open = c.closeEvent().map(WsEvent::atSeconds).orElse(c.ageSeconds()) - Math.max(0, c.handshakeSeconds());
            report.measure(c.label() + ".open_s", hundredths(open)).measure(c.label() + ".keepalives", k.count()).measure(c.label() + ".max_gap_s", hundredths(k.maxGapSeconds()));
            c.closeEvent().ifPresent(e -> report.evidence(c.label() + " closed", String.format("at %.1f s: code %s %s", e.atSeconds(), e.type(), e.text())));
            lines.add(c.status());
            softly.assertThat(c.connected()).as("%s WebSocket %s never connected: %s", c.label(), c.uri(), c.status()).isTrue();
            softly.assertThat(c.isOpen()).as("%s WebSocket %s dropped during the %d s soak: %s", c.label(), c.uri(), soak.length().toSeconds(),
                    c.closeEvent().map(e -> String.format("closed at %.1f s with code %s %s", e.atSeconds(), e.type(), e.text())).orElse("?")).isTrue();
            softly.assertThat(k.maxGapSeconds()).as("%s: longest silence between keepalives %.1f s, allowed %.0f s (1.5 x %.0f s)",
                    c.label(), k.maxGapSeconds(), maxGap, expected).isLessThanOrEqualTo(maxGap);
        }
        SoakConnection first = soak.connections().get(0);
        report.measure("open_s", hundredths(first.closeEvent().map(WsEvent::atSeconds).orElse(first.ageSeconds())))
                .measure("keepalives", first.keepalives(first.ageSeconds()).count())
                .measure("max_gap_s", hundredths(first.keepalives(first.ageSeconds()).maxGapSeconds()))
                .measure("timeline", soak.timeline(proxyIdle))
                .evidence("timeline", soak.eventsText())
                .summary(String.join("; ", lines) + String.format(" (soak %d s, max gap allowed %.0f s)", soak.length().toSeconds(), maxGap));
        softly.assertAll(); // a drop or a long silence seen is a failure whatever the soak's length
        // the timeline above is evidence either way; a soak too short to prove survival is said, not ticked
        tooShort.ifPresent(why -> Assumptions.abort("not run: a " + soak.length().toSeconds() + " s soak cannot prove an idle WebSocket survives: " + why));
    }
}
