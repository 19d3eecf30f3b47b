package dev.orchestrator.gate.scenario;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scripts.OperatorScripts;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the checks of one run share, each made on first use and handed to the checks that need it: the
 * stale holders and the cleanup run of the port scenario, the soak window, the browser tab and the reset
 * round of the soak phase. A phase's fixtures are closed when the next phase begins (the soak's sockets
 * and the browser before the reboot phase restarts things), and all of them at the run's end.
 */
public final class Fixtures implements AutoCloseable {

    private final GateRun gate;
    private final Memo<StaleHolders> holders;
    private final Memo<CleanupRun> cleanup;
    private final SoakOpening soak;
    private final Memo<UiTab> tab;
    private final Memo<ResetRound> resets;
    private boolean soakClosed;

    public Fixtures(GateRun gate) {
        this.gate = gate;
        this.holders = new Memo<>(() -> new StaleHolders(stack(), gate.runId()));
        this.cleanup = new Memo<>(() -> CleanupRun.perform(stack(), gate.runId(), holders(),
                gate.settings().cleanupScript().orElseThrow(() -> new IllegalStateException(
                        "no cleanup script configured (acceptance.cleanup.script): AC-02..AC-04 are not applicable and never ask for its run")),
                gate.settings().cleanupTimeout(), scripts(), gate.settings().scripts().cleanupPreDeploy()));
        this.soak = new SoakOpening(gate, Stream.of(Criterion.values()).filter(c -> c.phase() == Criterion.Phase.SOAK_WINDOW).anyMatch(gate::selects));
        this.tab = new Memo<>(() -> UiTab.launch(gate));
        this.resets = new Memo<>(() -> ResetRound.perform(gate, soak.get()));
    }

    /** The operator's scripts, run as production runs them. */
    public OperatorScripts scripts() {
        return new OperatorScripts(gate.settings().scripts());
    }

    private StackTarget stack() {
        return gate.stack().orElseThrow(() -> new IllegalStateException("no stack in live mode"));
    }

    public StaleHolders holders() {
        return holders.get();
    }

    /**
     * Before the deploy of a run without a cleanup script: the holders AC-01 planted are removed by the gate itself,
     * by id (nobody else will), so that AC-05 still proves the deploy; what was removed, in words (empty when AC-01
     * planted nothing).
     */
    public List<String> removeOwnHoldersWithoutCleanup() {
        return holders.ifMade().map(StaleHolders::removeAllPlanted).orElse(List.of());
    }

    /** The cleanup script's one run, with every holder and bystander planted (made by the first of AC-02..AC-04 to need it). */
    public CleanupRun cleanup() {
        return cleanup.get();
    }

    public SoakOpening soakOpening() {
        return soak;
    }

    /** The soak window (waits for an early opening, or opens it now); a failure to open is the phase's, with its cause. */
    public SoakStart soak() {
        return soak.get();
    }

    /** The user's browser tab on the UI (launched on first use). */
    public UiTab tab() {
        return tab.get();
    }

    /** The soak window's reset round (sent once, by the first of AC-11 and AC-12). */
    public ResetRound resets() {
        return resets.get();
    }

    /** The slowest of the soak window's resets, when they were sent (AC-14 compares its downtime with it). */
    public Optional<Long> slowestReset() {
        return resets.ifMade().filter(r -> r.sent() > 0 && !r.latenciesMs().isEmpty()).map(r -> r.latencyStats().get("max"));
    }

    /** Before {@code phase} begins: closes what earlier phases opened (the soak window's sockets and the browser before the reboot phase). */
    public void beginPhase(Criterion.Phase phase) {
        if (phase.compareTo(Criterion.Phase.SOAK_WINDOW) > 0) {
            closeSoakPhase();
        }
    }

    private synchronized void closeSoakPhase() {
        if (soakClosed) {
            return;
        }
        soakClosed = true;
        tab.ifMade().ifPresent(UiTab::close);
        soak.ifOpen().ifPresent(s -> {
            gate.record().soaked(s.soak().endedAt());
            gate.availability().span("soak", s.soak().startedNanos(), s.soak().startedNanos() + (long) (s.soak().endedAt() * 1e9));
        });
        soak.close();
    }

    @Override
    public void close() {
        closeSoakPhase();
    }
}
