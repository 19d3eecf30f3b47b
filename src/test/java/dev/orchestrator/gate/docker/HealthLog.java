package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A container's Docker health as evidence: its status, failing streak and last probes (start, exit code, output). */
public final class HealthLog {

    /** The container a compose dependency error names ("dependency failed to start: container X is unhealthy"). */
    private static final Pattern DEPENDENCY = Pattern.compile("container (\\S+) (?:is unhealthy|exited|has no healthcheck)");

    private HealthLog() {
    }

    /** The last probes Docker kept for {@code inspect}, one per line; empty when it has no healthcheck or no probe ran yet. */
    public static Optional<String> of(InspectContainerResponse inspect) {
        List<HealthStateLog> probes = probes(inspect);
        if (probes.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder log = new StringBuilder();
        probes.forEach(h -> log.append(h.getStart()).append(" exit ").append(h.getExitCodeLong()).append(": ")
                .append(String.valueOf(h.getOutput()).strip()).append('\n'));
        return Optional.of(log.toString().strip());
    }

    /** The newest probe in one line ("its last probe, at T: exit N: output"); empty when none ran. */
    public static Optional<String> lastProbe(InspectContainerResponse inspect) {
        List<HealthStateLog> probes = probes(inspect);
        if (probes.isEmpty()) {
            return Optional.empty();
        }
        HealthStateLog last = probes.get(probes.size() - 1);
        String output = String.valueOf(last.getOutput()).strip().replaceAll("\\s+", " ");
        return Optional.of("its last probe, at " + last.getStart() + ": exit " + last.getExitCodeLong() + (output.isEmpty() ? "" : ": " + output));
    }

    private static List<HealthStateLog> probes(InspectContainerResponse inspect) {
        var health = inspect.getState().getHealth();
        return health == null || health.getLog() == null ? List.of() : health.getLog();
    }

    /** The container named by a compose dependency error in {@code reason}, if it names one. */
    public static Optional<String> dependencyNamedIn(String reason) {
        Matcher m = DEPENDENCY.matcher(reason);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** One line: state, start, Docker health status and failing streak. */
    public static String state(InspectContainerResponse inspect) {
        var state = inspect.getState();
        var health = state.getHealth();
        return String.format("%s (state %s, started %s%s)", inspect.getName().replaceFirst("^/", ""), state.getStatus(), state.getStartedAt(),
                health == null ? ", no healthcheck" : ", health " + health.getStatus() + ", failing streak " + health.getFailingStreak());
    }
}
