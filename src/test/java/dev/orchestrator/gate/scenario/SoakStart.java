package dev.orchestrator.gate.scenario;

import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.SoakWindow;
import io.restassured.response.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The soak window as it opened: idle WebSockets, the backend's identity before anything happened in it,
 * the orchestrator's id, and the long operation's start (its own POST's answer included).
 *
 * @param before        the service's container before anything in the window (null in live mode)
 * @param proxyIdle     the edge's idle limit in seconds, null without an edge
 * @param longOperation how the long operation's POST /send_chat answered, when one was started
 */
public record SoakStart(SoakWindow soak, ContainerSnapshot before, Double proxyIdle, String orchestratorId, Optional<LongOperationStart> longOperation)
        implements AutoCloseable {

    /** The long operation's own request: what it sent and how the service answered. */
    public record LongOperationStart(String message, int status, String body) {
        public boolean accepted() {
            return status / 100 == 2;
        }

        public String describe() {
            return "POST /send_chat '" + message + "' answered " + status + " " + body;
        }
    }

    static SoakStart open(GateRun gate, String when) {
        ContainerSnapshot before = gate.stack().map(ServiceContainer::snapshot).orElse(null);
        String orchestratorId = gate.api().orchestratorId();
        Map<String, URI> endpoints = new LinkedHashMap<>();
        endpoints.put("direct", gate.api().wsUri(gate.api().baseUrl()));
        gate.edgeApi().ifPresent(edge -> endpoints.put("edge", edge.wsUri(edge.baseUrl())));
        Double proxyIdle = gate.edgeApi().isPresent() ? (double) gate.settings().edgeIdleTimeoutS() : null;
        gate.log("soak window of " + gate.settings().soak().toSeconds() + " s opens " + when + ": idle WebSockets " + endpoints.values()
                + " (progress every 10 s)");
        SoakWindow soak = SoakWindow.open(gate.settings().soak(), endpoints);
        try {
            Optional<LongOperationStart> longOperation = Optional.empty();
            Optional<String> message = gate.settings().longOperationMessage();
            if (message.isPresent() && gate.stateChangesAllowed()) {
                Response sent = gate.api().sendChat(message.get(), orchestratorId);
                soak.markLongOperation(gate.settings().longOperationExpect());
                longOperation = Optional.of(new LongOperationStart(message.get(), sent.statusCode(), sent.asString()));
                gate.log("long operation '" + message.get() + "' started: " + sent.statusCode() + " " + sent.asString());
            }
            return new SoakStart(soak, before, proxyIdle, orchestratorId, longOperation);
        } catch (RuntimeException | AssertionError e) {
            soak.close(); // a window half opened is not left with its sockets
            throw e;
        }
    }

    /** Every connection of the window completed its handshake. */
    boolean connected() {
        return soak.connections().stream().allMatch(SoakConnection::connected);
    }

    @Override
    public void close() {
        soak.close();
    }
}
