package dev.orchestrator.gate.checks;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.api.JsonAnswer;
import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.await.Waited;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.docker.HealthcheckInForce;
import dev.orchestrator.gate.failure.ServiceFailure;
import dev.orchestrator.gate.report.Rounding;
import dev.orchestrator.gate.report.RunFigure;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.SoakOpening;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AC-06: the container turns healthy by the healthcheck in force (compose's or the image's, read from the
 * container) within its start_period, and GET /health answers 200 healthy. With no healthcheck anywhere (or
 * in live mode) GET /health is polled within the budget, and the summary says so. While this waits, the
 * soak window may open on a thread of its own once the service answers.
 */
public final class HealthPasses implements Check {

    private static final Duration POLL = Duration.ofMillis(250);
    /** What the poll of GET /health reads when it answered healthy. */
    private static final String HEALTHY = "healthy";
    static final Duration DEFAULT_START_PERIOD = Duration.ofSeconds(60);

    private final GateRun gate;
    private final SoakOpening soak;

    public HealthPasses(GateRun gate, SoakOpening soak) {
        this.gate = gate;
        this.soak = soak;
    }

    /** acceptance.health.budget, else the healthcheck's own start_period, else 60 s. */
    public static Duration budget(GateRun gate, Optional<HealthcheckInForce> healthcheck) {
        return gate.settings().healthBudget().or(() -> healthcheck.map(HealthcheckInForce::startPeriod).filter(d -> !d.isZero())).orElse(DEFAULT_START_PERIOD);
    }

    @Override
    public Outcome check(Findings findings) {
        Optional<StackTarget> target = gate.stack();
        Optional<Outcome> waited;
        if (target.isPresent()) {
            StackTarget stack = target.get();
            Container container = stack.serviceContainers().stream().findFirst().orElse(null);
            if (container == null) {
                return Outcome.failed(Problem.of(ProblemCode.NO_CONTAINER, "no " + stack.service() + " container after the deploy"));
            }
            Optional<InspectContainerResponse> inspect = stack.engine().inspect(container.getId());
            Optional<HealthcheckInForce> healthcheck = inspect.flatMap(HealthcheckInForce::of);
            Duration budget = budget(gate, healthcheck);
            findings.measure("budget_s", budget.toSeconds());
            // the service's own clock: from its container's start, not from the deploy (the build, the platform's stop of
            // the old containers and depends_on waits are AC-05's time)
            ServiceClock clock = ServiceClock.of(stack, inspect);
            findings.measure("started_at", clock.startedAt()).measure("started_after_deploy_s", clock.startedAfterDeployS());
            waited = healthcheck.isPresent()
                    ? new DockerHealthWait(gate, stack, soak, findings).await(container.getId(), healthcheck.get(), budget, clock)
                    : pollHealthEndpoint(findings, budget, Optional.of(clock), "neither the compose file nor the image declares a Docker healthcheck");
        } else {
            waited = pollHealthEndpoint(findings, budget(gate, Optional.empty()), Optional.empty(), "live mode: Docker's view is not available");
        }
        if (waited.filter(o -> o.status() != Status.passed).isPresent()) {
            return waited.get();
        }
        Response health = gate.api().health();
        String body = health.asString();
        findings.evidence("GET " + gate.settings().endpoints().health(), health.statusCode() + " " + health.contentType() + "\n" + body);
        List<Problem> problems = new ArrayList<>();
        if (health.statusCode() != 200) {
            problems.add(Problem.of(ProblemCode.HEALTH_HTTP_STATUS, "GET " + gate.api().baseUrl() + gate.settings().endpoints().health() + " answered "
                    + health.statusCode() + ": " + body));
        }
        if (!health.contentType().contains("json")) {
            problems.add(Problem.of(ProblemCode.HEALTH_BODY, "GET /health is not JSON: " + body));
        } else if (!"healthy".equals(JsonAnswer.of(health).text("status"))) {
            problems.add(Problem.of(ProblemCode.HEALTH_BODY, "GET /health status field is not 'healthy' in " + body));
        }
        return problems.isEmpty() ? waited.orElseThrow() : Outcome.failed(problems);
    }

    /** No healthcheck anywhere: GET /health is polled until it answers healthy, bounded by the budget (counted from the container's start). */
    private Optional<Outcome> pollHealthEndpoint(Findings findings, Duration budget, Optional<ServiceClock> clock, String why) {
        OrchestratorApi api = gate.api();
        String url = api.baseUrl() + gate.settings().endpoints().health();
        long start = clock.map(ServiceClock::startedNanos).orElse(System.nanoTime());
        Waited<String> answered = Waits.sample("GET " + url + " healthy", clock.map(c -> c.remaining(budget)).orElse(budget), Duration.ofMillis(500), () -> {
            soak.openEarlyIfReady();
            try {
                Response r = api.health();
                boolean healthy = r.statusCode() == 200 && r.contentType().contains("json") && "healthy".equals(JsonAnswer.of(r).text("status"));
                return healthy ? HEALTHY : r.statusCode() + " " + r.asString();
            } catch (ServiceFailure e) { // not answering yet is what this wait is for; the last reason is kept
                return e.getMessage();
            } // anything else (a TLS handshake, a name that does not resolve) is the gate's, not a wait's: it ends the check as an error
        }, HEALTHY::equals);
        if (!answered.met()) {
            return Optional
                    .of(Outcome
                    .failed(Problem.of(ProblemCode.NOT_HEALTHY_IN_TIME, String.format("%s; GET %s did not answer healthy within %d s (last answer: %s)",
                    why, url, budget.toSeconds(), answered.last().orElse("no answer yet")))));
        }
        double took = (System.nanoTime() - start) / 1e9;
        if (clock.isPresent()) {
            findings.runFigure(new RunFigure.TimeToHealthy(took)).measure("time_to_healthy_s", Rounding.tenths(took));
        }
        return Optional.of(Outcome.passed(String.format("%s: GET %s polled until it answered healthy, %.1f s %s (budget %d s)", why, url, took,
                clock.isEmpty() ? "after the first poll" : "after the container started", budget.toSeconds())));
    }

    static String healthStatus(InspectContainerResponse inspect) {
        return inspect == null || inspect.getState().getHealth() == null ? "unknown" : inspect.getState().getHealth().getStatus();
    }
}
