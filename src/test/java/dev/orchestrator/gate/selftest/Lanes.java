package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.docker.DockerEngine;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The self-tests' lanes, shared by every self-test of this JVM: lane 0 (this machine's engine) and
 * {@code -Dselftest.lanes} lanes of their own (default 1: two busy gate runs at a time is what two cores carry without
 * slowing the service's own starts and answers past its budgets; more lanes pay on a larger machine), plus one lane
 * for a run that mostly waits (a real soak, a health interval waited out: {@link #onWaitingLane}, started when the first
 * such run asks for it), the others started on first use beside each other, stopped when the self-tests end (also on a
 * signal). A busy run takes one of {@link #BUSY} permits,
 * then a free lane, and gives both back; a self-test that needs this machine's engine itself (an engine offered over TCP
 * or SSH, signals to a process group) takes lane 0 and waits for it.
 */
final class Lanes {

    /** How many lanes of their own the self-tests get beside this machine's engine for busy runs. */
    static final int COUNT = Integer.getInteger("selftest.lanes", 1);
    /** How many busy gate runs go on at a time: one per lane of lane 0 and the {@link #COUNT} lanes. */
    static final int BUSY = COUNT + 1;
    /** The lane number of the lane for runs that mostly wait (after the busy lanes). */
    private static final int WAITING_LANE = COUNT + 1;
    private static final Path SCRIPT = GateRuns.PROJECT.resolve("fixtures/selftest/lane.sh");
    private static final Duration START = Duration.ofSeconds(300);
    private static final Duration STOP = Duration.ofSeconds(120);
    /** A run waits at most this long for a lane (every lane busy with its longest run meanwhile). */
    private static final Duration WAIT = Duration.ofMinutes(30);
    private static Lanes shared;

    private final ArrayDeque<Lane> free = new ArrayDeque<>();
    private final Semaphore busy = new Semaphore(BUSY, true);
    private final Semaphore waiting = new Semaphore(1, true);
    /** The waiting lane: not asked for yet, starting, ready, or could not start (its runs then go to the busy lanes). */
    private final CompletableFuture<Boolean> waitingLane = new CompletableFuture<>();
    private boolean waitingLaneAsked;
    private int mainWanted;
    private final List<Integer> started = new ArrayList<>();
    private final Thread stopOnSignal = new Thread(this::stopAll, "selftest-lanes-stop");

    private Lanes() {
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        free.add(new Lane(0, DockerEngine.dockerHost(), Path.of(System.getProperty("java.io.tmpdir"))));
        for (int n = 1; n <= COUNT; n++) {
            int number = n;
            CompletableFuture.runAsync(() -> start(number)); // beside each other, and beside the first runs on lane 0
        }
    }

    /** This JVM's lanes (started on first use). */
    static synchronized Lanes shared() {
        if (shared == null) {
            shared = new Lanes();
        }
        return shared;
    }

    /** Starts lane {@code number}; tells whether it is ready. */
    private boolean start(int number) {
        CommandResult result = Commands.run(START, List.of("bash", SCRIPT.toString(), "start", String.valueOf(number)));
        Lane lane = null;
        try {
            if (!result.ok()) {
                System.out.println("[selftest] lane " + number + " could not start, its runs go to the other lanes: " + result.tail(3));
                return false;
            }
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"), Lane.NAMESPACE_PREFIX + number + "-tmp");
            Files.createDirectories(tmp);
            System.out.println("[selftest] lane " + number + " ready: " + result.stdout().strip());
            lane = new Lane(number, result.stdout().strip(), tmp);
        } catch (IOException e) {
            System.out.println("[selftest] lane " + number + " has no temporary folder, its runs go to the other lanes: " + e);
        } finally {
            synchronized (this) {
                started.add(number);
                if (lane != null) {
                    free.add(lane);
                }
                notifyAll();
            }
        }
        return lane != null;
    }

    /** Runs {@code run} on a free lane (any: the first that is free) as one of the busy runs, giving the lane back after it. */
    <T> T onAnyLane(Function<Lane, T> run) {
        return busy(() -> on(take(Want.ANY), run));
    }

    /** Runs {@code run} on lane 0, this machine's own engine, when it is free, as one of the busy runs. */
    <T> T onThisMachinesEngine(Function<Lane, T> run) {
        return busy(() -> on(take(Want.MAIN), run));
    }

    /**
     * Runs {@code run}, a run that mostly waits (its CPU is its deploy and its teardown), on the waiting lane (started on
     * the first such run), one such run at a time and beside the busy runs: its waits cost the busy lanes nothing. When
     * that lane cannot start, the run is one of the busy runs.
     */
    <T> T onWaitingLane(Function<Lane, T> run) {
        synchronized (this) {
            if (!waitingLaneAsked) {
                waitingLaneAsked = true;
                CompletableFuture.supplyAsync(() -> start(WAITING_LANE)).whenComplete((ready, e) -> waitingLane.complete(e == null && ready));
            }
        }
        boolean ready;
        try {
            ready = waitingLane.get(START.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the waiting lane starts", e);
        } catch (ExecutionException | TimeoutException e) {
            ready = false;
        }
        return ready ? held(waiting, () -> on(take(Want.WAITING), run)) : onAnyLane(run);
    }

    private <T> T busy(Supplier<T> run) {
        return held(busy, run);
    }

    private static <T> T held(Semaphore permits, Supplier<T> run) {
        try {
            if (!permits.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no turn for a gate run within " + WAIT.toMinutes() + " min (a hang)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a turn", e);
        }
        try {
            return run.get();
        } finally {
            permits.release();
        }
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

    /** Which lane a run may take. */
    private enum Want { MAIN, ANY, WAITING }

    /**
     * A free lane: lane 0 for a self-test that needs this machine's engine; any other busy run takes the first free busy
     * lane, lane 0 too unless such a self-test waits for it (it gets it as soon as the run on it ends); a waiting run takes
     * the waiting lane, which no busy run takes.
     */
    private synchronized Lane take(Want want) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        if (want == Want.MAIN) {
            mainWanted++;
        }
        try {
            while (System.nanoTime() < deadline) {
                for (Lane lane : free) {
                    boolean fits = switch (want) {
                        case MAIN -> lane.main();
                        case ANY -> lane.number() != WAITING_LANE && (!lane.main() || mainWanted == 0);
                        case WAITING -> lane.number() == WAITING_LANE;
                    };
                    if (fits) {
                        free.remove(lane);
                        return lane;
                    }
                }
                wait(1000); // every lane busy: until one is given back (bounded by WAIT)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (want == Want.MAIN) {
                mainWanted--;
            }
        }
        throw new AssertionError("no free lane (" + want + ") within " + WAIT.toMinutes() + " min (a hang)");
    }


    /** Stops every lane this JVM started (their engines, namespaces and folders). */
    private void stopAll() {
        List<Integer> lanes;
        synchronized (this) {
            lanes = List.copyOf(started);
        }
        lanes.parallelStream().forEach(n -> Commands.run(STOP, List.of("bash", SCRIPT.toString(), "stop", String.valueOf(n))));
    }

    /** Stops the lanes now (the self-tests have ended). */
    static synchronized void close() {
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
