package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.Fixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which check proves which criterion, and what it is handed: the one place a criterion of the catalogue is
 * bound to its check (the switch is exhaustive, so a criterion without a check does not compile). Checks
 * that need the stack are not applicable in live mode; those that change state need the operator's leave.
 */
public final class Checks {

    private static final String NOT_IN_LIVE = "live mode never plants, cleans or deploys";

    private Checks() {
    }

    public static Check of(Criterion criterion, GateRun gate, Fixtures fixtures) {
        return switch (criterion) {
            case AC_01 -> onStack(gate, NOT_IN_LIVE, stack -> new StaleDeployBlocks(stack, fixtures.holders()));
            case AC_02 -> withCleanup(gate, () -> onStack(gate, NOT_IN_LIVE, stack -> new CleanupRuns(fixtures::cleanup)));
            case AC_03 -> withCleanup(gate, () -> onStack(gate, NOT_IN_LIVE, stack -> new PortFreed(stack, fixtures::cleanup)));
            case AC_04 -> withCleanup(gate, () -> onStack(gate, NOT_IN_LIVE, stack -> new CleanupScoped(stack, fixtures::cleanup)));
            case AC_05 -> onStack(gate, NOT_IN_LIVE, stack -> new DeploySucceeds(stack, gate.settings().scripts().cleanupPreDeploy(),
                    gate.settings().cleanupScript().isPresent() ? List::of : fixtures::removeOwnHoldersWithoutCleanup));
            case AC_06 -> new HealthPasses(gate, fixtures.soakOpening());
            case AC_07 -> new UiServed(entries(gate), fixtures::tab); // read-only: the render check runs in live mode too
            case AC_08 -> new WsConnects(gate.api());
            case AC_09 -> f -> new WsSurvives(fixtures.soak(), gate.settings().keepaliveIntervalS()).check(f);
            case AC_10 -> f -> new LongOperation(fixtures.soak(), "no long operation configured (acceptance.long-operation.message)"
                            + (gate.stateChangesAllowed() ? "" : " or live mode without acceptance.live.allow-reset")).check(f);
            case AC_11 -> changesState(gate, f -> new ResetClearsSession(fixtures::resets, gate.settings().resetBudgetMs()).check(f));
            case AC_12 -> onStack(gate, "live mode without Docker access: container identity cannot be checked",
                    stack -> f -> new ResetKeepsOneContainer(stack, fixtures.soak(), fixtures::resets).check(f));
            case AC_13 -> gate.settings().chatMessage().<Check>map(message -> changesState(gate, f -> new ChatRoundtrip(gate.api(), fixtures.soak(), message,
                    gate.settings().chatBudget()).check(f))).orElse(f -> Outcome.notApplicable("no chat message configured (acceptance.chat.message)"));
            case AC_14 -> onStack(gate, "live mode never restarts anything", stack -> gate.settings().rebootScript().<Check>map(script ->
                    new RebootScript(gate, stack, script, fixtures::slowestReset, () -> gate.settings().scripts().rebootInContainer()
                            ? fixtures.scripts()
                            .inContainer(stack.containerName(), gate.settings().scripts().rebootContainerPath(), gate.settings().rebootTimeout())
                            : fixtures.scripts().onHost(script, gate.settings().rebootTimeout())))
                    .orElse(f -> Outcome.notApplicable("no reboot script configured (acceptance.reboot.script)")));
            case AC_15 -> onStack(gate, "live mode never calls the deprecated reboot endpoint", stack -> new RebootEndpointContained(stack, gate.api(),
                    gate.settings().endpoints().reboot(), gate.settings().rebootEndpointWatch(), gate.settings().rebootEndpointWatchMax()));
            case AC_16 -> changesState(gate, f -> new UiReset(fixtures.tab(), gate.settings().endpoints().reset(), gate.stack()).check(f));
            case AC_18 -> onStack(gate, "live mode never deploys", stack -> ranInTheRebootPhase(gate) ? new RedeployAfterReboot(gate, stack)
                    : f -> Outcome.notApplicable("neither a reboot script nor the reboot endpoint ran (" + rebootPhaseState(gate) + ")"));
            case AC_19 -> gate.live() ? f -> Outcome.notApplicable("live mode without a platform model: the proxy's routes are not known")
                    : new UserVisibleOutage(gate.availability(), Map.of(Criterion.AC_14.id(), gate.settings().outage().rebootBudget(),
                            Criterion.AC_18.id(), gate.settings().outage().redeployBudget()), () -> serviceHealthcheck(gate));
            case AC_20 -> new HealthyAtClose(gate.api(), gate.stack(), gate.availability(), gate.settings().closeHealthWindow());
            case AC_17 -> gate.settings().ui()
                    .chatMessage().<Check>map(message -> changesState(gate, f -> new UiChat(fixtures.tab(), fixtures.soak(), message).check(f)))
                    .orElse(f -> Outcome.notApplicable("no UI chat message configured (acceptance.ui.chat-message)"));
        };
    }

    /** The healthcheck in force on the service's container now, if there is one (AC-19 names what it lacks). */
    private static Optional<HealthcheckInForce> serviceHealthcheck(GateRun gate) {
        return gate.stack().flatMap(stack -> stack.serviceContainers().stream().findFirst().flatMap(c -> stack.engine().inspect(c.getId())))
                .flatMap(HealthcheckInForce::of);
    }

    /** Whether the reboot script or the reboot endpoint ran (passed or failed: either way it did its work on the stack). */
    private static boolean ranInTheRebootPhase(GateRun gate) {
        return Stream.of(Criterion.AC_14, Criterion.AC_15).map(c -> gate.record().result(c).status())
                .anyMatch(s -> s == Status.passed || s == Status.failed);
    }

    /** "AC-14 not_run, AC-15 not in the test plan": what became of the reboot phase's criteria when AC-18's turn came. */
    private static String rebootPhaseState(GateRun gate) {
        return Stream.of(Criterion.AC_14, Criterion.AC_15).map(c -> gate.record().result(c))
                .map(r -> r.criterion().id() + " " + (r.wasReached() ? r.status().name() : "not in the test plan")).collect(Collectors.joining(", "));
    }

    /** A check of the stack the gate brought up; in live mode there is none. */
    /** A criterion about the operator's cleanup script: not applicable when none is configured (nothing to prove, nothing to fail). */
    private static Check withCleanup(GateRun gate, Supplier<Check> check) {
        return gate.settings().cleanupScript().isPresent() ? check.get()
                : f -> Outcome
                .notApplicable("no cleanup script configured (acceptance.cleanup.script=none): the gate removed its own planted holders before the deploy");
    }

    private static Check onStack(GateRun gate, String whyNotInLive, Function<StackTarget, Check> check) {
        Optional<StackTarget> stack = gate.stack();
        return stack.isPresent() ? check.apply(stack.get()) : f -> Outcome.notApplicable(whyNotInLive);
    }

    /** Reset, chat and the browser's clicks change state: in live mode only when the operator allowed it. */
    private static Check changesState(GateRun gate, Check check) {
        return gate.stateChangesAllowed() ? check : f -> Outcome.notApplicable("live mode changes no state unless acceptance.live.allow-reset=true");
    }

    /** How the page is reached: directly, and through the edge proxy when there is one. */
    private static List<Map.Entry<String, OrchestratorApi>> entries(GateRun gate) {
        List<Map.Entry<String, OrchestratorApi>> entries = new ArrayList<>(List.of(Map.entry("direct", gate.api())));
        gate.edgeApi().ifPresent(edge -> entries.add(Map.entry("through the edge proxy", edge)));
        return entries;
    }
}
