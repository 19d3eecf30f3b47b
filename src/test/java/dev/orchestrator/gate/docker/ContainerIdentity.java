package dev.orchestrator.gate.docker;

import dev.orchestrator.gate.catalogue.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.orchestrator.gate.catalogue.ProblemCode.CONTAINER_CHANGED;
import static dev.orchestrator.gate.catalogue.ProblemCode.PORT_LOST;
import static dev.orchestrator.gate.catalogue.ProblemCode.SECOND_SERVER;

/**
 * Compares two snapshots of the service's container and says what would show a restart or a second
 * server: another container, a new start, a lost port, a new listener, the server's program running once
 * more, or the server process gone. Other new processes are told apart for the evidence: a probe is what
 * Docker's healthcheck runs, anything else (a chat's SDK subprocess, the start script's {@code sleep 10})
 * is a worker, not a second server.
 */
public final class ContainerIdentity {

    private ContainerIdentity() {
    }

    /** The server's programs: those listening on a TCP port before; without a listener table, every program but the container's init. */
    public static Set<String> serverPrograms(ContainerSnapshot before) {
        return listeningPrograms(before).orElseGet(() -> before.processes().stream().filter(p -> p.pid() != before.pid())
                .map(ContainerSnapshot.Proc::program).collect(Collectors.toSet()));
    }

    private static Optional<Set<String>> listeningPrograms(ContainerSnapshot before) {
        return before.listeners().map(l -> l.stream().map(ContainerSnapshot.Listener::program)
                .filter(p -> !p.isEmpty()).collect(Collectors.toSet())).filter(p -> !p.isEmpty());
    }

    /** Differences a release manager reads ("restarted: StartedAt a -> b"), each with its code; empty when it is the same backend. */
    public static List<Problem> differences(ContainerSnapshot before, ContainerSnapshot now, int port) {
        List<Problem> diffs = new ArrayList<>();
        if (!before.id().equals(now.id())) {
            diffs.add(Problem.of(CONTAINER_CHANGED, "a different container: " + before.shortId() + " -> " + now.shortId()));
        }
        if (!before.startedAt().equals(now.startedAt())) {
            diffs.add(Problem.of(CONTAINER_CHANGED, "restarted: StartedAt " + before.startedAt() + " -> " + now.startedAt()));
        }
        if (before.restartCount() != now.restartCount()) {
            diffs.add(Problem.of(CONTAINER_CHANGED, "RestartCount " + before.restartCount() + " -> " + now.restartCount()));
        }
        if (before.pid() != now.pid()) {
            diffs.add(Problem.of(CONTAINER_CHANGED, "main process pid " + before.pid() + " -> " + now.pid()));
        }
        if (!"running".equals(now.status())) {
            diffs.add(Problem.of(CONTAINER_CHANGED, "container is " + now.status()));
        }
        Set<String> servers = serverPrograms(before);
        Set<Long> nowPids = now.processes().stream().map(ContainerSnapshot.Proc::pid).collect(Collectors.toSet());
        Set<Long> beforePids = before.processes().stream().map(ContainerSnapshot.Proc::pid).collect(Collectors.toSet());
        // known only from the listener table: without it, short-lived programs (the start script's sleep) would look like servers
        if ("running".equals(now.status()) && listeningPrograms(before).isPresent()) {
            List<String> gone = before.processes().stream().filter(p -> servers.contains(p.program()) && !nowPids.contains(p.pid()))
                    .map(p -> p.args() + " (pid " + p.pid() + ")").toList();
            if (!gone.isEmpty() && before.id().equals(now.id()) && before.startedAt().equals(now.startedAt())) {
                diffs.add(Problem.of(CONTAINER_CHANGED, "the server process is gone: " + String.join("; ", gone)));
            }
        }
        Map<String, Long> countBefore = count(before.processes());
        Map<String, Long> countNow = count(now.processes());
        List<String> again = now.processes().stream().filter(p -> !beforePids.contains(p.pid()) && servers.contains(p.program())
                && countNow.get(p.program()) > countBefore.getOrDefault(p.program(), 0L)).map(ContainerSnapshot.Proc::toString).toList();
        if (!again.isEmpty()) {
            diffs.add(Problem.of(SECOND_SERVER, "a second server: the server's program started again: " + String.join("; ", again)));
        }
        if (before.listeners().isPresent() && now.listeners().isPresent()) {
            // a port listened on before whose holder could not be read now (a process that inherited the socket, read while
            // it exits) shows no second server: only a new port, or another program named on a port, does
            Set<String> old = before.listeners().get().stream().map(l -> l.port() + " " + l.program()).collect(Collectors.toSet());
            Set<Integer> oldPorts = before.listeners().get().stream().map(ContainerSnapshot.Listener::port).collect(Collectors.toSet());
            // after a restart (another container or start) only a socket a process inside the container holds counts: a socket
            // no process inside holds (Docker's embedded DNS resolver, on a port chosen again at each start) is the restart's
            boolean sameStart = before.id().equals(now.id()) && before.startedAt().equals(now.startedAt());
            List<String> added = now.listeners().get().stream().filter(l -> sameStart || !l.owners().isEmpty())
                    .filter(l -> !oldPorts.contains(l.port()) || !l.program().isEmpty() && !old.contains(l.port() + " " + l.program()))
                    .map(ContainerSnapshot.Listener::toString).toList();
            if (!added.isEmpty()) {
                diffs.add(Problem.of(SECOND_SERVER, "a second server: new listener in the container " + String.join(", ", added)));
            }
        }
        if ("running".equals(now.status()) && now.hostPorts().stream().noneMatch(p -> p.contains(":" + port + "->"))) {
            diffs.add(Problem.of(PORT_LOST, "port " + port + " no longer published by it (ports " + now.hostPorts() + ")"));
        }
        return diffs;
    }

    /**
     * What shows that the service was rebooted between two moments (empty: nothing was): a new container, a new start
     * (with its new main process), or, in the same container and start, none of the processes that held its listening
     * sockets before still running (read inside the container: a pre-forking server that recycled a worker under the same
     * master rebooted nothing).
     */
    public static List<String> rebootSeen(ContainerSnapshot before, ContainerSnapshot after) {
        List<String> seen = new ArrayList<>();
        if (!before.id().equals(after.id())) {
            seen.add("a new container: " + before.name() + " (" + before.shortId() + ") -> " + after.name() + " (" + after.shortId() + ")");
        }
        if (!before.startedAt().equals(after.startedAt())) {
            seen.add("a new start: StartedAt " + before.startedAt() + " -> " + after.startedAt());
        }
        if (before.pid() != after.pid()) {
            seen.add("a new main process: pid " + before.pid() + " -> " + after.pid());
        }
        Set<String> owners = before.socketOwners();
        if (seen.isEmpty() && !owners.isEmpty() && !after.inside().isEmpty() && owners.stream().noneMatch(after.inside()::contains)) {
            seen.add("the server process replaced: no process that held its sockets before still runs (" + owners(before) + " -> " + owners(after) + ")");
        }
        return seen;
    }

    /** ":9403 python3 /app/server.py (pids 7, 12 inside)": who held the listening sockets. */
    static String owners(ContainerSnapshot s) {
        return s.listeners().map(l -> l.stream().filter(x -> !x.owners().isEmpty()).map(x -> x + " (pid" + (x.owners().size() == 1 ? " " : "s ")
                + x.owners().stream().map(o -> o.replaceFirst("@.*", "")).sorted().collect(Collectors.joining(", ")) + " inside)")
                .collect(Collectors.joining("; "))).filter(t -> !t.isEmpty()).orElse("no listener");
    }

    private static Map<String, Long> count(List<ContainerSnapshot.Proc> processes) {
        return processes.stream().collect(Collectors.groupingBy(ContainerSnapshot.Proc::program, Collectors.counting()));
    }

    /** New processes that are not a server, named as what they are: "probe: curl -f ..." or "worker: python3 /app/worker.py". */
    public static List<String> otherNewProcesses(ContainerSnapshot before, ContainerSnapshot now, Optional<HealthcheckInForce> healthcheck) {
        Set<Long> beforePids = before.processes().stream().map(ContainerSnapshot.Proc::pid).collect(Collectors.toSet());
        Set<String> servers = serverPrograms(before);
        Function<ContainerSnapshot.Proc, String> kind = p -> healthcheck.filter(h -> h.isProbe(p.args())).isPresent() ? "probe" : "worker";
        return now.processes().stream().filter(p -> !beforePids.contains(p.pid()) && !servers.contains(p.program()))
                .map(p -> kind.apply(p) + ": " + p).toList();
    }

    public static String table(List<ContainerSnapshot> snapshots, List<String> labels) {
        StringBuilder t = new StringBuilder("moment | id | StartedAt | RestartCount | pid | ports | listeners | processes\n");
        for (int i = 0; i < snapshots.size(); i++) {
            ContainerSnapshot s = snapshots.get(i);
            t.append(labels.get(i)).append(" | ").append(s.shortId()).append(" | ").append(s.startedAt()).append(" | ")
                    .append(s.restartCount()).append(" | ").append(s.pid()).append(" | ").append(s.hostPorts()).append(" | ")
                    .append(s.listeners().map(Object::toString).orElse("(" + s.listenersUnreadable() + ")")).append(" | ")
                    .append(s.processes().stream().map(Object::toString).collect(Collectors.joining("; "))).append('\n');
        }
        return t.toString().strip();
    }
}
