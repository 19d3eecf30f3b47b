package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote engine for real: the same dockerd offered on tcp://127.0.0.2:port (loopback only),
 * DOCKER_HOST pointing there. The gate cannot know that address is this machine, so it treats the
 * engine as remote: the Docker client, compose, the docker CLI and the operator scripts all act on
 * that address; every container criterion runs, the host probes are not applicable, with the reason.
 * (tcp://127.0.0.1 or localhost counts as this machine: there the host probes apply and run.)
 */
@ExtendWith(OnThisMachinesEngine.class)
class RemoteEngineIT {

    private static final Path LOCAL_SOCKET = Path.of("/var/run/docker.sock");
    private static final String REPORT_DIR = "reports/selftest/remote-engine";
    /** Loopback, but not a name the gate takes for this machine. */
    private static final String REMOTE_LOOPBACK = "127.0.0.2";

    @Test
    @DisplayName("through DOCKER_HOST=tcp://127.0.0.2:<port> every container criterion runs and the host probes say why they cannot")
    void remoteEngineRunsEveryContainerCriterion() throws Exception {
        assertThat(Files.exists(LOCAL_SOCKET)).as("this self-test offers the local engine's socket %s over loopback TCP", LOCAL_SOCKET).isTrue();
        EngineSnapshot.assertLeavesNothing("the remote-engine run", engine -> {
            try (LoopbackDockerSocket remote = LoopbackDockerSocket.open(LOCAL_SOCKET, InetAddress.getByName(REMOTE_LOOPBACK))) {
                Map<String, String> config = SshEngineIT.config(REPORT_DIR);
                int exit;
                String output;
                try (GateProcess gate = GateProcess.start(config, Map.of("DOCKER_HOST", remote.dockerHost()))) {
                    exit = gate.waitFor(Duration.ofSeconds(600));
                    output = gate.output();
                }
                JsonNode report = GateRuns.readReport(GateRuns.PROJECT.resolve(REPORT_DIR));
                GateRuns.Outcome outcome = new GateRuns.Outcome(exit, report, Duration.ZERO);
                for (Criterion c : Criterion.values()) {
                    System.out.printf("[selftest] remote engine %s %s: %s%n", c.id(), outcome.status(c.id()), outcome.summary(c.id()));
                }
                assertThat(output).as("the gate talked to the engine at %s", remote.dockerHost()).contains("DOCKER_HOST=" + remote.dockerHost());
                for (String id : SshEngineIT.ENGINE_CRITERIA) {
                    assertThat(outcome.status(id)).as("remote engine %s: %s", id, outcome.summary(id)).isEqualTo("passed");
                }
                assertThat(outcome.summary("AC-19")).as("the users' lane followed over TCP")
                        .contains("(users' lane derived from Docker's events by the proxy's rule)");
                assertThat(outcome.summary("AC-01")).contains("b) host process not applicable").contains("remote");
                assertThat(outcome.summary("AC-03")).contains("host probes not applicable");
                assertThat(exit).as("a run restricted to the criteria that prove the engine: partial, exit 0").isZero();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
