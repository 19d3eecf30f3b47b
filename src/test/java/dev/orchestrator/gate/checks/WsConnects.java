package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.WsEvent;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** AC-08: the WebSocket handshake completes within 5 s and {@code connection_established} arrives first. */
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
                Waits.until("first WebSocket message", FIRST_MESSAGE_TIMEOUT, Duration.ofMillis(50),
                        c -> c.failFast("WebSocket closed", () -> !ws.isOpen()), () -> ws.firstMessage().isPresent());
            }
            Optional<WsEvent> first = ws.firstMessage();
            findings.measure("handshake_s", Math.round(ws.handshakeSeconds() * 1000) / 1000.0)
                    .evidence("first message", first.map(WsEvent::text).orElse("(none)"))
                    .evidence("events", ws.events().toString());
            if (!ws.connected()) {
                return Outcome.failed("handshake to " + uri + " failed: " + ws.closeEvent().map(WsEvent::text).orElse("?"));
            }
            if (ws.handshakeSeconds() > HANDSHAKE_BUDGET.toSeconds()) {
                return Outcome.failed(String.format("WebSocket handshake to %s took %.1f s, budget %d s", uri, ws.handshakeSeconds(), HANDSHAKE_BUDGET.toSeconds()));
            }
            if (!first.map(WsEvent::type).orElse("").equals("connection_established")) {
                return Outcome.failed("first WebSocket message from " + uri + " within " + FIRST_MESSAGE_TIMEOUT.toSeconds() + " s is not connection_established: "
                        + first.map(WsEvent::text).orElse("none arrived"));
            }
            return Outcome.passed(String.format("handshake to %s in %.0f ms; first message type '%s'", uri, ws.handshakeSeconds() * 1000, first.get().type()));
        }
    }
}
