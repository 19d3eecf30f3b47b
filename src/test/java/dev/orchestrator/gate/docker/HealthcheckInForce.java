package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HealthCheck;

import java.time.Duration;
import java.util.Arrays;
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
     * Whether a process is this healthcheck's probe, by what Docker runs for it: the CMD's exact command line;
     * for CMD-SHELL the shell with the exact string, or a command of that string (the shell's child); and,
     * caught between fork and exec or exiting without a command line, "[sh]" or "[curl]" of those commands.
     * A respawned server shares at most its interpreter with a probe, never this.
     */
    public boolean isProbe(String args) {
        if (test.size() < 2) {
            return false;
        }
        String a = args.strip();
        if (test.get(0).equals("CMD-SHELL")) {
            String shell = test.get(1).strip();
            if (a.equals("/bin/sh -c " + shell) || a.equals("[sh]")) {
                return true;
            }
            return Arrays.stream(shell.split("\\|\\||&&|;|\\|")).map(String::strip).filter(c -> !c.isEmpty())
                    .anyMatch(c -> a.equals(c) || a.equals("[" + baseName(c.split("\\s+")[0]) + "]"));
        }
        String command = String.join(" ", test.subList(1, test.size()));
        return a.equals(command) || a.equals("[" + baseName(test.get(1)) + "]");
    }

    private static String baseName(String command) {
        return command.substring(command.lastIndexOf('/') + 1);
    }

    /** "curl -f http://localhost:9403/health every 30 s, start_period 60 s". */
    public String describe() {
        String command = test.size() > 1 ? String.join(" ", test.subList(1, test.size())) : String.join(" ", test);
        return command + " every " + interval.toSeconds() + " s, start_period " + startPeriod.toSeconds() + " s"
                + startInterval.map(d -> ", start_interval " + (d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms"))
                .orElse(", no start_interval");
    }
}
