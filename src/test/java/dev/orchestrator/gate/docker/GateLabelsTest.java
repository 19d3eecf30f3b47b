package dev.orchestrator.gate.docker;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GateLabelsTest {

    @Test
    void aContainerStartedFromAnImageTheGateBuiltIsNotTheGates() {
        // compose stamps the project on images it builds; `docker run` containers inherit exactly these
        Map<String, String> inherited = Map.of(GateLabels.COMPOSE_PROJECT, "ogate-2026", GateLabels.COMPOSE_SERVICE, "db",
                "com.docker.compose.version", "2.26.1");
        assertThat(GateLabels.composeContainerOf(inherited, p -> p.startsWith(GateLabels.PROJECT_PREFIX))).isFalse();
    }

    @Test
    void aContainerComposeCreatedInAGateProjectIs() {
        Map<String, String> created = Map.of(GateLabels.COMPOSE_PROJECT, "ogate-2026", GateLabels.COMPOSE_CONFIG_HASH, "abc");
        assertThat(GateLabels.composeContainerOf(created, p -> p.startsWith(GateLabels.PROJECT_PREFIX))).isTrue();
        assertThat(GateLabels.composeContainerOf(Map.of(GateLabels.COMPOSE_PROJECT, "orchestrator_3_stream", GateLabels.COMPOSE_CONFIG_HASH, "abc"),
                p -> p.startsWith(GateLabels.PROJECT_PREFIX))).as("the operators' own project").isFalse();
    }

    @Test
    void anObjectOfALiveRunIsKnownByItsRunLabelOrItsProject() {
        Set<String> live = Set.of("20261128115322573a");
        assertThat(GateLabels.ofAnyRun(GateLabels.of("20261128115322573a", "stale-deploy"), live)).isTrue();
        assertThat(GateLabels.ofAnyRun(Map.of(GateLabels.COMPOSE_PROJECT, "ogate-20261128115322573a"), live)).isTrue();
        assertThat(GateLabels.ofAnyRun(Map.of(GateLabels.COMPOSE_PROJECT, "ogate-20261128000000aaaa"), live)).as("another run's project").isFalse();
        assertThat(GateLabels.ofAnyRun(Map.of(GateLabels.COMPOSE_PROJECT, "20261128115322573a"), live)).as("a project without the gate's prefix").isFalse();
        assertThat(GateLabels.ofAnyRun(null, live)).as("no labels").isFalse();
    }
}
