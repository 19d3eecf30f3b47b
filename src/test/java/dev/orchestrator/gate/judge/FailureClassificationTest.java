package dev.orchestrator.gate.judge;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.api.ServiceUnreachable;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.checks.Findings;
import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.config.SecretMasker;
import dev.orchestrator.gate.docker.BackendAssert;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.failure.PhaseFailure;
import dev.orchestrator.gate.failure.ServiceFailure;
import dev.orchestrator.gate.report.RunRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What decides exit 1 or exit 2 for a check that threw: only what the stack under test did is a failure; the gate's own trouble is an error. */
class FailureClassificationTest {

    private static final GateSettings.Endpoints PATHS = new GateSettings.Endpoints("/health", "/ws", "/api/orchestrator/reset", "/api/orchestrator/reboot");

    private static Status statusOf(Throwable t) {
        Outcome outcome = CriterionVerdict.outcomeOf(t, new Findings(new RunRecord().result(Criterion.AC_11), new SecretMasker()));
        return outcome.status();
    }

    @Test
    void whatTheServiceDidIsAFailure() {
        assertThat(statusOf(new ServiceFailure(ProblemCode.UNEXPECTED_ANSWER, "GET /get_orchestrator answered HTTP 500"))).isEqualTo(Status.failed);
        assertThat(statusOf(new ServiceUnreachable("GET http://127.0.0.1:9403/health: Connection refused", new ConnectException("refused"))))
                .isEqualTo(Status.failed);
        ContainerSnapshot before = new ContainerSnapshot("a1b2c3d4e5f6", "orchestrator", "running", "t0", 0, 1, List.of(), List.of("127.0.0.1:9403->9403/tcp"),
                Optional.empty(), "not read");
        ContainerSnapshot after = new ContainerSnapshot("a1b2c3d4e5f6", "orchestrator", "running", "t1", 1, 2, List.of(), List.of("127.0.0.1:9403->9403/tcp"),
                Optional.empty(), "not read");
        assertThat(statusOf(catchIt(() -> BackendAssert.assertThat(after).isSameBackendAs(before, 9403)))).isEqualTo(Status.failed);
    }

    @Test
    void theGatesOwnTroubleIsAnError() {
        assertThat(statusOf(new AssertionError("a plain assertion of the gate's own code"))).isEqualTo(Status.error);
        assertThat(statusOf(new ConditionTimeoutException("planted host process listening on 9403 within 10 seconds"))).isEqualTo(Status.error);
        assertThat(statusOf(new IllegalStateException("no cleanup script configured"))).isEqualTo(Status.error);
        assertThat(statusOf(new PhaseFailure(Criterion.Phase.SOAK_WINDOW,
                new ServiceFailure(ProblemCode.UNEXPECTED_ANSWER, "GET /get_orchestrator answered HTTP 500")))).isEqualTo(Status.error);
        assertThat(statusOf(new RuntimeException(new SSLHandshakeException("Unsupported or unrecognized SSL message")))).isEqualTo(Status.error);
        SocketTimeoutException handshake = new SocketTimeoutException("Read timed out");
        handshake.setStackTrace(new StackTraceElement[] {new StackTraceElement("sun.security.ssl.SSLSocketImpl", "startHandshake", "SSLSocketImpl.java", 451)});
        assertThat(OrchestratorApi.serviceDidNotAnswer(handshake)).as("a TLS handshake that never completed (a plain server behind https)").isFalse();
        assertThat(OrchestratorApi.serviceDidNotAnswer(new SocketTimeoutException("Read timed out"))).as("the service's own answer timed out").isTrue();
    }

    @Test
    void aRefusedPortIsTheServicesAndATlsHandshakeWithAPlainServerIsTheGates() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        int port = free;
        assertThatThrownBy(() -> new OrchestratorApi(URI.create("http://127.0.0.1:" + port), PATHS).health()).isInstanceOf(ServiceUnreachable.class)
                .hasMessageContaining("GET http://127.0.0.1:" + port + "/health");
        try (ServerSocket plain = new ServerSocket(0)) {
            Thread answer = new Thread(() -> {
                try (Socket s = plain.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[1024]);
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the client gave up on the handshake
                }
            });
            answer.setDaemon(true);
            answer.start();
            Throwable thrown = catchIt(() -> new OrchestratorApi(URI.create("https://127.0.0.1:" + plain.getLocalPort()), PATHS).health());
            assertThat(thrown).isInstanceOf(OrchestratorApi.GateCannotReach.class).isNotInstanceOf(ServiceFailure.class);
            assertThat(statusOf(thrown)).as("a live run whose TLS handshake fails could not be evaluated").isEqualTo(Status.error);
        }
    }

    private static Throwable catchIt(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("nothing was thrown");
    }
}
