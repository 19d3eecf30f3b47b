package dev.orchestrator.gate.selftest;

import com.github.dockerjava.api.model.Container;
import com.sun.net.httpserver.HttpServer;
import dev.orchestrator.gate.docker.DockerEngine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Live mode against the bundled stack started separately: its criteria pass and the stack is left as it was. */
@ExtendWith(OnThisMachinesEngine.class)
class LiveModeIT {

    @Test
    @DisplayName("live mode verifies a running stack and changes nothing but the session reset it was allowed")
    void liveModeLeavesTheStackUntouched() {
        BundledStack.whileUp("gateselftest-live", () -> {
            DockerEngine engine = new DockerEngine();
            Map<String, String> before = identities(engine);

            Map<String, String> config = GateRuns.config("reports/selftest/live");
            config.put("acceptance.mode", "live");
            config.put("acceptance.base-url", "http://127.0.0.1:9403");
            config.put("acceptance.edge-url", "http://127.0.0.1:9480");
            config.put("acceptance.live.allow-reset", "true");
            GateRuns.Outcome outcome = GateRuns.runInProcess(config);

            System.out.println("[selftest] live mode: " + outcome.verdict() + " in " + outcome.took().toSeconds() + " s");
            for (String id : List.of("AC-06", "AC-07", "AC-08", "AC-11", "AC-13", "AC-16", "AC-17")) {
                assertThat(outcome.status(id)).as("live %s: %s", id, outcome.summary(id)).isEqualTo("passed");
            }
            // a short soak proves neither survival past the proxy's limit nor an operation longer than it: said, not ticked
            for (String id : List.of("AC-09", "AC-10")) {
                assertThat(outcome.status(id)).as("live %s: %s", id, outcome.summary(id)).isEqualTo("not_run");
                assertThat(outcome.summary(id)).as("live %s", id).contains("soak");
            }
            for (String id : List.of("AC-01", "AC-02", "AC-03", "AC-04", "AC-05", "AC-12", "AC-14", "AC-15", "AC-18")) {
                assertThat(outcome.status(id)).as("live %s: %s", id, outcome.summary(id)).isEqualTo("not_applicable");
            }
            assertThat(outcome.verdict()).isEqualTo("partial");
            assertThat(outcome.exitCode()).as("a selected criterion proved nothing: never exit 0").isEqualTo(2);
            assertThat(identities(engine)).as("container ids, start times and restart counts after the live run").isEqualTo(before);
        });
    }

    @Test
    @DisplayName("a live run against an https address that does not speak TLS: error, exit 2, naming the handshake; never the service's failure")
    void aTlsHandshakeThatFailsIsTheGatesError() throws Exception {
        // a plain HTTP server on loopback, addressed with https: as a live URL whose TLS is terminated elsewhere than configured
        HttpServer plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        plain.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        plain.start();
        try {
            Map<String, String> config = GateRuns.config("reports/selftest/live-tls");
            config.put("acceptance.mode", "live");
            config.put("acceptance.base-url", "https://127.0.0.1:" + plain.getAddress().getPort());
            config.put("acceptance.edge-url", "none");
            GateRuns.Outcome outcome = GateRuns.runInProcess(config);
            System.out.println("[selftest] live mode, TLS handshake fails: " + outcome.verdict() + ", exit " + outcome.exitCode() + ": " + outcome
                    .summary("AC-06"));
            assertThat(outcome.status("AC-06")).as(outcome.summary("AC-06")).isEqualTo("error");
            assertThat(outcome.summary("AC-06")).contains("the TLS handshake");
            outcome.report().path("criteria")
                    .forEach(c -> assertThat(c.path("status").asText()).as("%s: nothing is the service's failure", c.path("id").asText())
                    .isNotEqualTo("failed"));
            assertThat(outcome.verdict()).isEqualTo("error");
            assertThat(outcome.exitCode()).isEqualTo(2);
        } finally {
            plain.stop(0);
        }
    }

    private static Map<String, String> identities(DockerEngine engine) {
        return engine.allContainers().stream().collect(Collectors.toMap(Container::getId, c -> {
            var i = engine.inspect(c.getId()).orElseThrow();
            return i.getState().getStartedAt() + " restarts " + i.getRestartCount();
        }));
    }
}
