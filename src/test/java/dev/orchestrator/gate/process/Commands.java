package dev.orchestrator.gate.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands, always with a time limit. Each command runs in its own session (setsid),
 * so a command that hangs is killed with its whole process group, children included.
 */
public final class Commands {

    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    /** The thread that stopped every command (an interrupted run's teardown): from then on only it starts commands. */
    private static Thread stoppedBy;
    /** Commands running now, so an interrupted run can stop them before it tears down. */
    private Commands() {
    }

    public static CommandResult run(Duration timeout, List<String> command) {
        return run(timeout, command, Map.of(), null);
    }

    public static CommandResult run(Duration timeout, List<String> command, Map<String, String> environment, Path workDir) {
        return run(timeout, command, environment, workDir, false);
    }

    /** As {@link #run(Duration, List, Map, Path)}, the command getting exactly {@code environment} and nothing of this process's own. */
    public static CommandResult runWithExactly(Duration timeout, List<String> command, Map<String, String> environment, Path workDir) {
        return run(timeout, command, environment, workDir, true);
    }

    private static CommandResult run(Duration timeout, List<String> command, Map<String, String> environment, Path workDir, boolean exactly) {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.add("--wait");
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        if (exactly) {
            builder.environment().clear();
        }
        builder.environment().putAll(environment);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        long start = System.nanoTime();
        Process process;
        synchronized (Commands.class) { // started before stopAll (and killed by it) or refused after it: never an orphan of the teardown
            if (stoppedBy != null && stoppedBy != Thread.currentThread()) {
                return new CommandResult(command, 143, false, Duration.ZERO, "", "not started: the run was interrupted and is tearing down");
            }
            try {
                process = builder.start();
            } catch (IOException e) {
                return new CommandResult(command, 127, false, Duration.ZERO, "", "cannot start " + command.get(0) + ": " + e.getMessage());
            }
        }
        try {
            process.getOutputStream().close(); // commands never read from the gate
        } catch (IOException ignored) {
            // already closed
        }
        OutputPump out = new OutputPump(process.getInputStream(), "command-stdout");
        OutputPump err = new OutputPump(process.getErrorStream(), "command-stderr");
        out.start();
        err.start();
        boolean finished;
        Duration took;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killGroup(process.pid(), "TERM");
                if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    killGroup(process.pid(), "KILL");
                    process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            // the command's time ends when it does: a child it left holding its output may keep the pipes open a while longer
            took = Duration.ofNanos(System.nanoTime() - start);
            out.join(KILL_GRACE.toMillis());
            err.join(KILL_GRACE.toMillis());
        } catch (InterruptedException e) {
            killGroup(process.pid(), "KILL");
            Thread.currentThread().interrupt();
            finished = false;
            took = Duration.ofNanos(System.nanoTime() - start);
        }
        int exit = finished ? process.exitValue() : -1;
        return new CommandResult(command, exit, !finished, took, out.text(), err.text());
    }

    /**
     * For an interrupted run's teardown: kills every command this JVM still runs, and from now on only the calling thread
     * starts commands (a check still going on another thread, a reboot script, a redeploy, gets "not started").
     */
    public static void stopAll() {
        synchronized (Commands.class) {
            stoppedBy = Thread.currentThread();
            killAll();
        }
    }

    /**
     * Kills every command this JVM still runs (their own sessions do not get the signal that
     * interrupted the gate). Each was started by setsid, so each child leads its own process group.
     */
    private static void killAll() {
        // listed first: once a parent dies its children are re-parented and no longer found under this JVM
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        ProcessHandle.current().children().forEach(p -> killGroup(p.pid(), "KILL"));
        // what is not a group leader of its own (chromedriver and its Chromium) dies one by one
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Sends a signal to the process group led by {@code pid} (setsid makes the child a group leader). */
    public static void killGroup(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + pid).redirectErrorStream(true).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains a process's output on its own thread so the process never blocks on a full pipe. */
    private static final class OutputPump extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        OutputPump(InputStream in, String name) {
            super(name);
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            try {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process was killed: keep what arrived
            }
        }

        synchronized String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
