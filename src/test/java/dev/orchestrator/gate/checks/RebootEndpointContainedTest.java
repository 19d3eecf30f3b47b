package dev.orchestrator.gate.checks;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** AC-15's window follows what the endpoint started: the descendants of the server process. */
class RebootEndpointContainedTest {

    @Test
    void aProcessBelongsToTheEndpointWhenItDescendsFromTheServer() {
        Map<Long, Long> parents = Map.of(100L, 7L, 101L, 100L, 200L, 1L, 7L, 1L);
        assertThat(RebootEndpointContained.descends(101, Set.of(7L), parents)).as("the script's child").isTrue();
        assertThat(RebootEndpointContained.descends(100, Set.of(7L), parents)).as("the script").isTrue();
        assertThat(RebootEndpointContained.descends(200, Set.of(7L), parents)).as("a probe Docker started").isFalse();
        assertThat(RebootEndpointContained.descends(999, Set.of(7L), parents)).as("unknown").isFalse();
    }

    @Test
    void aScriptDetachedWithNohupIsAdoptedByTheInitAndStillTheEndpoints() {
        Set<String> before = Set.of("sh /app/start.sh", "python3 /app/server.py", "sleep 10");
        var detached = new dev.orchestrator.gate.docker.ContainerSnapshot.Proc(300, 1, "bash /opt/ozean-licht-ecosystem/scripts/reboot-orchestrator.sh");
        var nextSleep = new dev.orchestrator.gate.docker.ContainerSnapshot.Proc(301, 1, "sleep 10");
        var probe = new dev.orchestrator.gate.docker.ContainerSnapshot.Proc(302, 1, "curl -f http://localhost:9403/health");
        assertThat(RebootEndpointContained.adopted(detached, 1, before, args -> args.startsWith("curl"))).as("re-parented to the init").isTrue();
        assertThat(RebootEndpointContained.adopted(nextSleep, 1, before, args -> false)).as("the start script's next sleep").isFalse();
        assertThat(RebootEndpointContained.adopted(probe, 1, before, args -> args.startsWith("curl"))).as("a healthcheck probe").isFalse();
    }
}
