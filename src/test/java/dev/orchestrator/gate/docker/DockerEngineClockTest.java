package dev.orchestrator.gate.docker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A remote engine's clock may be off: the times it reports are read on its clock (docker info's SystemTime against this JVM's). */
class DockerEngineClockTest {

    @Test
    void theEnginesClockOffsetIsItsSystemTimeMinusOurs() {
        Instant ours = Instant.parse("2026-12-04T10:00:00Z");
        assertThat(DockerEngine.engineClockOffset("2026-12-04T10:00:42.5+00:00", ours)).isEqualTo(Duration.ofMillis(42_500));
        assertThat(DockerEngine.engineClockOffset("2026-12-04T11:59:50.123456789+02:00", ours)).as("another zone, behind")
                .isEqualTo(Duration.ofNanos(-9_876_543_211L));
        assertThat(DockerEngine.engineClockOffset("", ours)).as("an engine that does not say").isZero();
    }
}
