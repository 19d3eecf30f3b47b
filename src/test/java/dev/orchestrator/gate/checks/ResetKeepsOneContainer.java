package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.ContainerIdentity;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.BackendWatch;
import dev.orchestrator.gate.scenario.ResetRound;
import dev.orchestrator.gate.scenario.SoakStart;
import dev.orchestrator.gate.ws.SoakConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * AC-12: after the resets (failed ones too: a failing reset may still restart the backend), checked right
 * after them, for 5 s, and until the soak ends, against the backend's identity right before the first reset: one container of the service and no other named
  * like it,
 * the same container, start, restart count and main process, no second server inside it, the port still
 * published by it, and the WebSocket opened before the resets still open.
 */
public final class ResetKeepsOneContainer implements Check {

    static final Duration DELAYED_RESTART_WATCH = Duration.ofSeconds(5);

    private final StackTarget stack;
    private final SoakStart soak;
    private final Supplier<ResetRound> resets;

    public ResetKeepsOneContainer(StackTarget stack, SoakStart soak, Supplier<ResetRound> resets) {
        this.stack = stack;
        this.soak = soak;
        this.resets = resets;
    }

    @Override
    public Outcome check(Findings findings) {
        ResetRound round = resets.get();
        if (round.sent() == 0) {
            return Outcome.notRun("no reset was sent");
        }
        // judged against the identity right before the first reset; a change between the soak's start and then
        // (a chat, the UI's click) is reported as what it was, never blamed on the resets
        var before = round.beforeResets() != null ? round.beforeResets() : soak.before();
        List<Problem> earlier = ContainerIdentity.differences(soak.before(), before, stack.port());
        if (!earlier.isEmpty()) {
            findings.evidence("changed before the resets (between the soak window's start and the first reset: the chat, the page load, the UI's chat and "
                    + "click ran then; not the resets')",
                    String.join("\n", earlier.stream().map(Problem::message).toList()));
        }
        // workers are named from the soak window's start: a chat's subprocess started before the resets is still no server
        BackendWatch watch = new BackendWatch(stack, before, soak.before());
        Set<Problem> problems = new LinkedHashSet<>();
        if (round.afterResets() != null) {
            problems.addAll(ContainerIdentity.differences(before, round.afterResets(), stack.port()));
        }
        problems.addAll(watch.look("right after resets"));
        problems.addAll(watch.watch(DELAYED_RESTART_WATCH.toSeconds() + " s later", DELAYED_RESTART_WATCH));
        problems.addAll(watch.watch("end of soak", soak.soak().remaining()));
        SoakConnection direct = soak.soak().connection("direct").orElseThrow();
        if (!direct.isOpen()) {
            problems.add(Problem.of(ProblemCode.WS_DROPPED, "the WebSocket opened before the reset is no longer open: " + direct.status()));
        }
        findings.evidence("before/after", watch.table()).measure("checks", watch.moments())
                .evidence("new processes that are not a server", watch.others().isEmpty() ? "(none)" : String.join("\n", watch.others()));
        if (!problems.isEmpty()) {
            return Outcome.failed("after " + round.sent() + " resets (" + (round.problems().isEmpty() ? "all answered 200" : "failed ones included") + ")",
                    List.copyOf(problems));
        }
        List<String> workers = new ArrayList<>(watch.others());
        return Outcome.passed("one container " + before.name() + " (" + before.shortId() + "), same StartedAt, RestartCount " + before.restartCount()
                + ", pid " + before.pid() + ", no second server (listening " + before.listeners().map(Object::toString)
                .orElse("unread: " + before.listenersUnreadable())
                + "), port " + stack.port() + " held, WebSocket still open; " + watch.moments() + " moments checked"
                + (workers.isEmpty() ? "" : "; " + workers.size() + " other new processes, not servers: " + String
                .join("; ", workers.subList(0, Math.min(3, workers.size()))))
                + (earlier.isEmpty() ? "" : "; before the first reset (not the resets'): " + Outcome.render(earlier)));
    }
}
