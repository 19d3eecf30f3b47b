package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Which programs listen on which TCP ports inside a container, read from its own /proc (listening sockets of
 * /proc/net/tcp{,6}, matched to the processes owning them) by a POSIX shell the gate executes in it. The
 * container's processes are seen as its user sees them; a container without a shell says why.
 */
final class ContainerListeners {

    private static final long EXEC_TIMEOUT_S = 15;
    /**
     * L <hex port> <inode>; S <pid> <inode>; C <pid> <command line>; T <pid> <start time> (field 22 of /proc/<pid>/stat, read after the
     * command's closing parenthesis, which a name may contain). The script's own processes own no listening socket.
     */
    static final String SCRIPT = String.join("\n",
            "for f in /proc/net/tcp /proc/net/tcp6; do [ -r \"$f\" ] || continue",
            "  while read -r sl local rem st rest; do [ \"$st\" = 0A ] || continue; set -- $rest; echo \"L ${local##*:} $6\"; done < \"$f\"",
            "done",
            "for p in /proc/[0-9]*; do n=${p#/proc/}; [ \"$n\" = \"$$\" ] && continue",
            "  ls -l \"$p/fd\" 2>/dev/null | while read -r line; do case \"$line\" in *socket:\\[*) i=${line##*socket:[}; echo \"S $n ${i%]}\";; esac; done",
            "  [ -r \"$p/cmdline\" ] && echo \"C $n $(tr '\\000' ' ' < \"$p/cmdline\" 2>/dev/null)\"",
            "  { read -r st < \"$p/stat\"; } 2>/dev/null && { r=${st##*) }; set -- $r; echo \"T $n ${20}\"; }",
            "done");

    private ContainerListeners() {
    }

    /** The listeners and processes inside, or empty with the reason in {@code why} (no shell, the exec failed, not running). */
    static Optional<ContainerSnapshot.Inside> read(DockerClient client, String containerId, StringBuilder why) {
        try {
            String exec = client.execCreateCmd(containerId).withCmd("sh", "-c", SCRIPT).withAttachStdout(true).withAttachStderr(true).exec().getId();
            StringBuilder out = new StringBuilder();
            ResultCallback.Adapter<Frame> callback = client.execStartCmd(exec).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    if (frame.getStreamType() == StreamType.STDOUT) {
                        synchronized (out) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }
                }
            });
            if (!callback.awaitCompletion(EXEC_TIMEOUT_S, TimeUnit.SECONDS)) {
                why.append("reading the listeners inside the container took over ").append(EXEC_TIMEOUT_S).append(" s");
                callback.close();
                return Optional.empty();
            }
            Long exit = client.inspectExecCmd(exec).exec().getExitCodeLong();
            String text;
            synchronized (out) {
                text = out.toString();
            }
            if (exit == null || exit != 0 || !text.contains("C ")) {
                why.append("the container has no POSIX shell to read its listeners with (exec exit ").append(exit).append(")");
                return Optional.empty();
            }
            return Optional.of(inside(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why.append("interrupted");
            return Optional.empty();
        } catch (RuntimeException | IOException e) {
            why.append("cannot execute in the container: ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /** The script's output as listeners: each listening port with the command line of the process owning its socket. */
    static List<ContainerSnapshot.Listener> parse(String output) {
        return inside(output).listeners();
    }

    /** The script's output: each listening port with its owners (the first one's command line names it), and every process seen. */
    static ContainerSnapshot.Inside inside(String output) {
        Map<String, Integer> portByInode = new HashMap<>();
        Map<String, SortedSet<Long>> pidsByInode = new HashMap<>();
        Map<Long, String> commandByPid = new HashMap<>();
        Map<Long, String> startByPid = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(" ", 3);
            try {
                switch (f[0]) {
                    case "L" -> portByInode.put(f[2].strip(), Integer.parseInt(f[1], 16));
                    case "S" -> pidsByInode.computeIfAbsent(f[2].strip(), k -> new TreeSet<>()).add(Long.parseLong(f[1]));
                    case "C" -> commandByPid.put(Long.parseLong(f[1]), f.length > 2 ? f[2].strip() : "");
                    case "T" -> startByPid.put(Long.parseLong(f[1]), f[2].strip());
                    default -> { }
                }
            } catch (RuntimeException ignored) {
                // a line cut by a process ending meanwhile: the others still say who listens
            }
        }
        LongFunction<String> key = pid -> pid + "@" + startByPid.getOrDefault(pid, "?");
        Set<ContainerSnapshot.Listener> listeners = new LinkedHashSet<>();
        portByInode.forEach((inode, port) -> {
            SortedSet<Long> pids = pidsByInode.getOrDefault(inode, new TreeSet<>());
            listeners.add(new ContainerSnapshot.Listener(port, pids.isEmpty() ? "" : commandByPid.getOrDefault(pids.first(), ""),
                    pids.stream().map(key::apply).collect(Collectors.toSet())));
        });
        List<ContainerSnapshot.Listener> sorted = new ArrayList<>(listeners);
        sorted.sort(Comparator.comparingInt(ContainerSnapshot.Listener::port).thenComparing(ContainerSnapshot.Listener::args));
        Set<String> processes = new HashSet<>();
        commandByPid.keySet().forEach(pid -> processes.add(key.apply(pid)));
        return new ContainerSnapshot.Inside(sorted, processes);
    }
}
