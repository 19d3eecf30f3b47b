package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.WsEvent;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * AC-08: the WebSocket handshake completes within 5 s and {@code connection_established} arrives within 5 s. A
 * broadcast that another client's work sends at the same moment (a chat's {@code chat_typing}) may come before it:
 * the socket is registered for broadcasts as it is accepted; the order is reported, not judged.
 */
public final class WsConnects implements Check {

    private static final Duration FIRST_MESSAGE_TIMEOUT = Duration.ofSeconds(5);
    /** The handshake must complete within this, measured (the client itself waits longer). */
    private static final Duration HANDSHAKE_BUDGET = Duration.ofSeconds(5);

    private final OrchestratorApi api;

    public WsConnects(OrchestratorApi api) {
        this.api = api;
    }

    @Override
    public Outcome check(Findings findings) {
        URI uri = api.wsUri(api.baseUrl());
        try (SoakConnection ws = SoakConnection.open("direct", uri)) {
            if (ws.connected()) {
                Waits.until("connection_established on the WebSocket", FIRST_MESSAGE_TIMEOUT, Duration.ofMillis(50),
                        c -> c.failFast("WebSocket closed", () -> !ws.isOpen()), () -> established(ws).isPresent());
            }
            Optional<WsEvent> first = ws.firstMessage();
            Optional<WsEvent> established = established(ws);
            findings.measure("handshake_s", Math.round(ws.handshakeSeconds() * 1000) / 1000.0)
                    .evidence("first message", first.map(WsEvent::text).orElse("(none)"))
                    .evidence("events", ws.events().toString());
            if (!ws.connected()) {
                return Outcome
                        .failed(Problem.of(ProblemCode.HANDSHAKE_FAILED, "handshake to " + uri + " failed: " + ws.closeEvent().map(WsEvent::text).orElse("?")));
            }
            if (ws.handshakeSeconds() > HANDSHAKE_BUDGET.toSeconds()) {
                return Outcome.failed(Problem.of(ProblemCode.HANDSHAKE_SLOW, String.format("WebSocket handshake to %s took %.1f s, budget %d s", uri,
                        ws.handshakeSeconds(), HANDSHAKE_BUDGET.toSeconds())));
            }
            if (established.isEmpty()) {
                return Outcome.failed(Problem.of(ProblemCode.NO_CONNECTION_ESTABLISHED, "no connection_established from " + uri + " within "
                        + FIRST_MESSAGE_TIMEOUT.toSeconds() + " s of the handshake; first message: " + first.map(WsEvent::text).orElse("none arrived")));
            }
            int before = ws.messages(m -> true).indexOf(established.get());
            return Outcome.passed(String.format("handshake to %s in %.0f ms; connection_established %s", uri, ws.handshakeSeconds() * 1000,
                    before == 0 ? "was the first message" : "arrived after " + before + " broadcast(s) of other work (first: '" + first.map(WsEvent::type)
                            .orElse("?") + "')"));
        }
    }

    private static Optional<WsEvent> established(SoakConnection ws) {
        return ws.messages(m -> "connection_established".equals(m.type())).stream().findFirst();
    }
}
