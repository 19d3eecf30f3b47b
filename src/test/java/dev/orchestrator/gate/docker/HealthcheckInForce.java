package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HealthCheck;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The healthcheck Docker actually runs for a container: compose's, or else the image's
 * {@code HEALTHCHECK}, as the engine reports it on inspection. Absent when neither declares one.
 */
public record HealthcheckInForce(List<String> test, Duration interval, Duration startPeriod, Optional<Duration> startInterval) {

    /** Docker's default interval when a healthcheck does not set one. */
    static final Duration DOCKER_DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public static Optional<HealthcheckInForce> of(InspectContainerResponse inspect) {
        HealthCheck hc = inspect.getConfig() == null ? null : inspect.getConfig().getHealthcheck();
        return of(hc);
    }

    static Optional<HealthcheckInForce> of(HealthCheck hc) {
        if (hc == null || hc.getTest() == null || hc.getTest().isEmpty() || "NONE".equals(hc.getTest().get(0))) {
            return Optional.empty();
        }
        return Optional.of(new HealthcheckInForce(List.copyOf(hc.getTest()), nanos(hc.getInterval()).orElse(DOCKER_DEFAULT_INTERVAL),
                nanos(hc.getStartPeriod()).orElse(Duration.ZERO), nanos(hc.getStartInterval())));
    }

    private static Optional<Duration> nanos(Long value) {
        return value == null || value <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(value));
    }

    /**
     * The probe's processes as the container's process list can show them while a probe runs:
     * "curl -f ...", "/bin/sh -c curl ...", and, caught between fork and exec or exiting, without a
     * command line ("[sh]", "[curl]").
     */
    public List<String> probeCommandPrefixes() {
        if (test.size() < 2) {
            return List.of();
        }
        if (test.get(0).equals("CMD-SHELL")) {
            String first = test.get(1).strip().split("\\s+", 2)[0];
            return List.of("/bin/sh -c " + first, first, "[sh]", "[" + baseName(first) + "]");
        }
        return List.of(test.get(1), "[" + baseName(test.get(1)) + "]");
    }

    private static String baseName(String command) {
        return command.substring(command.lastIndexOf('/') + 1);
    }

    /** "curl -f http://localhost:9403/health every 30 s, start_period 60 s". */
    public String describe() {
        String command = test.size() > 1 ? String.join(" ", test.subList(1, test.size())) : String.join(" ", test);
        return command + " every " + interval.toSeconds() + " s, start_period " + startPeriod.toSeconds() + " s"
                + startInterval.map(d -> ", start_interval " + d.toSeconds() + " s").orElse(", no start_interval");
    }
}
