package dev.orchestrator.gate.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostProbesTest {

    @Test
    void aRemoteEngineMakesHostProbesNotApplicable() {
        // decided from DOCKER_HOST alone, before the engine is asked anything
        assertThat(HostProbes.notApplicableBecause(null, "tcp://build-host.example:2376")).hasValueSatisfying(why -> assertThat(why).contains("remote"));
        assertThat(HostProbes.notApplicableBecause(null, "ssh://deploy@staging.example")).isPresent();
    }
}
