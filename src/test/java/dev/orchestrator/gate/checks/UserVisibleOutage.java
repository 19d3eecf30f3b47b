package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.availability.ActionWindow;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.availability.Gap;
import dev.orchestrator.gate.availability.Lane;
import dev.orchestrator.gate.availability.LaneOutage;
import dev.orchestrator.gate.docker.HealthcheckInForce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * AC-19 (advisory): what users saw of every action, judged over the run's availability record. A reset (AC-11's,
 * AC-16's click) causes no outage in any lane; a reboot (AC-14) and a redeploy (AC-18) stay within their budgets in
 * the users' lane, counting the time users were routed to a service that did not answer. The summary names the
 * cause it can see and the fix.
 */
public final class UserVisibleOutage implements Check {

    /** The actions that are resets: no outage in any lane. */
    private static final List<String> RESETS = List.of("AC-11", "AC-16");
    /**
     * Below this, "routed but not answering" is the lanes' own skew (a Docker event reaches the gate a few ms after the
     * application stopped answering), not a service that Docker calls healthy while it does not answer.
     */
    private static final double DEAF_NOISE_S = 1.0;
    /** How long the lanes get to come back after the last action before the record is judged (a service that stays down is judged as it is). */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final Availability availability;
    private final Map<String, Duration> budgets;
    private final Supplier<Optional<HealthcheckInForce>> healthcheck;

    /** {@code budgets}: the users' lane budget per restarting action (AC-14: the reboot's, AC-18: the redeploy's); {@code healthcheck}: the service's, in force now. */
    public UserVisibleOutage(Availability availability, Map<String, Duration> budgets, Supplier<Optional<HealthcheckInForce>> healthcheck) {
        this.availability = availability;
        this.budgets = Map.copyOf(budgets);
        this.healthcheck = healthcheck;
    }

    @Override
    public Outcome check(Findings findings) {
        // an outage an action began is judged whole: the lanes get a bounded time to come back before the record is read
        boolean settled = Waits.until("every availability lane up again after the last action", SETTLE, Duration.ofMillis(200), availability::allUp);
        if (!settled) {
            findings.evidence("still down when judged", "after " + SETTLE.toSeconds() + " s: " + String.join(", ", availability.downNow()));
        }
        List<ActionWindow> actions = availability.actions();
        boolean users = availability.usersNotFollowed().isEmpty();
        List<String> problems = new ArrayList<>();
        List<String> judged = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        boolean slowRoute = false;
        boolean deafSeen = false;
        for (ActionWindow action : actions) {
            seen.add(action.criterion() + " " + action.action() + ": " + String.join("; ", availability.describe(action).subList(0, availability.lanes().size())));
            // users routed to a service that does not answer: Docker called it healthy while GET /health did not (any action)
            double deaf = users ? routedButNotAnswering(action, availability.nowS()) : 0;
            if (deaf >= DEAF_NOISE_S) {
                deafSeen = true;
                problems.add(String.format("%s's %s: users were routed to a service that did not answer GET /health for %.1f s after Docker called it healthy",
                        action.criterion(), action.action(), deaf));
            }
            if (RESETS.contains(action.criterion())) {
                judged.add(action.criterion());
                action.lanes().stream().filter(l -> l.outageS() > 0).forEach(l -> problems.add(action.criterion() + "'s " + action.action()
                        + ": " + l.line(availability.clock()) + " (a reset must cause no outage)"));
            } else if (budgets.containsKey(action.criterion()) && users) {
                judged.add(action.criterion());
                double budget = budgets.get(action.criterion()).toMillis() / 1000.0;
                double noRoute = action.lane(Lane.USERS).map(LaneOutage::outageS).orElse(0.0);
                if (noRoute + deaf > budget) {
                    slowRoute |= noRoute > budget;
                    problems.add(String.format("%s's %s: users saw %.1f s without service, budget %.0f s (%s%s)", action.criterion(), action.action(), noRoute + deaf, budget,
                            action.lane(Lane.USERS).map(l -> l.line(availability.clock())).orElse(""),
                            deaf > 0 ? String.format("; then routed to a service that did not answer for %.1f s", deaf) : ""));
                }
            } else if (deaf >= DEAF_NOISE_S) {
                judged.add(action.criterion());
            }
        }
        findings.evidence("what each lane saw, per action", String.join("\n", seen))
                .evidence("how the users' lane is known", users ? dev.orchestrator.gate.availability.RouteLane.RULE : "not followed: " + availability.usersNotFollowed());
        findings.measure("judged", judged).measure("budgets_s", budgets.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().toSeconds(), (a, b) -> a, java.util.TreeMap::new)));
        if (judged.isEmpty()) {
            return Outcome.notApplicable(actions.isEmpty() ? "no action that can disturb the service ran"
                    : "neither a reset nor, with the users' lane followed, a reboot or a redeploy ran (" + (users ? "" : "users' lane not followed: "
                    + availability.usersNotFollowed() + "; ") + "actions: " + String.join(", ", actions.stream().map(ActionWindow::criterion).toList()) + ")");
        }
        if (problems.isEmpty()) {
            return Outcome.passed("no reset caused an outage, and users behind the proxy stayed within the budgets: " + String.join("; ", actions.stream()
                    .filter(a -> judged.contains(a.criterion())).map(a -> a.criterion() + " " + a.action() + " (" + String.join(", ", a.lanes().stream()
                            .map(l -> l.lane() + " " + l.outageS() + " s" + (l.lane().equals(Lane.USERS.label()) && budgets.containsKey(a.criterion())
                                    ? " of " + budgets.get(a.criterion()).toSeconds() + " s" : "")).toList()) + ")").toList()));
        }
        List<String> causes = new ArrayList<>();
        if (slowRoute) {
            healthcheck.get().filter(h -> h.startInterval().isEmpty()).ifPresent(h -> causes.add("cause: the healthcheck has no start_interval: Docker probes first "
                    + h.interval().toSeconds() + " s after the start, and Coolify's proxy (Traefik) routes only healthy containers; fix: add start_interval"
                    + " (e.g. 1s, Docker Engine >= 25) to the service's healthcheck, so that it turns healthy as soon as it answers"));
        }
        if (deafSeen) {
            causes.add("cause: Docker called the service healthy while GET /health did not answer: its healthcheck probes something else"
                    + healthcheck.get().map(h -> " (" + String.join(" ", h.test()) + ")").orElse("") + "; fix: make the healthcheck probe GET /health");
        }
        return Outcome.failed(String.join("; ", problems) + (causes.isEmpty() ? "" : "; " + String.join("; ", causes)));
    }

    /**
     * Seconds users were routed to a service that did not answer, after Docker called it healthy during or after
     * {@code action}: the application's gaps inside the times the users' lane came back up (a users' gap that
     * ended) until it went down again. Gaps still open count to {@code nowS}.
     */
    static double routedButNotAnswering(ActionWindow action, double nowS) {
        List<Gap> noRoute = action.lane(Lane.USERS).map(LaneOutage::gaps).orElse(List.of());
        double total = 0;
        for (int i = 0; i < noRoute.size(); i++) {
            if (noRoute.get(i).toS() == null) {
                continue;
            }
            double routedFrom = noRoute.get(i).toS();
            double routedTo = i + 1 < noRoute.size() ? noRoute.get(i + 1).fromS() : nowS;
            for (Gap down : action.lane(Lane.APPLICATION).map(LaneOutage::gaps).orElse(List.of())) {
                double to = down.toS() == null ? nowS : down.toS();
                total += Math.max(0, Math.min(to, routedTo) - Math.max(down.fromS(), routedFrom));
            }
        }
        return Math.round(total * 10) / 10.0;
    }
}
