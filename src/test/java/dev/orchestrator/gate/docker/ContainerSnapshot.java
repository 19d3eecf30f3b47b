package dev.orchestrator.gate.docker;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One container's identity at a moment: what must not change across a reset. Its processes come from
 * {@code docker top} (host pids); its listeners, when read, from inside the container (which programs hold
 * which TCP ports), or the reason they could not be read.
 */
public record ContainerSnapshot(String id, String name, String status, String startedAt, int restartCount, long pid,
                                List<Proc> processes, List<String> hostPorts, Optional<List<Listener>> listeners, String listenersUnreadable,
                                Set<String> inside) {

    /**
     * {@code inside}: the container's processes as seen from inside it, each as {@code pid@starttime} (its own pid namespace, the
     * start in clock ticks since boot: a pid reused later is another process); empty when they were not read.
     */
    public ContainerSnapshot {
        inside = Set.copyOf(inside);
    }

    /** A moment whose processes were not read from inside. */
    public ContainerSnapshot(String id, String name, String status, String startedAt, int restartCount, long pid,
                             List<Proc> processes, List<String> hostPorts, Optional<List<Listener>> listeners, String listenersUnreadable) {
        this(id, name, status, startedAt, restartCount, pid, processes, hostPorts, listeners, listenersUnreadable, Set.of());
    }

    /** A process as {@code docker top -eo pid,ppid,args} shows it. */
    public record Proc(long pid, long ppid, String args) {
        /** The program it runs, independent of how the executable was named: "/usr/bin/python3 /app/server.py" -> "python3 /app/server.py". */
        public String program() {
            String[] parts = args.strip().split("\\s+", 2);
            String exe = parts[0].substring(parts[0].lastIndexOf('/') + 1);
            return parts.length > 1 ? exe + " " + parts[1] : exe;
        }

        @Override
        public String toString() {
            return pid + " " + args;
        }
    }

    /**
     * A TCP port listening inside the container, the program holding it ("" when its owner could not be read), and every
     * process that holds its socket ({@code pid@starttime} inside the container: a pre-forking server's master and workers).
     */
    public record Listener(int port, String args, Set<String> owners) {
        public Listener {
            owners = Set.copyOf(owners);
        }

        public Listener(int port, String args) {
            this(port, args, Set.of());
        }

        public String program() {
            return args.isEmpty() ? "" : new Proc(0, 0, args).program();
        }

        @Override
        public String toString() {
            return ":" + port + (args.isEmpty() ? "" : " " + args);
        }
    }

    /** The same moment with what was read from inside the container: its listeners and its processes (or why they could not be read). */
    public ContainerSnapshot withInside(Optional<Inside> read, String unreadable) {
        return new ContainerSnapshot(id, name, status, startedAt, restartCount, pid, processes, hostPorts, read.map(Inside::listeners), unreadable,
                read.map(Inside::processes).orElse(Set.of()));
    }

    /** What is read from inside the container: the TCP listeners with their owners, and every process ({@code pid@starttime}). */
    public record Inside(List<Listener> listeners, Set<String> processes) {
    }

    /** Every process that held a listening socket at this moment ({@code pid@starttime} inside the container); empty when not read. */
    public Set<String> socketOwners() {
        return listeners.map(l -> l.stream().flatMap(x -> x.owners().stream()).collect(Collectors.toSet())).orElse(Set.of());
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** A line a release manager reads: "orchestrator_3_stream (a1b2c3d4e5f6) running, started 2026-.., restarts 0, pid 4242, ...". */
    public String describe() {
        return name + " (" + shortId() + ") " + status + ", started " + startedAt + ", restarts " + restartCount
                + ", pid " + pid + ", ports " + hostPorts + ", " + processes.size() + " processes"
                + listeners.map(l -> ", listening " + l).orElse("");
    }
}
