package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.await.Waited;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.CleanupRun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * AC-03: after the cleanup script nothing holds the port: no container publishes it, no host socket is
 * bound (bind probe and listener table agree), and it stays so for a few seconds, so that a supervised
 * holder that comes back (or one the script restarts) is named here, not blamed on the deploy.
 */
public final class PortFreed implements Check {

    /** How long a port the script freed may take to be released (a holder killed with SIGKILL exits a moment later). */
    static final Duration PORT_SETTLE = Duration.ofSeconds(3);
    /** How long the freed port must stay free. */
    static final Duration STAYS_FREE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(100);

    private final StackTarget stack;
    private final Supplier<CleanupRun> cleanup;

    public PortFreed(StackTarget stack, Supplier<CleanupRun> cleanup) {
        this.stack = stack;
        this.cleanup = cleanup;
    }

    @Override
    public Outcome check(Findings findings) {
        cleanup.get(); // judged after the script, whatever its exit code
        int port = stack.port();
        long start = System.nanoTime();
        Waited<PortProbe> freeing = Waits
                .sample("port " + port + " free after the cleanup script", PORT_SETTLE, POLL, () -> PortProbe.take(stack), PortProbe::free);
        boolean freed = freeing.met();
        double freedAfter = freeing.took().toMillis() / 1000.0;
        // stays free: every look for the whole span; the first look that finds it held again ends the wait
        Waited<PortProbe> staying = freed ? Waits.holds("port " + port + " stays free", STAYS_FREE, POLL, () -> PortProbe.take(stack), PortProbe::free)
                : freeing;
        boolean stayed = freed && staying.met();
        double heldAgainAfter = (System.nanoTime() - start) / 1e9 - freedAfter;
        PortProbe probe = (freed ? staying : freeing).last().orElseGet(() -> PortProbe.take(stack));
        findings.measure("probed_for_ms", (System.nanoTime() - start) / 1_000_000).measure("stayed_free_s", stayed ? STAYS_FREE.toSeconds() : 0);
        probe.bindable().ifPresent(ok -> findings.measure("bind_probe_ok", ok));
        probe.listeners().ifPresent(l -> findings.measure("listeners", l.size()));
        String hostNa = stack.hostProbesNotApplicable().map(why -> "not applicable: " + why).orElse(null);
        findings.evidence("bind probe 0.0.0.0:" + port, hostNa != null ? hostNa : probe.bindable().orElse(true) ? "bound and released"
                : "bind failed: address in use")
                .evidence("listener table (ss -ltnp sport = :" + port + ")", hostNa != null ? hostNa : probe.listenerTable())
                .evidence("containers publishing " + port, DockerEngine.describe(probe.publishers()));
        List<Problem> problems = new ArrayList<>();
        if (!freed) {
            problems.add(Problem.of(ProblemCode.PORT_STILL_HELD, "port " + port + " still held " + PORT_SETTLE.toSeconds() + " s after the cleanup script: "
                    + probe.holders()));
        } else if (!stayed) {
            problems.add(Problem.of(ProblemCode.PORT_HELD_AGAIN, String.format("port %d was free after the cleanup script, then held again %.1f s later: %s"
                    + " (a holder came back: supervised, or restarted)", port, heldAgainAfter, probe.holders())));
        }
        // said as measured: a listener table that could not be read is not "no listener"
        String how = hostNa != null ? "no container publishes it (host probes " + hostNa + ")"
                : "bind probe ok, " + probe.listeners().map(l -> "no listener").orElse("listener table not read (ss is not available on this host)")
                        + ", no container publishes it";
        return Outcome.of(problems, "port " + port + " free: " + how + "; it stayed free for " + STAYS_FREE.toSeconds() + " s");
    }
}
