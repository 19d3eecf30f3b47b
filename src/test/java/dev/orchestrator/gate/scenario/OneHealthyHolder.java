package dev.orchestrator.gate.scenario;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.availability.HealthLane;
import dev.orchestrator.gate.await.Waited;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.run.StackTarget;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The state a reboot (AC-14) and a redeploy (AC-18) must end in, judged in one place: exactly one container of the
 * service, running, healthy by the healthcheck in force and by GET /health, the only one publishing the port. What
 * counts as "the" container is the strategy: any container of the service (a reboot may leave one the platform does
 * not manage; AC-14 names it), or the platform's own, any other being a problem (AC-18).
 */
public final class OneHealthyHolder {

    private static final Duration POLL = Duration.ofMillis(200);

    /** What was seen: the one container when there was exactly one, and every problem with the state. */
    public record Judgement(Optional<Container> container, List<Problem> problems) {
        public boolean holds() {
            return problems.isEmpty();
        }
    }

    private final StackTarget stack;
    private final boolean platformsOnly;
    private final Function<Container, String> named;

    private OneHealthyHolder(StackTarget stack, boolean platformsOnly, Function<Container, String> named) {
        this.stack = stack;
        this.platformsOnly = platformsOnly;
        this.named = named;
    }

    /** Any container of the service counts (AC-14): whose it is, is said by the check. */
    public static OneHealthyHolder anyContainer(StackTarget stack) {
        return new OneHealthyHolder(stack, false, ServiceContainer::provenance);
    }

    /** Only the platform's own container counts (AC-18); a container of the service it does not manage is a problem, named by {@code named}. */
    public static OneHealthyHolder platformsOwn(StackTarget stack, Function<Container, String> named) {
        return new OneHealthyHolder(stack, true, named);
    }

    /**
     * Waits up to {@code atMost} for the state to hold (Awaitility settings such as {@code failFast} applied by
     * {@code tune}); returns the judgement of the last look: the state when it came true, or what was still wrong
     * when the wait ended (the service's containers, when the wait ended before a first look).
     */
    public Judgement await(String what, Duration atMost, HealthLane probe, UnaryOperator<ConditionFactory> tune) {
        Waited<Judgement> waited = Waits.sample(what, atMost, POLL, tune, () -> now(probe), Judgement::holds);
        return waited.last().orElseGet(() -> new Judgement(Optional.empty(), List.of(Problem.of(ProblemCode.CONTAINER_COUNT, "the service is not back: "
                + DockerEngine.describe(ServiceContainer.anywhere(stack))))));
    }

    /** The state now, with GET /health as {@code probe} last saw it. */
    public Judgement now(HealthLane probe) {
        List<Problem> problems = new ArrayList<>();
        List<Container> all = ServiceContainer.anywhere(stack);
        List<Container> candidates = all;
        if (platformsOnly) {
            List<Container> foreign = all.stream().filter(c -> !stack.platform().manages(c)).toList();
            if (!foreign.isEmpty()) {
                problems.add(Problem.of(ProblemCode.FOREIGN_CONTAINER, "containers of the service the platform does not manage: "
                        + String.join("; ", foreign.stream().map(named).toList())));
            }
            candidates = all.stream().filter(stack.platform()::manages).toList();
        }
        if (candidates.size() != 1) {
            problems.add(Problem
                    .of(ProblemCode.CONTAINER_COUNT, "expected exactly one " + stack.service() + " container" + (platformsOnly ? " of the platform" : "")
                    + ", found " + candidates.size() + ": " + DockerEngine.describe(candidates)));
            return new Judgement(Optional.empty(), problems);
        }
        Container one = candidates.get(0);
        var inspect = stack.engine().inspect(one.getId()).orElse(null);
        if (inspect == null || !Boolean.TRUE.equals(inspect.getState().getRunning())) {
            problems.add(Problem.of(ProblemCode.NOT_HEALTHY, DockerEngine.name(one) + " is not running"));
        } else {
            var health = inspect.getState().getHealth();
            if (HealthcheckInForce.of(inspect).isPresent() && (health == null || !"healthy".equals(health.getStatus()))) {
                problems.add(Problem
                        .of(ProblemCode.NOT_HEALTHY, DockerEngine.name(one) + " is " + (health == null ? "without health yet" : health.getStatus())));
            }
        }
        List<Container> publishers = stack.engine().publishersOf(stack.port());
        if (publishers.size() != 1 || !publishers.get(0).getId().equals(one.getId())) {
            problems.add(Problem.of(ProblemCode.PORT_NOT_HELD, "port " + stack.port() + " published by " + DockerEngine.describe(publishers)));
        }
        if (!probe.answersNow()) {
            problems.add(Problem.of(ProblemCode.HEALTH_NOT_200, "GET /health does not answer 200 (" + probe.describe() + ")"));
        }
        return new Judgement(Optional.of(one), problems);
    }
}
