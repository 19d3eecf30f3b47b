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
}
