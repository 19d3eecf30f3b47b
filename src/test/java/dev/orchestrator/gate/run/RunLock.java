package dev.orchestrator.gate.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One gate run at a time per engine and port: an OS file lock, released on exit and also when the
 * process is killed. The file names the holder for the refusal message.
 */
final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path pathFor(String dockerHost, int port) {
        String key = Integer.toHexString((dockerHost + ":" + port).hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "orchestrator-gate-" + port + "-" + key + ".lock");
    }

    /** Takes the lock or throws with the holder's description. */
    static RunLock acquire(Path file, String runId) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = Files.readString(file).trim();
                channel.close();
                throw new GateRefusedException("another gate run is going on this engine and port: " + (holder.isEmpty() ? file : holder)
                        + " (wait for it to finish; the lock is " + file + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("run " + runId + ", pid " + ProcessHandle.current().pid() + ", started " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new GateRefusedException("cannot take the run lock " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases it with the process anyway
        }
    }
}
