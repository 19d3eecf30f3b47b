package dev.orchestrator.gate.scenario;

import dev.orchestrator.gate.api.JsonAnswer;
import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.failure.PhaseFailure;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.ws.SoakConnection;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When and how the soak window opens. It may open early, as soon as the service answers while AC-06 still
 * waits for Docker's health (the first probe may come a full interval after the start): that attempt runs
 * on a thread of its own, never on AC-06's clock, and counts only when every socket connected. Otherwise
 * the soak phase opens it when its first criterion needs it.
 */
public final class SoakOpening implements AutoCloseable {

    /** Bound on waiting for an early attempt still under way when the soak phase begins. */
    private static final Duration EARLY_ATTEMPT_BOUND = Duration.ofSeconds(60);

    private final GateRun gate;
    private final boolean needed;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "soak-early-opening");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Optional<SoakStart>> attempt;
    private SoakStart opened;
    private final Memo<SoakStart> inPhase;
    private boolean closed;

    SoakOpening(GateRun gate, boolean needed) {
        this.gate = gate;
        this.needed = needed;
        this.inPhase = new Memo<>(() -> {
            try {
                return SoakStart.open(gate, "now");
            } catch (RuntimeException | AssertionError e) {
                throw new PhaseFailure(Criterion.Phase.SOAK_WINDOW, e);
            }
        });
    }

    /**
     * Called on every poll of AC-06's wait: starts one background attempt at a time, which opens the window
     * if the service (and the edge) answer healthy and every socket connects; it returns at once.
     */
    public synchronized void openEarlyIfReady() {
        if (!needed || closed || opened != null || attempt != null && !attempt.isDone()) {
            return;
        }
        if (attempt != null && attempt.join().isPresent()) {
            opened = attempt.join().get();
            return;
        }
        attempt = CompletableFuture.supplyAsync(this::tryEarly, background);
    }

    private Optional<SoakStart> tryEarly() {
        if (!answersHealthy(gate.api()) || gate.edgeApi().map(edge -> !answersHealthy(edge)).orElse(false)) {
            return Optional.empty();
        }
        try {
            SoakStart start = SoakStart.open(gate, "while AC-06 waits for Docker's health");
            if (start.connected()) {
                return Optional.of(start);
            }
            gate.log("the early soak window's sockets did not all connect (" + start.soak().connections().stream()
                    .map(SoakConnection::status).toList() + "): closed, it opens again later");
            start.close();
        } catch (RuntimeException | AssertionError e) {
            // not AC-06's business: the soak phase opens the window itself and reports what stops it
            gate.log("the soak window could not open early (" + e.getMessage() + "); it opens in its phase");
        }
        return Optional.empty();
    }

    private static boolean answersHealthy(OrchestratorApi api) {
        try {
            Response r = api.health();
            return r.statusCode() == 200 && r.contentType().contains("json") && "healthy".equals(JsonAnswer.of(r).text("status"));
        } catch (AssertionError | RuntimeException e) { // not answering yet: this is what is being waited for
            return false;
        }
    }

    /** The window: the early one when it opened with every socket connected, else opened now (once; a failure is kept). */
    public SoakStart get() {
        synchronized (this) {
            if (opened != null) {
                return opened;
            }
        }
        Optional<SoakStart> early = awaitAttempt();
        synchronized (this) {
            if (opened == null && early.isPresent()) {
                opened = early.get();
            }
            if (opened != null) {
                return opened;
            }
        }
        SoakStart now = inPhase.get();
        synchronized (this) {
            opened = now;
            return now;
        }
    }

    /** The window if it is open (nothing is opened by asking). */
    public synchronized Optional<SoakStart> ifOpen() {
        return Optional.ofNullable(opened);
    }

    private Optional<SoakStart> awaitAttempt() {
        CompletableFuture<Optional<SoakStart>> pending;
        synchronized (this) {
            pending = attempt;
        }
        if (pending == null) {
            return Optional.empty();
        }
        try {
            return pending.get(EARLY_ATTEMPT_BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    /** Closes the window (its sockets) and stops any attempt still going; the soak's length is recorded by the caller. */
    @Override
    public void close() {
        CompletableFuture<Optional<SoakStart>> pending;
        synchronized (this) {
            closed = true;
            pending = attempt;
        }
        background.shutdown();
        if (pending != null) {
            try {
                pending.get(EARLY_ATTEMPT_BOUND.toSeconds(), TimeUnit.SECONDS).ifPresent(s -> {
                    if (s != opened) {
                        s.close();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // nothing opened by it is left: a failed attempt closed its own sockets
            }
        }
        synchronized (this) {
            if (opened != null) {
                opened.close();
            }
        }
    }
}
