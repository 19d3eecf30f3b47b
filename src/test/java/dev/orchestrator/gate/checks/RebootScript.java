package dev.orchestrator.gate.checks;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.availability.HealthLane;
import dev.orchestrator.gate.availability.Lane;
import dev.orchestrator.gate.availability.LaneOutage;
import dev.orchestrator.gate.await.Waited;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.ContainerIdentity;
import dev.orchestrator.gate.docker.ContainerSnapshot;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.OneHealthyHolder;
import dev.orchestrator.gate.scenario.ServiceContainer;
import dev.orchestrator.gate.scripts.OperatorScripts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * AC-14: the operator's reboot script exits 0, the reboot is seen within the settle time after its exit (a new
 * container, start or main process, or none of the processes that held the server's sockets still running: the
 * summary names which and when), and it ends with exactly one container of the service, running, holding the port,
 * healthy by the healthcheck in force and by GET /health answering 200. Downtime is measured at the application
 * (GET /health every 100 ms), compared with a reset's. The container after is named with its compose project and
 * platform labels: one the platform does not manage is what the next deploy trips over.
 */
public final class RebootScript implements Check {

    /** A look at the service's containers (inspect, top, the listeners inside) takes ~0.2 s. */
    private static final Duration LOOK = Duration.ofMillis(250);

    private final GateRun gate;
    private final StackTarget stack;
    private final Path script;
    private final Supplier<OperatorScripts.Run> run;
    private final Supplier<Optional<Long>> slowestReset;

    /** {@code run}: runs the script where and as the operator runs it; {@code slowestReset}: the soak's resets, measured where they were sent. */
    public RebootScript(GateRun gate, StackTarget stack, Path script, Supplier<Optional<Long>> slowestReset, Supplier<OperatorScripts.Run> run) {
        this.gate = gate;
        this.stack = stack;
        this.script = script;
        this.slowestReset = slowestReset;
        this.run = run;
    }

    @Override
    public Outcome check(Findings findings) {
        List<Container> before = ServiceContainer.anywhere(stack);
        findings.evidence("containers of the service before", String.join("\n", before.stream().map(ServiceContainer::provenance).toList()));
        // the identity the reboot must change (a new container, start, or server process): a script that exits 0 and changed nothing rebooted nothing
        ContainerSnapshot identity = ServiceContainer.snapshot(stack);
        Availability availability = gate.availability();
        HealthLane probe = availability.application(); // GET /health every 100 ms, for the whole run
        Availability.Mark since = availability.begin("AC-14", "the reboot script");
        OperatorScripts.Run ran = run.get();
        CommandResult result = ran.result();
        findings.measure("where", ran.where()).evidence("command", ran.command() + " (" + ran.describe() + ")");
        stack.scriptCreations().lookAfter("the reboot script " + script.getFileName(), stack.planted().hostPids());
        Optional<HealthcheckInForce> healthcheck = before.stream().findFirst().flatMap(c -> stack.engine().inspect(c.getId())).flatMap(HealthcheckInForce::of);
        // the reboot may come after the script's exit (Coolify's restart API, `docker restart ... &`): looked for until the settle time ends
        Duration settle = gate.settings().rebootSettle();
        Waited<Optional<ContainerSnapshot>> rebooted = result.ok() ? Waits.sample("the reboot seen after " + script.getFileName() + "'s exit", settle, LOOK,
                () -> rebootedContainer(identity), Optional::isPresent) : new Waited<>(false, Optional.empty(), Duration.ZERO);
        List<Problem> problems = new ArrayList<>();
        OneHealthyHolder.Judgement back = OneHealthyHolder.anyContainer(stack).await("one healthy " + stack.service() + " container after the reboot script",
                HealthPasses.budget(gate, healthcheck), probe,
                // the script has ended: a second container does not go away by itself
                c -> c.failFast("more than one " + stack.service() + " container after the reboot script", () -> ServiceContainer.anywhere(stack).size() > 1));
        problems.addAll(back.problems());
        Long resetMax = slowestReset.get().orElse(null);
        LaneOutage app = availability.sofar(since).lane(Lane.APPLICATION).orElseThrow();
        findings.measure("exit_code", result.exitCode()).measure("duration_s", result.duration().toMillis() / 1000.0)
                .measure("downtime_s", app.outageS())
                .measure("longest_outage_s", app.longestS())
                .measure("reset_max_ms", resetMax == null ? -1 : resetMax)
                .evidence("downtime probe", probe.describe())
                .evidence("output (last 15 lines)", result.tail(15))
                .evidence("containers of the service after", String
                .join("\n", ServiceContainer.anywhere(stack).stream().map(ServiceContainer::provenance).toList()));
        if (result.timedOut()) {
            return Outcome
                    .failed(Problem.of(ProblemCode.SCRIPT_TIMED_OUT, script.getFileName() + " did not finish within its limit (acceptance.reboot.timeout);"
                    + " its process group was killed"));
        }
        if (result.exitCode() != 0) {
            problems.add(0, Problem.of(ProblemCode.SCRIPT_EXIT_STATUS, script.getFileName() + " (" + ran.where() + ") exited " + result.exitCode() + ": "
                    + result.tail(3).strip().replace('\n', ' ')));
            return Outcome.failed(problems);
        }
        String line = String.format("%s (%s) in %.1f s, exit 0; GET /health did not answer 200 for %.1f s (probed every %d ms; slowest reset: %s)",
                script.getFileName(), ran.where(), result.duration().toMillis() / 1000.0, app.outageS(), HealthLane.EVERY.toMillis(),
                resetMax == null ? "none sent in this run" : resetMax + " ms");
        Optional<ContainerSnapshot> seenIn = rebooted.last().flatMap(s -> s);
        // the container as it ended, compared with before (a reboot seen mid-way is judged by what it ended in, when that shows it too)
        ContainerSnapshot now = back.container().map(c -> stack.engine().snapshotWithListeners(c.getId())).or(() -> seenIn).orElse(null);
        if (now != null) {
            findings.evidence("identity before and after the reboot", ContainerIdentity.table(List.of(identity, now), List.of("before", "after")));
        }
        List<String> seen = now == null ? List.of() : ContainerIdentity.rebootSeen(identity, now);
        if (seen.isEmpty() && seenIn.isPresent()) {
            seen = ContainerIdentity.rebootSeen(identity, seenIn.get());
        }
        if (seen.isEmpty()) {
            problems.add(0, Problem.of(ProblemCode.NOT_REBOOTED, script.getFileName() + " (" + ran.where() + ") exited 0 and printed '" + lastLine(result)
                    + "' but nothing was rebooted within " + settle.toSeconds() + " s of its exit (acceptance.reboot.settle): same container (" + identity
                    .name()
                    + ", " + identity.shortId() + "), same StartedAt (" + identity.startedAt() + "), same pid (" + identity.pid() + "), "
                    + (identity.socketOwners().isEmpty() ? "its server process not compared (" + identity.listenersUnreadable() + ")"
                    : "its server process still running")));
            return Outcome.failed(problems);
        }
        String when = rebooted.took().toMillis() < LOOK.toMillis() ? "seen at the script's exit"
                : String.format("seen %.1f s after the script's exit (acceptance.reboot.settle %d s)", rebooted.took().toMillis() / 1000.0, settle.toSeconds());
        findings.measure("reboot_seen_after_exit_s", rebooted.took().toMillis() / 1000.0);
        if (!problems.isEmpty()) {
            return Outcome.failed(line + "; rebooted (" + when + "), but after the reboot script", problems);
        }
        Container after = back.container().orElseThrow();
        String whose = stack.platform().manages(after) ? "" : "; but it is not the platform's (" + ServiceContainer.provenance(after)
                + "): the next " + stack.platform().name() + " deploy cannot remove it and fails on port " + stack.port() + " (AC-18)";
        return Outcome.passed(line + "; rebooted (" + when + "): " + String.join("; ", seen) + "; one healthy container " + DockerEngine.name(after)
                + " holds the port" + whose);
    }

    /** A container of the service that shows the reboot against {@code identity} now, if one does (none while the old one is gone and no new one runs yet). */
    private Optional<ContainerSnapshot> rebootedContainer(ContainerSnapshot identity) {
        for (Container c : ServiceContainer.anywhere(stack)) {
            try {
                ContainerSnapshot now = c.getId().equals(identity.id()) ? stack.engine().snapshotWithListeners(c.getId()) : stack.engine().snapshot(c.getId());
                if (!ContainerIdentity.rebootSeen(identity, now).isEmpty()) {
                    return Optional.of(now);
                }
            } catch (NotFoundException gone) {
                // removed between the listing and the look: the next look sees what replaced it
            }
        }
        return Optional.empty();
    }

    /** The script's last line of output, as the operator saw it ("(no output)" when it printed nothing). */
    private static String lastLine(CommandResult result) {
        String tail = result.tail(1).strip();
        return tail.isEmpty() ? "(no output)" : tail;
    }
}
