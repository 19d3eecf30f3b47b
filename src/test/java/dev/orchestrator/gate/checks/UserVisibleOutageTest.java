package dev.orchestrator.gate.checks;

import com.sun.net.httpserver.HttpServer;
import dev.orchestrator.gate.availability.ActionWindow;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.availability.Gap;
import dev.orchestrator.gate.availability.Lane;
import dev.orchestrator.gate.availability.LaneOutage;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Status;
import dev.orchestrator.gate.config.SecretMasker;
import dev.orchestrator.gate.report.RunRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** AC-19 counts the time users were routed (the users' lane up) to a service whose GET /health did not answer. */
class UserVisibleOutageTest {

    /** How long the unit test's service takes to answer GET /health: well under the lane's 1 s time-out, four of the lane's intervals. */
    private static final Duration SLOW_ANSWER = Duration.ofMillis(400);

    private static ActionWindow reboot(List<Gap> application, List<Gap> users) {
        return new ActionWindow("AC-14", "the reboot", 10, 30, List.of(
                new LaneOutage("application", 0, 0, application, false), new LaneOutage("users", 0, 0, users, false)));
    }

    @Test
    void aServiceHealthyBeforeItAnswersIsUsersRoutedToNothing() {
        // no route 10 -> 11 (stopped -> healthy: the healthcheck probes something else), the application answers only at 16
        ActionWindow deaf = reboot(List.of(new Gap(10, 16.0, "ConnectException", "GET /health 200")),
                List.of(new Gap(10.5, 11.0, "stopped", "healthy")));
        assertThat(UserVisibleOutage.routedButNotAnswering(deaf, 40)).as("from healthy (11) to the first answer (16)").isEqualTo(5.0);
    }

    @Test
    void anApplicationDownOnlyWhileUsersHaveNoRouteIsNotCountedTwice() {
        ActionWindow honest = reboot(List.of(new Gap(10, 12.0, "ConnectException", "GET /health 200")),
                List.of(new Gap(10, 40.0, "stopped", "healthy")));
        assertThat(UserVisibleOutage.routedButNotAnswering(honest, 40)).isZero();
    }

    @Test
    void theStopsLagBeforeDockerSaysStoppedIsNotCountedOnlyTimeAfterHealthy() {
        // the application stops answering at SIGTERM (10.0), Docker says stopped at 10.8, healthy at 12, the application answers at 12.1
        ActionWindow restart = reboot(List.of(new Gap(10, 12.1, "refused", "GET /health 200")), List.of(new Gap(10.8, 12.0, "stopped", "healthy")));
        assertThat(UserVisibleOutage.routedButNotAnswering(restart, 40)).isEqualTo(0.1);
    }

    @Test
    void aGapStillOpenCountsToNow() {
        ActionWindow open = reboot(List.of(new Gap(25, null, "ConnectException", "")), List.of(new Gap(10, 20.0, "stopped", "healthy")));
        assertThat(UserVisibleOutage.routedButNotAnswering(open, 32)).isEqualTo(7.0);
    }

    @Test
    void aServerKilledAndRestartedInsideItsContainerIsAnOutageThoughItsRouteNeverWent() {
        // pkill of the server, restarted by the start script: the container stays running and healthy, so the route stays;
        // GET /health does not answer 10 -> 14.2: the lower bound is at least the application's outage
        ActionWindow pkill = reboot(List.of(new Gap(10, 14.2, "ConnectException", "GET /health 200")), List.of());
        UserVisibleOutage.Bounds bounds = UserVisibleOutage.usersBounds(pkill, 40);
        assertThat(bounds.lowerS()).isEqualTo(4.2);
        assertThat(bounds.upperS()).as("no route change to widen").isEqualTo(4.2);
    }

    @Test
    void theUpperBoundWidensEachRoutesReturnByTheProxysDelay() {
        // stopped at 10.8, healthy at 12.0; the application is down 10.0 -> 12.1
        ActionWindow restart = reboot(List.of(new Gap(10, 12.1, "refused", "GET /health 200")), List.of(new Gap(10.8, 12.0, "stopped", "healthy")));
        UserVisibleOutage.Bounds bounds = UserVisibleOutage.usersBounds(restart, 40);
        assertThat(bounds.lowerS()).as("the union of no route and not answering").isEqualTo(2.1);
        assertThat(bounds.upperS()).as("the route's return up to 2 s later").isEqualTo(4.0);
        assertThat(bounds.between()).isEqualTo("2.1-4.0 s");
        // a redeploy: no route 20.0 -> 31.2 (its start is Docker's stop event: users routed to a stopping container count from it)
        ActionWindow redeploy = reboot(List.of(new Gap(20.5, 31.0, "refused", "GET /health 200")), List.of(new Gap(20, 31.2, "stopped", "healthy")));
        assertThat(UserVisibleOutage.usersBounds(redeploy, 60).between()).isEqualTo("11.2-13.2 s");
    }

    @Test
    void overlappingSpansAreCountedOnce() {
        assertThat(UserVisibleOutage.length(List.of(new double[] {1, 3}, new double[] {2, 5}, new double[] {7, 8}, new double[] {4, 4}))).isEqualTo(5.0);
        assertThat(UserVisibleOutage.length(List.of())).isZero();
    }

    @Test
    void anActionIsJudgedOnTheUsersLaneOnlyWhenItWasFollowedThroughItsOutage() {
        // the reboot's window ends at 30; the route is gone 12 -> 20
        ActionWindow closed = reboot(List.of(), List.of(new Gap(12, 20.0, "stopped", "healthy")));
        assertThat(UserVisibleOutage.followedThrough(closed, 31)).as("the lane stopped after the action and its gap").isTrue();
        assertThat(UserVisibleOutage.followedThrough(closed, 25)).as("the lane stopped inside the action's window").isFalse();
        ActionWindow open = reboot(List.of(), List.of(new Gap(12, null, "stopped", "")));
        assertThat(UserVisibleOutage.followedThrough(open, 31)).as("a gap still open when the lane stopped: its end was not seen").isFalse();
    }

    @Test
    void theBoundsAreRoundedAwayFromTheBudget() {
        // no route 10.00 -> 20.04: the lower bound never above, the upper never below what was measured
        ActionWindow slow = reboot(List.of(), List.of(new Gap(10, 20.04, "stopped", "healthy")));
        UserVisibleOutage.Bounds bounds = UserVisibleOutage.usersBounds(slow, 40);
        assertThat(bounds.lowerS()).isEqualTo(10.0);
        assertThat(bounds.upperS()).isEqualTo(12.1);
    }

    /**
     * AC-19 passes only on what the lanes saw: a service that answers slowly (each look 0.4 s) under actions back to back spends the
     * record's 1 s of waits before AC-19 reads it, so no lane has looked twice after the last action; with no outage seen, that is
     * not proven, never passed.
     */
    @Test
    void aLastActionTheLanesHaveNotLookedAfterIsNotAPass() throws IOException {
        HttpServer service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/health", exchange -> {
            try {
                Thread.sleep(SLOW_ANSWER.toMillis()); // the service's own slowness, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.start();
        URI health = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/health");
        try (Availability availability = Availability.withoutProxy(health, Optional.empty(), "a unit test's service")) {
            availability.start();
            assertThat(Waits.until("the lane sees the service up", Duration.ofSeconds(10), () -> availability.upSince(Lane.APPLICATION).isPresent()))
                    .isTrue();
            for (int action = 1; action <= 4; action++) {
                availability.end(availability.begin("AC-14", "the reboot " + action));
            }
            Outcome outcome = new UserVisibleOutage(availability, Map.of("AC-14", Duration.ofSeconds(10)), Optional::empty)
                    .check(new Findings(new RunRecord().result(Criterion.AC_19), new SecretMasker()));
            assertThat(outcome.status()).as("AC-19: %s", outcome.summary()).isEqualTo(Status.not_run);
            assertThat(outcome.summary()).contains("not every probed lane looked twice after the last action");
        } finally {
            service.stop(0);
        }
    }
}
