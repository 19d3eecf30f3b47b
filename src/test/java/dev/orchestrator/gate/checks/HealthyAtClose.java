package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.availability.Lane;
import dev.orchestrator.gate.await.Waited;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.failure.ServiceFailure;
import dev.orchestrator.gate.run.StackTarget;
import dev.orchestrator.gate.scenario.OneHealthyHolder;
import dev.orchestrator.gate.scenario.ServiceContainer;
import dev.orchestrator.gate.ws.SoakConnection;
import dev.orchestrator.gate.ws.WsEvent;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * AC-20: the state the run leaves the service in, after its last action: GET /health answers 200 throughout the health
 * window, Docker calls its container healthy (where a healthcheck is in force), exactly one container of the service
 * holds the port, and its WebSocket accepts a connection with {@code connection_established}. The service gets a bounded
 * time to come back from the last action first; what it is still in then is judged, with since when (from the run's
 * availability record). In live mode only what live mode reaches is judged, and the summary says what was not.
 */
public final class HealthyAtClose implements Check {

    /** How long the service may still take to come back from the run's last action before its state is judged. */
    static final Duration COME_BACK = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration ESTABLISHED = Duration.ofSeconds(5);

    private final OrchestratorApi api;
    private final Optional<StackTarget> stack;
    private final Availability availability;
    private final Duration window;

    /** {@code window}: how long GET /health must answer 200 without a miss (acceptance.close.health-window). */
    public HealthyAtClose(OrchestratorApi api, Optional<StackTarget> stack, Availability availability, Duration window) {
        this.api = api;
        this.stack = stack;
        this.availability = availability;
        this.window = window;
    }

    @Override
    public Outcome check(Findings findings) {
        Optional<OneHealthyHolder> holder = stack.map(OneHealthyHolder::anyContainer);
        // the state, as the run left it: the service may still be coming back from the last action, within a bound
        Waited<List<Problem>> back = Waits.sample("the service back after the run's last action", COME_BACK, POLL, this::problemsNow, List::isEmpty);
        List<Problem> problems = new ArrayList<>(back.last().orElse(List.of()));
        Waited<List<Problem>> held = back.met() ? Waits.holds("the service healthy for the health window of " + window.toSeconds() + " s", window, POLL,
                debounced(), List::isEmpty) : back;
        if (back.met() && !held.met()) {
            List<Problem> seen = held.last().orElse(List.of());
            if (seen.isEmpty()) {
                // the window ended without a look that showed a problem: the gate could not watch it whole (slow looks), nothing proven
                throw new IllegalStateException("the health window of " + window.toSeconds() + " s could not be watched to its end within "
                        + held.took().toSeconds() + " s: every look so far was healthy");
            }
            problems.addAll(seen);
        }
        findings.measure("health_window_s", window.toSeconds()).measure("came_back_after_s", back.met() ? back.took().toMillis() / 1000.0 : -1)
                .evidence("GET " + api.baseUrl() + "/health during the health window", held.met() ? "200 on every look for " + window.toSeconds() + " s"
                        : "not 200 throughout: " + Outcome.render(problems.isEmpty() ? List.of(Problem.of(ProblemCode.HEALTH_NOT_200, "?")) : problems));
        stack.ifPresent(s -> findings.evidence("containers of the service at the close",
                String.join("\n", ServiceContainer.anywhere(s).stream().map(ServiceContainer::provenance).toList())));
        String ws = connects(findings, problems);
        availability.upSince(Lane.APPLICATION).ifPresent(since -> findings.evidence("the availability record", "application " + since));
        if (!problems.isEmpty()) {
            String since = availability.downSince(Lane.APPLICATION).map(d -> " (application " + d + ")").orElse("");
            return Outcome.failed("at the close of the run" + since, dedupe(problems));
        }
        String state = holder.map(h -> "exactly one container of the service holds port " + stack.orElseThrow().port() + ", Docker calls it healthy where a"
                + " healthcheck is in force").orElse("live mode: Docker's view is not available, the container and its health were not checked");
        return Outcome.passed(String.format("GET /health answered 200 throughout the %d s health window%s; %s; %s%s", window.toSeconds(),
                back.took().toMillis() > POLL.toMillis() ? String.format(" (back %.1f s after the last action)", back.took().toMillis() / 1000.0) : "",
                state, ws, availability.upSince(Lane.APPLICATION).map(s -> "; application " + s).orElse("")));
    }

    /**
     * {@link #problemsNow()} as an outage is counted (catalogue: two consecutive failed probes): one look that misses on a
     * busy host is not the service down; a problem counts when the next look shows one too.
     */
    private Callable<List<Problem>> debounced() {
        AtomicReference<List<Problem>> previous = new AtomicReference<>(List.of());
        return () -> {
            List<Problem> now = problemsNow();
            List<Problem> before = previous.getAndSet(now);
            return now.isEmpty() || !before.isEmpty() ? now : List.of();
        };
    }

    /** What is wrong with the service's state now (empty: nothing): the container and the port (on a stack), and GET /health. */
    private List<Problem> problemsNow() {
        if (stack.isPresent()) {
            return OneHealthyHolder.anyContainer(stack.get()).now(availability.application()).problems();
        }
        try {
            int status = api.health().statusCode();
            return status == 200 ? List.of() : List.of(Problem.of(ProblemCode.HEALTH_NOT_200, "GET " + api.baseUrl() + "/health answered HTTP " + status));
        } catch (ServiceFailure e) {
            return List.of(Problem.of(ProblemCode.HEALTH_NOT_200, e.getMessage()));
        }
    }

    /** Opens a WebSocket as a user's tab would and waits for {@code connection_established}; adds what went wrong. */
    private String connects(Findings findings, List<Problem> problems) {
        URI uri = api.wsUri(api.baseUrl());
        try (SoakConnection ws = SoakConnection.open("at the close", uri)) {
            boolean established = ws.connected() && Waits.until("connection_established at the close", ESTABLISHED, Duration.ofMillis(50),
                    () -> !ws.messages(m -> "connection_established".equals(m.type())).isEmpty());
            findings.evidence("WebSocket " + uri + " at the close", ws.events().toString());
            if (!established) {
                problems.add(Problem
                        .of(ProblemCode.WS_REFUSED, "the WebSocket " + uri + (ws.connected() ? " connected but sent no connection_established within "
                        + ESTABLISHED.toSeconds() + " s" : " did not connect: " + ws.closeEvent().map(WsEvent::text).orElse("?"))));
                return "";
            }
            return String.format("the WebSocket connected in %.0f ms with connection_established", ws.handshakeSeconds() * 1000);
        }
    }

    private static List<Problem> dedupe(List<Problem> problems) {
        return problems.stream().distinct().toList();
    }
}
