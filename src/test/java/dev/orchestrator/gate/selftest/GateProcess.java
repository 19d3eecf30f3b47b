package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.judge.GateMain;
import dev.orchestrator.gate.process.Commands;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.testcontainers.dockerclient.EnvironmentAndSystemPropertyClientProviderStrategy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The gate started as its own OS process (own process group), with its console captured line by line. It never
 * outlives the self-test JVM: a signal to that JVM (a CI cancel) passes SIGTERM on to every gate process still
 * running and waits for its teardown; and a gate process whose parent died anyhow sees its stdin close and tears
 * down by itself (GateMain --exit-with-parent).
 */
final class GateProcess implements AutoCloseable {

    /** How long a signalled gate process may take to tear down before it is killed. */
    static final Duration TEARDOWN_ON_SIGNAL = Duration.ofSeconds(90);
    private static final Set<GateProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(GateProcess::terminateAll, "selftest-gate-processes"));
    }

    /** Set once the self-test JVM shuts down: no gate process starts after it (a lane freed by the stop takes no new row). */
    private static boolean stopping;

    /** SIGTERM to every gate process still running, then waits (bounded) for their teardown. */
    private static void terminateAll() {
        List<GateProcess> running;
        synchronized (RUNNING) {
            stopping = true;
            running = List.copyOf(RUNNING);
        }
        running.forEach(GateProcess::terminate);
        long deadline = System.nanoTime() + TEARDOWN_ON_SIGNAL.toNanos();
        for (GateProcess gate : running) {
            try {
                if (!gate.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    Commands.killGroup(gate.process.pid(), "KILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A console line and when it arrived, in seconds since the process started. */
    record Line(double at, String text) {
    }

    private final Process process;
    private final long startNanos = System.nanoTime();
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private volatile boolean readerDone;

    private GateProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "gate-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static GateProcess start(Map<String, String> config, Map<String, String> environment) {
        List<String> args = new ArrayList<>(List.of(GateMain.EXIT_WITH_PARENT));
        config.forEach((k, v) -> args.add(k + "=" + v));
        return startMain(GateMain.class, args, environment);
    }

    /**
     * The JVM options of every program a self-test starts: a gate run mostly waits, so the client compiler alone, the serial
     * collector and a small heap (as the unit tests run) spare the machine's two cores several CPU-seconds per program.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k");

    /** Another program of this project's classpath inside {@code lane} (its network, its engine, its temporary folder). */
    static GateProcess startOn(Lane lane, Class<?> main, List<String> args) {
        return startMain(lane, main, args, lane.environment());
    }

    /** Another program of this project's classpath, started the same way (a process group of its own). */
    static GateProcess startMain(Class<?> main, List<String> args) {
        return startMain(main, args, Map.of());
    }

    private static GateProcess startMain(Class<?> main, List<String> args, Map<String, String> environment) {
        return startMain(null, main, args, environment);
    }

    private static GateProcess startMain(Lane lane, Class<?> main, List<String> args, Map<String, String> environment) {
        List<String> java = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"), "-Dacceptance.project.dir=" + GateRuns.PROJECT));
        java.addAll(JVM_OPTIONS);
        if (lane != null) {
            java.addAll(lane.jvmOptions());
        }
        java.add(main.getName());
        java.addAll(args);
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(lane == null ? java : lane.inside(java));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(GateRuns.PROJECT.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
        builder.environment().put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        builder.environment().put("TESTCONTAINERS_DOCKER_CLIENT_STRATEGY", EnvironmentAndSystemPropertyClientProviderStrategy.class.getName());
        try {
            synchronized (RUNNING) {
                if (stopping) {
                    throw new IllegalStateException("the self-tests are stopping: no gate process starts now");
                }
                GateProcess gate = new GateProcess(builder.start());
                RUNNING.add(gate);
                gate.process.onExit().thenRun(() -> RUNNING.remove(gate));
                return gate;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(new Line((System.nanoTime() - startNanos) / 1e9, line));
            }
        } catch (IOException ignored) {
            // the process ended
        }
        readerDone = true;
    }

    private boolean readerDone() {
        return readerDone;
    }

    Line awaitLine(String regex, Duration timeout) {
        return awaitLine(regex, timeout, 0);
    }

    /** The first console line from line {@code from} on (see {@link #lineCount()}) that matches {@code regex}, within {@code timeout}. */
    Line awaitLine(String regex, Duration timeout, int from) {
        Pattern pattern = Pattern.compile(regex);
        try {
            return await("gate console line /" + regex + "/").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .failFast("the gate process exited first", () -> !process.isAlive() && since(from).noneMatch(l -> pattern.matcher(l.text()).find()))
                    .until(() -> since(from).filter(l -> pattern.matcher(l.text()).find()).findFirst().orElse(null), l -> l != null);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            // the console as it is now (the reader may still be draining what a process wrote before it ended)
            await("the gate's console read to its end").atMost(Duration.ofSeconds(5)).until(() -> process.isAlive() || readerDone());
            throw new AssertionError(e.getMessage() + " (exit " + (process.isAlive() ? "none yet" : String.valueOf(process.exitValue())) + "); its console:\n"
                    + tail(), e);
        }
    }

    private Stream<Line> since(int from) {
        return lines.stream().skip(from); // over a snapshot of the lines (the reader adds to them meanwhile)
    }

    /** How many console lines have come so far: where the console of what the process is asked next begins. */
    int lineCount() {
        return lines.size();
    }

    /** The console from line {@code from} on. */
    String outputFrom(int from) {
        StringBuilder all = new StringBuilder();
        since(from).forEach(l -> all.append(l.text()).append('\n'));
        return all.toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Writes {@code line} to the process's input. */
    void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the process " + process.pid() + " (it ended?)", e);
        }
    }

    /** Closes the process's input (a program that reads it to its end then exits) and waits for its exit; killed after {@code timeout}. */
    void endInput(Duration timeout) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it ended already
        }
        awaitExit(timeout);
    }

    /** SIGTERM (its teardown runs) and waits for its exit; killed after {@code timeout}. */
    void stop(Duration timeout) {
        terminate();
        awaitExit(timeout);
    }

    /** Waits for the exit, also when this thread is interrupted meanwhile (a teardown is never cut short by the waiter); KILL after {@code timeout}. */
    private void awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (process.isAlive()) {
            Commands.killGroup(process.pid(), "KILL");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    /** Copies the gate's console, as it comes, to {@code out} (on a thread of its own). */
    void mirror(PrintStream out) {
        Thread t = new Thread(() -> {
            int shown = 0;
            while (process.isAlive() || shown < lines.size()) {
                while (shown < lines.size()) {
                    out.println(lines.get(shown++).text());
                }
                try {
                    Thread.sleep(100); // a console relay's own pace, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gate-console-mirror");
        t.setDaemon(true);
        t.start();
    }

    /** SIGTERM to the whole process group, as a CI cancel does. */
    void terminate() {
        Commands.killGroup(process.pid(), "TERM");
    }

    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Commands.killGroup(process.pid(), "KILL");
                throw new AssertionError("the gate process did not exit within " + timeout.toSeconds() + " s:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String output() {
        return outputFrom(0);
    }

    String tail() {
        int from = Math.max(0, lines.size() - 15);
        StringBuilder t = new StringBuilder();
        lines.subList(from, lines.size()).forEach(l -> t.append(String.format("%6.1f %s%n", l.at(), l.text())));
        return t.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Commands.killGroup(process.pid(), "KILL");
        }
    }
}
