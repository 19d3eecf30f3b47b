package dev.orchestrator.gate.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares two snapshots of the service's container: what would show a restart or a second backend. */
public final class ContainerIdentity {

    private ContainerIdentity() {
    }

    /**
     * Differences a release manager reads ("restarted: StartedAt a -> b"); empty when nothing changed.
     * Processes whose command starts with one of {@code transientPrefixes} (the healthcheck's probe) are ignored.
     */
    public static List<String> differences(ContainerSnapshot before, ContainerSnapshot now, int port, List<String> transientPrefixes) {
        List<String> diffs = new ArrayList<>();
        if (!before.id().equals(now.id())) {
            diffs.add("a different container: " + before.shortId() + " -> " + now.shortId());
        }
        if (!before.startedAt().equals(now.startedAt())) {
            diffs.add("restarted: StartedAt " + before.startedAt() + " -> " + now.startedAt());
        }
        if (before.restartCount() != now.restartCount()) {
            diffs.add("RestartCount " + before.restartCount() + " -> " + now.restartCount());
        }
        if (before.pid() != now.pid()) {
            diffs.add("main process pid " + before.pid() + " -> " + now.pid());
        }
        if (!"running".equals(now.status())) {
            diffs.add("container is " + now.status());
        }
        Set<String> old = Set.copyOf(before.processes());
        List<String> added = now.processes().stream().filter(p -> !old.contains(p))
                .filter(p -> transientPrefixes.stream().noneMatch(command(p)::startsWith)).toList();
        if (!added.isEmpty()) {
            diffs.add("new processes in the container: " + String.join("; ", added));
        }
        if (now.hostPorts().stream().noneMatch(p -> p.contains(":" + port + "->"))) {
            diffs.add("port " + port + " no longer published by it (ports " + now.hostPorts() + ")");
        }
        return diffs;
    }

    private static String command(String process) {
        String[] parts = process.trim().split("\\s+", 2);
        return parts.length > 1 ? parts[1] : process;
    }

    public static String table(List<ContainerSnapshot> snapshots, List<String> labels) {
        StringBuilder t = new StringBuilder("moment | id | StartedAt | RestartCount | pid | ports | processes\n");
        for (int i = 0; i < snapshots.size(); i++) {
            ContainerSnapshot s = snapshots.get(i);
            t.append(labels.get(i)).append(" | ").append(s.shortId()).append(" | ").append(s.startedAt()).append(" | ")
                    .append(s.restartCount()).append(" | ").append(s.pid()).append(" | ").append(s.hostPorts()).append(" | ")
                    .append(s.processes().stream().collect(Collectors.joining("; "))).append('\n');
        }
        return t.toString().strip();
    }
}
