package dev.orchestrator.gate.run;

import dev.orchestrator.gate.failure.GateRefusedException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One gate run at a time per engine and port: an OS file lock, released on exit and also when the
 * process is killed. The file names the holder for the refusal message.
 */
public final class RunLock implements AutoCloseable {

    private static final String PREFIX = "orchestrator-gate-";
    /**
     * The lock files this JVM holds, with their run. Such a file is never opened a second time: closing
     * any other descriptor of it would drop this process's lock (POSIX record locks belong to the process).
     */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();
    /** Taking, releasing and probing locks never interleave in this JVM (a probe must not open a file being locked here). */
    private static final Object LOCKS = new Object();

    private static final Pattern HOLDER_RUN = Pattern.compile("^run (\\S+),");

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path pathFor(String dockerHost, int port) {
        String key = Integer.toHexString((dockerHost + ":" + port).hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), PREFIX + port + "-" + key + ".lock");
    }

    /**
     * The runs going on now on this machine, whatever their port or engine: those whose lock file is
     * still locked, by another process or by this JVM. A file nobody holds is an ended run's.
     */
    public static Set<String> liveRunIds() {
        synchronized (LOCKS) {
            return liveRunIdsLocked();
        }
    }

    private static Set<String> liveRunIdsLocked() {
        Set<String> live = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(PREFIX) && f.getFileName().toString().endsWith(".lock")).toList()) {
                String here = HELD_HERE.get(file.toAbsolutePath());
                if (here != null) {
                    live.add(here);
                } else if (heldByAnotherProcess(file)) {
                    Matcher m = HOLDER_RUN.matcher(readQuietly(file));
                    if (m.find()) {
                        live.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new GateRefusedException("cannot list the run locks in " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage());
        }
        return live;
    }

    /** True while a run of this JVM holds its lock (from its pre-flight to the end of its teardown). */
    public static boolean heldHere() {
        return !HELD_HERE.isEmpty();
    }

    /** Only for files this JVM holds no lock on (see {@link #HELD_HERE}). */
    private static boolean heldByAnotherProcess(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (IOException | OverlappingFileLockException e) {
            return false; // gone meanwhile, or not ours to open: no run of ours
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** Takes the lock or throws with the holder's description. */
    static RunLock acquire(Path file, String runId) {
        synchronized (LOCKS) {
            return acquireLocked(file, runId);
        }
    }

    private static RunLock acquireLocked(Path file, String runId) {
        String inThisProcess = HELD_HERE.get(file.toAbsolutePath());
        if (inThisProcess != null) { // never open it again here: see HELD_HERE
            throw new GateRefusedException("another gate run is going on this engine and port: run " + inThisProcess
                    + ", in this process (the lock is " + file + ")");
        }
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
            HELD_HERE.put(file.toAbsolutePath(), runId);
            return new RunLock(file, channel, lock);
        } catch (IOException e) {
            throw new GateRefusedException("cannot take the run lock " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (LOCKS) {
            HELD_HERE.remove(file.toAbsolutePath());
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // the OS releases it with the process anyway
            }
        }
    }
}
