package dev.orchestrator.gate.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An engine reached as {@code DOCKER_HOST=ssh://user@host[:port]}: the docker CLI (and so compose and the operator's
 * scripts) talks SSH itself; the Docker client the gate inspects with does not, so it gets a local socket forwarded
 * over one ssh connection to the engine's socket on that host ({@code ssh -L <local>:/var/run/docker.sock}), its own
 * even where the operator's ssh configuration shares connections. The ssh process reads its stdin from this JVM: it
 * ends when the JVM does, whatever ended it.
 */
public final class SshTunnel {

    /** Where the engine listens on the SSH host (Docker's default). */
    static final String REMOTE_SOCKET = "/var/run/docker.sock";
    private static final Duration READY = Duration.ofSeconds(20);
    private static volatile Path local;

    private SshTunnel() {
    }

    /**
     * For an ssh:// DOCKER_HOST, the local socket the Docker client uses (opened once per JVM): empty for any other engine.
     * Throws with one line when the tunnel cannot be opened.
     */
    static synchronized Optional<String> clientHost(String dockerHost) {
        if (!dockerHost.startsWith("ssh://")) {
            return Optional.empty();
        }
        if (local == null) {
            local = open(URI.create(dockerHost));
        }
        return Optional.of("unix://" + local);
    }

    private static Path open(URI ssh) {
        try {
            Path dir = Files.createTempDirectory("ogate-ssh-");
            dir.toFile().deleteOnExit();
            Path socket = dir.resolve("docker.sock");
            socket.toFile().deleteOnExit();
            // a connection of its own, never an operator's shared one (ControlMaster): its forward ends with this JVM
            List<String> command = new ArrayList<>(List.of("ssh", "-T", "-o", "ExitOnForwardFailure=yes", "-o", "ServerAliveInterval=15",
                    "-o", "StreamLocalBindUnlink=yes", "-o", "ControlMaster=no", "-o", "ControlPath=none", "-L", socket + ":" + REMOTE_SOCKET));
            if (ssh.getPort() > 0) {
                command.addAll(List.of("-p", String.valueOf(ssh.getPort())));
            }
            command.add((ssh.getUserInfo() == null ? "" : ssh.getUserInfo() + "@") + ssh.getHost());
            command.add("cat"); // reads the tunnel's stdin (this JVM's pipe): ends at its end
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + READY.toNanos();
            while (!Files.exists(socket) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling for the socket file ssh creates: bounded by READY
            }
            if (!Files.exists(socket)) {
                process.destroyForcibly();
                throw new IllegalStateException("the SSH tunnel to " + ssh + " for the Docker client did not open within " + READY.toSeconds()
                        + " s (ssh exited " + (process.isAlive() ? "not" : String.valueOf(process.exitValue()))
                        + "): check the key and that the engine's socket is "
                        + REMOTE_SOCKET + " there");
            }
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ssh for DOCKER_HOST=" + ssh, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the SSH tunnel", e);
        }
    }
}
