package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.report.Criterion;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.ws.SoakWindow;
import io.restassured.response.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The soak window's opening: idle WebSockets, the long operation and the backend's identity before
 * anything happens in it. The startup phase opens it as soon as the service answers, while AC-06
 * still waits for Docker's health (the first probe can come a full interval after the start); the
 * soak phase takes it over, or opens it itself.
 */
record SoakStart(SoakWindow soak, ContainerSnapshot before, Double proxyIdle, String orchestratorId) implements AutoCloseable {

    /** Whether any criterion of the soak window is selected. */
    static boolean needed(GateRun gate) {
        return Stream.of(Criterion.AC_07, Criterion.AC_09, Criterion.AC_10, Criterion.AC_11, Criterion.AC_12, Criterion.AC_13,
                Criterion.AC_16, Criterion.AC_17).anyMatch(gate::selects);
    }

    /** True when the service and the edge (if any) answer their health endpoint: the window's connections can open. */
    static boolean serviceAnswers(GateRun gate) {
        try {
            if (!answersHealthy(gate.api().health())) {
                return false;
            }
            return gate.edgeApi().map(edge -> answersHealthy(edge.health())).orElse(true);
        } catch (AssertionError | RuntimeException e) { // not answering yet: this is what is being waited for
            return false;
        }
    }

    private static boolean answersHealthy(Response r) {
        return r.statusCode() == 200 && r.contentType().contains("json") && "healthy".equals(r.jsonPath().getString("status"));
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
            Optional<String> longOp = gate.settings().longOperationMessage();
            if (longOp.isPresent() && LiveMode.stateChangesAllowed(gate)) {
                Response sent = gate.api().sendChat(longOp.get(), orchestratorId);
                soak.markLongOperation(gate.settings().longOperationExpect());
                gate.log("long operation '" + longOp.get() + "' started: " + sent.statusCode() + " " + sent.asString());
            }
        } catch (RuntimeException | AssertionError e) {
            soak.close(); // a window half opened is not left with its sockets
            throw e;
        }
        return new SoakStart(soak, before, proxyIdle, orchestratorId);
    }

    @Override
    public void close() {
        soak.close();
    }
}
