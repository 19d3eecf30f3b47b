package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.model.HealthCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What AC-12 and AC-15 decide with: identity differences and the healthcheck's probe processes. */
class ContainerIdentityTest {

    private static final List<String> PORTS = List.of("127.0.0.1:9403->9403/tcp");
    private static final ContainerSnapshot BEFORE = new ContainerSnapshot("a1b2c3d4e5f6a7b8", "orchestrator_3_stream", "running",
            "2026-11-28T03:00:00Z", 0, 4242, List.of("1 /bin/sh /app/start.sh", "7 python3 /app/server.py"), PORTS);

    @Test
    void nothingChangedIsNoDifference() {
        ContainerSnapshot now = new ContainerSnapshot(BEFORE.id(), BEFORE.name(), "running", BEFORE.startedAt(), 0, 4242,
                List.of("1 /bin/sh /app/start.sh", "7 python3 /app/server.py", "99 curl -f http://localhost:9403/health"), PORTS);
        assertThat(ContainerIdentity.differences(BEFORE, now, 9403, List.of("curl"))).isEmpty();
    }

    @Test
    void aRestartASecondBackendAndALostPortAreNamed() {
        ContainerSnapshot now = new ContainerSnapshot(BEFORE.id(), BEFORE.name(), "running", "2026-11-28T03:02:00Z", 1, 5151,
                List.of("1 /bin/sh /app/start.sh", "7 python3 /app/server.py", "31 /usr/bin/python3 /app/server.py"), List.of());
        assertThat(ContainerIdentity.differences(BEFORE, now, 9403, List.of("curl"))).containsExactly(
                "restarted: StartedAt 2026-11-28T03:00:00Z -> 2026-11-28T03:02:00Z",
                "RestartCount 0 -> 1",
                "main process pid 4242 -> 5151",
                "new processes in the container: 31 /usr/bin/python3 /app/server.py",
                "port 9403 no longer published by it (ports [])");
    }

    @Test
    void aProbeIsOnlyIgnoredWhenItIsTheHealthcheckInForce() {
        ContainerSnapshot now = new ContainerSnapshot(BEFORE.id(), BEFORE.name(), "running", BEFORE.startedAt(), 0, 4242,
                List.of("1 /bin/sh /app/start.sh", "7 python3 /app/server.py", "99 /bin/sh -c wget -q -O- http://localhost:9403/health"), PORTS);
        assertThat(ContainerIdentity.differences(BEFORE, now, 9403, List.of("curl"))).hasSize(1);
        HealthCheck shell = new HealthCheck().withTest(List.of("CMD-SHELL", "wget -q -O- http://localhost:9403/health || exit 1"));
        List<String> probe = HealthcheckInForce.of(shell).orElseThrow().probeCommandPrefixes();
        assertThat(probe).containsExactly("/bin/sh -c wget", "wget", "[sh]", "[wget]");
        assertThat(ContainerIdentity.differences(BEFORE, now, 9403, probe)).isEmpty();
        // a probe caught between fork and exec has no command line yet; a real second backend still shows
        ContainerSnapshot forking = new ContainerSnapshot(BEFORE.id(), BEFORE.name(), "running", BEFORE.startedAt(), 0, 4242,
                List.of("1 /bin/sh /app/start.sh", "7 python3 /app/server.py", "951 [sh]"), PORTS);
        assertThat(ContainerIdentity.differences(BEFORE, forking, 9403, probe)).isEmpty();
        ContainerSnapshot second = new ContainerSnapshot(BEFORE.id(), BEFORE.name(), "running", BEFORE.startedAt(), 0, 4242,
                List.of("1 /bin/sh /app/start.sh", "7 python3 /app/server.py", "951 [sh]", "960 /usr/bin/python3 /app/server.py"), PORTS);
        assertThat(ContainerIdentity.differences(BEFORE, second, 9403, probe)).containsExactly("new processes in the container: 960 /usr/bin/python3 /app/server.py");
    }

    @Test
    void theHealthcheckInForceComesFromTheContainerAndNoneMeansNone() {
        HealthCheck image = new HealthCheck().withTest(List.of("CMD", "curl", "-f", "http://localhost:9403/health"))
                .withInterval(2_000_000_000L).withStartPeriod(12_000_000_000L);
        HealthcheckInForce hc = HealthcheckInForce.of(image).orElseThrow();
        assertThat(hc.startPeriod().toSeconds()).isEqualTo(12);
        assertThat(hc.startInterval()).isEmpty();
        assertThat(hc.describe()).isEqualTo("curl -f http://localhost:9403/health every 2 s, start_period 12 s, no start_interval");
        assertThat(HealthcheckInForce.of(new HealthCheck().withTest(List.of("NONE")))).isEmpty();
        assertThat(HealthcheckInForce.of((HealthCheck) null)).isEmpty();
    }
}
