package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The defect matrix's background lane: rows that need the real 120 s soak, run one after the other in
 * processes of their own, beside the other rows, on the bundled stack renamed and moved to other ports
 * ({@code fixtures/selftest/soak-lane.yml}) so that neither the other rows' pre-flight nor their
 * leftover checks see it. Started only after the port-scenario rows, whose cleanup scripts may remove
 * any container on the engine.
 */
final class SoakLane implements AutoCloseable {

    static final String COMPOSE_OVERRIDE = "fixtures/selftest/soak-lane.yml";
    static final String CONTAINER = "gate-soak-lane-backend";
    static final String EDGE_URL = "http://127.0.0.1:19480";
    static final String NETWORK = "gate-soak-lane-net";
    /** The lane's host ports (service, edge), as the override publishes them. */
    static final int[] PORTS = {19403, 19480};
    /** Hang guard per row (a real-soak row takes about 135 s). */
    static final Duration ROW_LIMIT = Duration.ofSeconds(600);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    private final Map<String, Future<RowRun>> results = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "soak-lane");
        t.setDaemon(true);
        return t;
    });
    private boolean started;

    /** Adds a row, with its configuration moved onto the lane's names and ports. */
    void add(String id, Map<String, String> config) {
        Map<String, String> moved = new LinkedHashMap<>(config);
        moved.merge("acceptance.compose.files", COMPOSE_OVERRIDE, (files, lane) -> files + "," + lane);
        moved.put("acceptance.container-name-pattern", "^" + CONTAINER + "$");
        moved.put("acceptance.edge-url", EDGE_URL);
        // its rows are about the soak; plain compose plants no coolify-proxy, whose fixed name the other rows' runs use meanwhile
        moved.put("acceptance.platform", "compose");
        rows.put(id, moved);
    }

    /** Starts the lane's rows (once); call only when no port-scenario row is left to run. */
    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        rows.forEach((id, config) -> results.put(id, executor.submit(() -> {
            DockerEngine engine = new DockerEngine();
            EngineSnapshot before = EngineSnapshot.take(engine, PORTS);
            System.out.println("[selftest] soak lane: " + id + " started");
            GateRuns.ProcessOutcome run = GateRuns.runAsProcess(config, ROW_LIMIT);
            GateRuns.Outcome outcome = run.outcome();
            System.out.printf("[selftest] soak lane: %s finished, exit %d after %.0f s%n", id, outcome.exitCode(), outcome.took().toMillis() / 1000.0);
            return new RowRun(outcome, attributable(before.leftoversIn(EngineSnapshot.take(engine, PORTS)), run.runId()));
        })));
    }

    /**
     * What of the new things is the lane row's: its run's objects and folders (ogate-<run id>...), the
     * lane's names and ports. The other rows' objects come and go meanwhile; whatever the whole matrix
     * leaves is checked once at its end.
     */
    static List<String> attributable(List<String> leftovers, String runId) {
        List<String> marks = new ArrayList<>(List.of(CONTAINER, NETWORK, ":" + PORTS[0] + " ", ":" + PORTS[1] + " "));
        if (!runId.isEmpty()) {
            marks.add(GateLabels.PROJECT_PREFIX + runId);
        }
        return leftovers.stream().filter(line -> marks.stream().anyMatch(line::contains)).toList();
    }

    /** The row's run, waiting for it (progress every 10 s, bounded by the lane's remaining rows' limits). */
    RowRun result(String id) {
        start();
        Future<RowRun> future = results.get(id);
        long deadline = System.nanoTime() + ROW_LIMIT.multipliedBy(rows.size()).toNanos();
        while (true) {
            try {
                return future.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    future.cancel(true);
                    throw new AssertionError("the soak lane's row " + id + " did not finish within its limit (a hang)");
                }
                System.out.println("[selftest] waiting for the soak lane's row " + id);
            } catch (ExecutionException e) {
                throw new AssertionError("the soak lane's row " + id + " could not run: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the soak lane's row " + id, e);
            }
        }
    }

    List<String> ids() {
        return List.copyOf(rows.keySet());
    }

    /** Lets a row still running finish with its own teardown (bounded), then stops the lane. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(ROW_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow(); // a hang: its gate process is killed with its group
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
