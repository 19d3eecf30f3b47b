package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The self-tests' lanes, shared by every self-test of this JVM: lane 0 (this machine's engine) and
 * {@code -Dselftest.lanes} lanes of their own (default 1: two gate runs at a time is what two cores carry without
 * slowing the service's own starts and answers past its budgets; more lanes pay on a larger machine), started on first use beside each other, stopped when the
 * self-tests end (also on a signal). A run takes a free lane and gives it back; a self-test that needs this machine's
 * engine itself (an engine offered over TCP or SSH, signals to a process group) takes lane 0 and waits for it.
 */
final class Lanes {

    /** How many lanes of their own the self-tests get beside this machine's engine. */
    static final int COUNT = Integer.getInteger("selftest.lanes", 1);
    private static final Path SCRIPT = GateRuns.PROJECT.resolve("fixtures/selftest/lane.sh");
    private static final Duration START = Duration.ofSeconds(300);
    private static final Duration STOP = Duration.ofSeconds(120);
    /** A run waits at most this long for a lane (every lane busy with its longest run meanwhile). */
    private static final Duration WAIT = Duration.ofMinutes(30);
    private static Lanes shared;

    private final ArrayDeque<Lane> free = new ArrayDeque<>();
    private int mainWanted;
    private final List<Integer> started = new ArrayList<>();
    private final Thread stopOnSignal = new Thread(this::stopAll, "selftest-lanes-stop");
    /** The lanes' starts under way: a stop waits for them (a self-test run shorter than a lane's start left the lane running). */
    private final List<CompletableFuture<Void>> starting = new ArrayList<>();

    private Lanes() {
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        free.add(Lane.thisMachine());
        for (int n = 1; n <= COUNT; n++) {
            int number = n;
            starting.add(CompletableFuture.runAsync(() -> start(number))); // beside each other, and beside the first runs on lane 0
        }
    }

    /** This JVM's lanes (started on first use). */
    static synchronized Lanes shared() {
        if (shared == null) {
            shared = new Lanes();
        }
        return shared;
    }

    private void start(int number) {
        CommandResult result = Commands.run(START, List.of("bash", SCRIPT.toString(), "start", String.valueOf(number)));
        synchronized (this) {
            started.add(number);
        }
        if (!result.ok()) {
            System.out.println("[selftest] lane " + number + " could not start, its runs go to the other lanes: " + result.tail(3));
            return;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"), Lane.NAMESPACE_PREFIX + number + "-tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            System.out.println("[selftest] lane " + number + " has no temporary folder (" + tmp + ": " + e.getMessage() + "), its runs go to the other lanes");
            return;
        }
        System.out.println("[selftest] lane " + number + " ready: " + result.stdout().strip());
        synchronized (this) {
            free.add(new Lane(number, result.stdout().strip(), tmp));
            notifyAll();
        }
    }

    /** Runs {@code run} on a free lane (any: the first that is free), giving the lane back after it. */
    <T> T onAnyLane(Function<Lane, T> run) {
        return on(take(false), run);
    }

    /** Runs {@code run} on lane 0, this machine's own engine, when it is free. */
    <T> T onThisMachinesEngine(Function<Lane, T> run) {
        return on(take(true), run);
    }

    private <T> T on(Lane lane, Function<Lane, T> run) {
        try {
            return run.apply(lane);
        } finally {
            synchronized (this) {
                free.addFirst(lane);
                notifyAll();
            }
        }
    }

    /**
     * A free lane: lane 0 for a self-test that needs this machine's engine; any other run takes the first free lane, lane 0
     * too unless such a self-test waits for it (it gets it as soon as the run on it ends).
     */
    private synchronized Lane take(boolean main) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        if (main) {
            mainWanted++;
        }
        try {
            while (System.nanoTime() < deadline) {
                for (Lane lane : free) {
                    if (main ? lane.main() : !lane.main() || mainWanted == 0) {
                        free.remove(lane);
                        return lane;
                    }
                }
                wait(1000); // every lane busy: until one is given back (bounded by WAIT)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (main) {
                mainWanted--;
            }
        }
        throw new AssertionError("no " + (main ? "free lane 0" : "free lane") + " within " + WAIT.toMinutes() + " min (a hang)");
    }

    /** Stops every lane this JVM started (their engines, namespaces and folders). */
    private void stopAll() {
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get(START.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("[selftest] a lane's start did not end (" + e.getMessage() + "): the lanes that started are stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Integer> lanes;
        synchronized (this) {
            lanes = List.copyOf(started);
        }
        lanes.parallelStream().forEach(n -> Commands.run(STOP, List.of("bash", SCRIPT.toString(), "stop", String.valueOf(n))));
    }

    /** Stops the lanes now (the self-tests have ended): their row runners first, then their engines. */
    static synchronized void close() {
        RowRunners.closeAll();
        if (shared != null) {
            shared.stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(shared.stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            shared = null;
        }
    }
}
