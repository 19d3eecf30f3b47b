package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.docker.ContainerIdentity;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.docker.DockerEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Which new processes in the service's container the deprecated reboot endpoint started (AC-15): what it started during
 * the call, and everything those started in turn. On an engine of this host, a process is the call's when it started
 * inside the call's window (its start time, from the host's {@code /proc}) and is not one the engine executed
 * ({@code docker exec}: a healthcheck probe, the gate's own reads): a start script's periodic job is not the endpoint's,
 * a script it detached with {@code nohup} is. On a remote engine, where the host's {@code /proc} is not the engine's,
 * by descent: the server's descendants, and a new program re-parented to the container's init.
 */
final class EndpointProcesses {

    /** Slack on the window's edges: the host's clock ticks (10 ms), and a script the endpoint starts just after answering. */
    private static final double EARLY_S = 0.05;
    private static final double LATE_S = 1.0;
    /** The kernel's clock ticks per second for /proc/<pid>/stat's start time (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100;

    /** How a new process is told to be the call's (the evidence says which). */
    interface Attribution {
        /** Whether {@code p} is the call's own ({@code parents}: every process seen so far, pid -> parent). */
        boolean startedByTheCall(ContainerSnapshot.Proc p, Map<Long, Long> parents);

        String how();
    }

    private final Map<Long, String> started = new LinkedHashMap<>();
    private final Map<Long, Long> parents = new HashMap<>();
    private final Set<Long> before;
    private final Attribution attribution;

    private EndpointProcesses(ContainerSnapshot before, Attribution attribution) {
        this.before = before.processes().stream().map(ContainerSnapshot.Proc::pid).collect(Collectors.toSet());
        this.attribution = attribution;
    }

    /**
     * Calls the endpoint ({@code call}) and returns what will tell its processes: by start time when the host's /proc is the
     * engine's ({@code hostIsEngine}), else by descent.
     */
    static <T> Called<T> around(ContainerSnapshot before, boolean hostIsEngine, Supplier<Set<Long>> executed, Supplier<T> call) {
        Optional<Double> from = hostIsEngine ? uptime() : Optional.empty();
        T answer = call.get();
        Optional<Double> to = hostIsEngine ? uptime() : Optional.empty();
        Attribution attribution = from.isPresent() && to.isPresent() ? byStartTime(from.get(), to.get(), executed) : byDescent(before);
        return new Called<>(answer, new EndpointProcesses(before, attribution));
    }

    /** The endpoint's answer, and what tells its processes. */
    record Called<T>(T answer, EndpointProcesses processes) {
    }

    /** Looks at the container now: the new processes the call started are added, with what they run. */
    void look(ContainerSnapshot now) {
        now.processes().forEach(p -> parents.put(p.pid(), p.ppid()));
        // in the order docker top lists them (parents first): a detached worker's own children follow it
        now.processes().stream().filter(p -> !before.contains(p.pid()) && (RebootEndpointContained.descends(p.pid(), started.keySet(), parents)
                || attribution.startedByTheCall(p, parents))).forEach(p -> started.putIfAbsent(p.pid(), p.args()));
    }

    /** What the call started, pid -> command line, first seen first. */
    Map<Long, String> started() {
        return Collections.unmodifiableMap(started);
    }

    String how() {
        return attribution.how();
    }

    /** A process that started within [{@code fromS}, {@code toS}] (seconds since the host's boot), not one the engine executed nor a child of one. */
    static Attribution byStartTime(double fromS, double toS, Supplier<Set<Long>> executed) {
        return new Attribution() {
            @Override
            public boolean startedByTheCall(ContainerSnapshot.Proc p, Map<Long, Long> parents) {
                if (startedAtS(p.pid()).filter(at -> at >= fromS - EARLY_S && at <= toS + LATE_S).isEmpty()) {
                    return false;
                }
                Set<Long> execs = executed.get();
                return !execs.contains(p.pid()) && !RebootEndpointContained.descends(p.pid(), execs, parents);
            }

            @Override
            public String how() {
                return String
                        .format("by start time: started within the call (%.2f s to %.2f s after the host's boot, +%.0f s), not a docker exec", fromS, toS,
                        LATE_S);
            }
        };
    }

    /** The server's descendants, and a new program re-parented to the container's init (a remote engine: no start times). */
    static Attribution byDescent(ContainerSnapshot before) {
        Set<String> servers = ContainerIdentity.serverPrograms(before);
        Set<Long> serverPids = before.processes().stream().filter(p -> servers.contains(p.program())).map(ContainerSnapshot.Proc::pid)
                .collect(Collectors.toSet());
        Set<String> runningBefore = before.processes().stream().map(ContainerSnapshot.Proc::args).collect(Collectors.toSet());
        return new Attribution() {
            @Override
            public boolean startedByTheCall(ContainerSnapshot.Proc p, Map<Long, Long> parents) {
                return RebootEndpointContained.descends(p.pid(), serverPids, parents) || before.pid() > 0 && p.ppid() == before.pid() && !runningBefore
                        .contains(p.args());
            }

            @Override
            public String how() {
                return "by descent (the engine is not this host's: no start times): the server's descendants, and new programs re-parented to the container's "
                        + "init";
            }
        };
    }

    /** The host's seconds since boot (/proc/uptime), when readable. */
    static Optional<Double> uptime() {
        try {
            return Optional.of(Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** When host process {@code pid} started, in seconds since the host's boot (field 22 of /proc/<pid>/stat, after the command's parenthesis). */
    static Optional<Double> startedAtS(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[19]) / TICKS);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // it ended meanwhile, or this host is not the engine's
        }
    }

    /** The host pids of the processes the engine executed in {@code container} ({@code docker exec}: probes, the gate's own reads). */
    static Set<Long> executed(DockerEngine engine, String container) {
        Set<Long> pids = new HashSet<>();
        try {
            var execs = engine.client().inspectContainerCmd(container).exec().getExecIds();
            if (execs != null) {
                for (String exec : execs) {
                    try {
                        Long pid = engine.client().inspectExecCmd(exec).exec().getPidLong();
                        if (pid != null && pid > 0) {
                            pids.add(pid);
                        }
                    } catch (RuntimeException gone) {
                        // an exec that ended between the two reads
                    }
                }
            }
        } catch (RuntimeException gone) {
            // the container is gone or restarting: nothing is executed in it now
        }
        return pids;
    }
}
