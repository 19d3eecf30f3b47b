package dev.orchestrator.gate.docker;

import dev.orchestrator.gate.process.Commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A stale host process listening on a port: a separate OS process in its own process group, never the test JVM. */
public final class HostPortHolder implements AutoCloseable {

    private static final String LISTENER = "import socket,time\n"
            + "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
            + "s.bind(('0.0.0.0', %d)); s.listen(8); print('listening', flush=True)\n"
            + "time.sleep(%d)\n";
    /** It exits by itself after this long, even if everything else failed to stop it. */
    private static final int MAX_LIFETIME_S = 1800;

    private final Process process;
    private final int port;

    private HostPortHolder(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts `python3` (as an old backend would be) holding the port on all interfaces. */
    public static HostPortHolder start(int port) {
        try {
            Process process = new ProcessBuilder(List.of("setsid", "python3", "-c", String.format(LISTENER, port, MAX_LIFETIME_S)))
                    .redirectErrorStream(true).start();
            return new HostPortHolder(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a python3 listener on port " + port, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String describe() {
        return "host process python3 pid " + pid() + " (own process group) listening on 0.0.0.0:" + port;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Commands.killGroup(process.pid(), "KILL");
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS); // reap it, so no zombie holds anything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
