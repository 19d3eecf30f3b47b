package dev.orchestrator.gate.docker;

import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Host-level view of a TCP port: a bind probe and the kernel's listener table (ss). */
public final class HostPorts {

    private static final Duration SS_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OWNER_SETTLE = Duration.ofSeconds(1);
    private static final Duration OWNER_POLL = Duration.ofMillis(50);
    private static final Pattern USER = Pattern.compile("\\(\"([^\"]+)\",pid=(\\d+)");

    /** One LISTEN socket: local address and the processes holding it. */
    public record Listener(String local, String process, long pid) {
        public String describe() {
            return local + " held by " + (pid > 0 ? process + " (pid " + pid + ")" : "an unknown process");
        }
    }

    private HostPorts() {
    }

    /**
     * True when a server socket can bind the port on all interfaces right now, false when the port is in use. Any
     * other failure (a port below 1024 without the right, no such address) is no finding about the port: it is
     * thrown, naming the error, and the check that asked cannot be evaluated.
     */
    public static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already in use")) {
                return false;
            }
            throw new IllegalStateException("the bind probe of port " + port + " failed for another reason than a holder: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("the bind probe of port " + port + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Listeners on the port per `ss -ltnpH`; empty Optional when ss cannot run on this host (the table was not read).
     * ss reads the processes' sockets before the socket table, so a listener opened in between is listed without its
     * process: the table is read again, for up to {@link #OWNER_SETTLE}, until every listener has its owner.
     */
    public static Optional<List<Listener>> listeners(int port) {
        AtomicReference<Optional<List<Listener>>> last = new AtomicReference<>(Optional.empty());
        Waits.until("the owners of the listeners on port " + port, OWNER_SETTLE, OWNER_POLL, () -> {
            last.set(readListeners(port));
            return last.get().map(all -> all.stream().allMatch(l -> l.pid() > 0)).orElse(true);
        });
        return last.get();
    }

    private static Optional<List<Listener>> readListeners(int port) {
        CommandResult result = Commands.run(SS_TIMEOUT, List.of("ss", "-ltnpH", "sport = :" + port));
        if (!result.ok()) {
            return Optional.empty();
        }
        List<Listener> listeners = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 4) {
                continue;
            }
            Matcher m = USER.matcher(line);
            listeners.add(m.find() ? new Listener(cols[3], m.group(1), Long.parseLong(m.group(2))) : new Listener(cols[3], "?", 0));
        }
        return Optional.of(listeners);
    }

    /** Command line of a host process, for evidence. */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ').replaceAll("\\s+", " ").trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
