package dev.orchestrator.gate.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What AC-05 shows when a deploy stopped at a dependency: which container, its health and its last probes. */
class HealthLogTest {

    private static InspectContainerResponse inspect(String json) throws Exception {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readValue(json, InspectContainerResponse.class);
    }

    @Test
    void theDependencyComposeNamesIsFound() {
        assertThat(HealthLog.dependencyNamedIn("dependency failed to start: container db-bkfam1yt47h2t8i5uwddupq8-085557831012 is unhealthy"))
                .contains("db-bkfam1yt47h2t8i5uwddupq8-085557831012");
        assertThat(HealthLog.dependencyNamedIn("dependency failed to start: container migrate-abc-1 exited (1)")).contains("migrate-abc-1");
        assertThat(HealthLog.dependencyNamedIn("Bind for 127.0.0.1:9403 failed: port is already allocated")).isEmpty();
    }

    @Test
    void theStateAndTheLastProbesAreShown() throws Exception {
        InspectContainerResponse unhealthy = inspect("""
                {"Id":"a1b2","Name":"/db-x-1","State":{"Status":"running","Running":true,"StartedAt":"2026-12-02T08:55:58Z",
                 "Health":{"Status":"unhealthy","FailingStreak":5,"Log":[
                   {"Start":"2026-12-02T08:57:10Z","End":"2026-12-02T08:57:10Z","ExitCode":2,"Output":"127.0.0.1:5432 - no response\\n"}]}}}""");
        assertThat(HealthLog.state(unhealthy)).isEqualTo("db-x-1 (state running, started 2026-12-02T08:55:58Z, health unhealthy, failing streak 5)");
        assertThat(HealthLog.of(unhealthy)).contains("2026-12-02T08:57:10Z exit 2: 127.0.0.1:5432 - no response");
        assertThat(HealthLog.lastProbe(unhealthy)).contains("its last probe, at 2026-12-02T08:57:10Z: exit 2: 127.0.0.1:5432 - no response");

        InspectContainerResponse none = inspect("""
                {"Id":"c3d4","Name":"/migrate-x-1","State":{"Status":"exited","Running":false,"StartedAt":"2026-12-02T08:55:58Z"}}""");
        assertThat(HealthLog.state(none)).isEqualTo("migrate-x-1 (state exited, started 2026-12-02T08:55:58Z, no healthcheck)");
        assertThat(HealthLog.of(none)).isEmpty();
        assertThat(HealthLog.lastProbe(none)).isEmpty();
    }
}
