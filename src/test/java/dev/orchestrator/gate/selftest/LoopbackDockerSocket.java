package dev.orchestrator.gate.selftest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The local engine's socket, also offered on a loopback TCP port (127.0.0.1 only): to the gate it
 * is a remote engine at tcp://127.0.0.1:port, while it is the same dockerd. Bytes are copied both
 * ways, so HTTP upgrades (attach, logs) work as on the socket itself.
 */
final class LoopbackDockerSocket implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final ServerSocket server;
    private final Path socket;

    private LoopbackDockerSocket(Path socket, InetAddress loopback) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException(loopback + " is not a loopback address: the engine is offered on loopback only");
        }
        this.socket = socket;
        this.server = new ServerSocket(0, 50, loopback);
        Thread accept = new Thread(this::acceptLoop, "loopback-docker-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** Offers {@code socket} on {@code loopback} (an address of 127.0.0.0/8), on a free port. */
    static LoopbackDockerSocket open(Path socket, InetAddress loopback) throws IOException {
        return new LoopbackDockerSocket(socket, loopback);
    }

    /** DOCKER_HOST for the gate: tcp://<loopback address>:port. */
    String dockerHost() {
        return "tcp://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                // the channel is read and written directly: its stream adapters would share one lock and deadlock
                pump("loopback-docker-up", client, engine, () -> {
                    byte[] buffer = new byte[BUFFER];
                    InputStream in = client.getInputStream();
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                        while (chunk.hasRemaining()) {
                            engine.write(chunk);
                        }
                    }
                });
                pump("loopback-docker-down", client, engine, () -> {
                    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
                    OutputStream out = client.getOutputStream();
                    while (engine.read(buffer) >= 0) {
                        out.write(buffer.array(), 0, buffer.position());
                        out.flush();
                        buffer.clear();
                    }
                });
            } catch (IOException e) {
                // closed while accepting, or one connection could not be set up: the next one may
            }
        }
    }

    /** One direction of one connection; when it ends, both sides are closed. */
    private interface Copy {
        void run() throws IOException;
    }

    private static void pump(String name, Socket client, SocketChannel engine, Copy copy) {
        Thread t = new Thread(() -> {
            try {
                copy.run();
            } catch (IOException ignored) {
                // the other side closed
            } finally {
                try {
                    client.close();
                    engine.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
