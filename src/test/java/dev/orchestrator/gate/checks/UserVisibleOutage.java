package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.availability.ActionWindow;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.availability.Gap;
import dev.orchestrator.gate.availability.Lane;
import dev.orchestrator.gate.availability.LaneOutage;
import dev.orchestrator.gate.availability.RouteLane;
import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.docker.HealthcheckInForce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * AC-19 (advisory): what users behind the platform's proxy had of every action, judged over the run's availability
 * record. A reset (AC-11's, AC-16's click) causes no outage in any lane. A reboot (AC-14) and a redeploy (AC-18) are
 * judged as two bounds of the time users were without service, derived from Docker's events by the proxy's rule: the
 * lower bound is the time without a route or routed to an application that did not answer; the upper bound widens each
 * route's return by the proxy's own delay. Failed when the lower bound exceeds the budget, passed only when the upper
 * bound is within it, not proven between. On a model without a proxy the application lane is judged, and said so.
 */
public final class UserVisibleOutage implements Check {

    /** The actions that are resets: no outage in any lane. */
    private static final List<String> RESETS = List.of("AC-11", "AC-16");
    /**
     * Below this, "routed but not answering" is the lanes' own skew (a Docker event reaches the gate a few ms after the
     * application stopped answering), not a service that Docker calls healthy while it does not answer.
     */
    private static final double DEAF_NOISE_S = 1.5;
    /** How long the lanes get to come back after the last action before the record is judged (a service that stays down is judged as it is). */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    /** Seconds without service users had during an action, at least and at most, and on which lane it was judged. */
    record Bounds(double lowerS, double upperS, String lane) {
        String between() {
            return lowerS == upperS ? String.format("%.1f s", lowerS) : String.format("%.1f-%.1f s", lowerS, upperS);
        }
    }

    private final Availability availability;
    private final Map<String, Duration> budgets;
    private final Supplier<Optional<HealthcheckInForce>> healthcheck;

    /** {@code budgets}: the users' lane budget per restarting action (AC-14: the reboot's, AC-18: the redeploy's); {@code healthcheck}: the service's, in
     * force now. */
    public UserVisibleOutage(Availability availability, Map<String, Duration> budgets, Supplier<Optional<HealthcheckInForce>> healthcheck) {
        this.availability = availability;
        this.budgets = Map.copyOf(budgets);
        this.healthcheck = healthcheck;
    }

    @Override
    public Outcome check(Findings findings) {
        // an outage the last action caused that the lanes saw only at their first look after it is in the record first
        boolean looked = availability.lookedAfterTheLastAction();
        if (!looked) {
            findings.evidence("lanes that did not look again", "not every probed lane looked twice after the last action within its bound");
        }
        // an outage an action began is judged whole: the lanes get a bounded time to come back before the record is read
        boolean settled = Waits.until("every availability lane up again after the last action", SETTLE, Duration.ofMillis(200), availability::allUp);
        if (!settled) {
            findings.evidence("still down when judged", "after " + SETTLE.toSeconds() + " s: " + String.join(", ", availability.downNow()));
        }
        List<ActionWindow> actions = availability.actions();
        // a model with a proxy whose lane could not be followed is not a model without a proxy: its users' outage is not known
        boolean proxy = availability.hasPlatformProxy();
        boolean followed = availability.usersNotFollowed().isEmpty();
        Optional<Availability.Unfollowed> unfollowed = availability.usersUnfollowed();
        double now = availability.nowS();
        List<Problem> problems = new ArrayList<>();
        List<String> judged = new ArrayList<>();
        List<String> within = new ArrayList<>();
        List<String> notProven = new ArrayList<>();
        List<String> notJudged = new ArrayList<>();
        boolean slowRoute = false;
        boolean deafSeen = false;
        for (ActionWindow action : actions) {
            String what = action.criterion() + "'s " + action.action();
            boolean users = proxy && followed && unfollowed.map(u -> followedThrough(action, u.fromS())).orElse(true);
            if (proxy && !users && budgets.containsKey(action.criterion())) {
                notJudged.add(what + (followed ? " (the users' lane was not followed from " + availability.clock().wall(unfollowed.orElseThrow().fromS()) + ")"
                        : " (the users' lane was not followed: " + availability.usersNotFollowed() + ")"));
            }
            // users routed to a service that does not answer: Docker called it healthy while GET /health did not (any action)
            double deaf = users ? routedButNotAnswering(action, now) : 0;
            if (deaf >= DEAF_NOISE_S) {
                deafSeen = true;
                judged.add(action.criterion());
                problems.add(Problem.of(ProblemCode.ROUTED_NOT_ANSWERING, String.format("%s: users were routed to a service that did not answer"
                        + " GET /health for %.1f s after Docker called it healthy", what, deaf)));
            }
            if (RESETS.contains(action.criterion())) {
                judged.add(action.criterion());
                action.lanes().stream().filter(l -> l.outageS() > 0 && (users || !l.lane().equals(Lane.USERS.label()))).forEach(l -> problems.add(
                        Problem.of(ProblemCode.RESET_OUTAGE, what + ": " + l.line(availability.clock()) + " (a reset must cause no outage)")));
            } else if (budgets.containsKey(action.criterion()) && (users || !proxy)) {
                judged.add(action.criterion());
                double budget = budgets.get(action.criterion()).toMillis() / 1000.0;
                Bounds bounds = users ? usersBounds(action, now) : applicationBounds(action);
                String line = String.format("%s: users without service for %s (%s), budget %.0f s", what, bounds.between(), bounds.lane(), budget);
                if (bounds.lowerS() > budget) {
                    slowRoute |= action.lane(Lane.USERS).map(LaneOutage::outageS).orElse(0.0) > budget;
                    problems.add(Problem.of(ProblemCode.OVER_BUDGET, line + action.lane(users ? Lane.USERS : Lane.APPLICATION)
                            .filter(l -> l.outageS() > 0).map(l -> " (" + l.line(availability.clock()) + ")").orElse("")));
                } else if (bounds.upperS() <= budget) {
                    within.add(line);
                } else {
                    notProven.add(line + ": its lower bound is within the budget, its upper bound is not");
                }
            }
        }
        findings.evidence("what each lane saw, per action", String.join("\n", actions.stream()
                        .map(a -> a.criterion() + " " + a.action() + ": " + String.join("; ", availability.describe(a).subList(0, availability.lanes().size())))
                        .toList()))
                .evidence("how the users' lane is known", availability.usersLane() + (proxy ? "; the upper bound widens each route's return by "
                        + RouteLane.PROXY_DELAY.toSeconds() + " s (Traefik's providers.providersThrottleDuration, its default)" : ""));
        if (!notJudged.isEmpty()) {
            findings.evidence("not judged on the users' lane", String.join("\n", notJudged));
        }
        findings.measure("judged", judged).measure("budgets_s", budgets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().toSeconds(), (a, b) -> a, TreeMap::new)));
        if (judged.isEmpty() && notJudged.isEmpty()) {
            return Outcome.notApplicable(actions.isEmpty() ? "no action that can disturb the service ran"
                    : "neither a reset nor, with the users' lane followed, a reboot or a redeploy ran (" + (proxy ? "" : "users' lane not followed: "
                    + availability.usersNotFollowed() + "; ") + "actions: " + String.join(", ", actions.stream().map(ActionWindow::criterion).toList()) + ")");
        }
        if (!problems.isEmpty()) {
            return Outcome.failed(withCauses(problems, causes(slowRoute, deafSeen)));
        }
        String said = "no reset caused an outage in any lane" + (within.isEmpty() ? "" : "; " + String.join("; ", within))
                + (proxy ? " (users' lane derived from Docker's events by the proxy's rule)"
                : " (no platform proxy in this model: judged on the application lane)");
        if (!notProven.isEmpty() || !notJudged.isEmpty() || !looked) {
            List<String> unproven = new ArrayList<>(notProven);
            notJudged.forEach(n -> unproven.add(n + ": not judged"));
            if (!looked) { // an outage the last action caused may not be in the record yet: no pass on what was not seen
                unproven.add("not every probed lane looked twice after the last action within the record's bound (" + availability.waited().toMillis()
                        + " ms of waits in all): an outage it caused may not be recorded");
            }
            return Outcome.notRun("not proven: " + String.join("; ", unproven) + "; " + said);
        }
        return Outcome.passed(said);
    }

    /**
     * The users' outage during {@code action}: at least the time without a route or routed to an application that did not
     * answer (the union of the users' and the application's gaps), at most that with each route's return widened by the
     * proxy's delay (the proxy adds a route up to that much later than Docker's event). A route the proxy removes late
     * leaves users routed to a container told to stop: counted without service from Docker's event on, in both bounds.
     */
    static Bounds usersBounds(ActionWindow action, double nowS) {
        List<double[]> noRoute = spans(action.lane(Lane.USERS), nowS);
        List<double[]> down = spans(action.lane(Lane.APPLICATION), nowS);
        List<double[]> lower = new ArrayList<>(noRoute);
        lower.addAll(down);
        double delay = RouteLane.PROXY_DELAY.toMillis() / 1000.0;
        List<double[]> upper = new ArrayList<>(noRoute.stream().map(s -> new double[] {s[0], s[1] + delay}).toList());
        upper.addAll(down);
        return new Bounds(floorTenth(length(lower)), ceilTenth(length(upper)), "derived from Docker's events by the proxy's rule, and GET /health");
    }

    /** The application lane's outage during {@code action} as both bounds (a model without a proxy: nothing to derive). */
    static Bounds applicationBounds(ActionWindow action) {
        double down = action.lane(Lane.APPLICATION).map(LaneOutage::outageS).orElse(0.0);
        return new Bounds(down, down, "judged on the application lane: no platform proxy in this model");
    }

    /** A lane's gaps during an action as [from, to] spans (a gap still open runs to {@code nowS}). */
    private static List<double[]> spans(Optional<LaneOutage> lane, double nowS) {
        return lane.map(LaneOutage::gaps).orElse(List.of()).stream().map(g -> new double[] {g.fromS(), g.toS() == null ? nowS : g.toS()}).toList();
    }

    /** How long the union of {@code spans} lasts. */
    static double length(List<double[]> spans) {
        List<double[]> sorted = spans.stream().filter(s -> s[1] > s[0]).sorted(Comparator.comparingDouble(s -> s[0])).toList();
        double total = 0;
        double from = Double.NaN;
        double to = Double.NaN;
        for (double[] s : sorted) {
            if (Double.isNaN(from) || s[0] > to) {
                total += Double.isNaN(from) ? 0 : to - from;
                from = s[0];
                to = s[1];
            } else {
                to = Math.max(to, s[1]);
            }
        }
        return Double.isNaN(from) ? total : total + to - from;
    }

    /** A lower bound to a tenth of a second, never above what was measured. */
    private static double floorTenth(double s) {
        return Math.floor(s * 10 + 1e-9) / 10.0;
    }

    /** An upper bound to a tenth of a second, never below what was measured. */
    private static double ceilTenth(double s) {
        return Math.ceil(s * 10 - 1e-9) / 10.0;
    }

    /**
     * Whether the users' lane, not followed from {@code fromS}, was followed through {@code action}'s outage: the action ended
     * before, and every users' gap it saw ended before too (a gap still open then would run on where the lane was not seen).
     */
    static boolean followedThrough(ActionWindow action, double fromS) {
        return fromS > action.toS() && action.lane(Lane.USERS).map(LaneOutage::gaps).orElse(List.of()).stream()
                .allMatch(g -> g.toS() != null && g.toS() <= fromS);
    }

    /** The causes it can see, and their fixes. */
    private List<String> causes(boolean slowRoute, boolean deafSeen) {
        List<String> causes = new ArrayList<>();
        if (slowRoute) {
            healthcheck.get().filter(h -> h.startInterval().isEmpty())
                    .ifPresent(h -> causes.add("cause: the healthcheck has no start_interval: Docker probes first "
                    + h.interval().toSeconds() + " s after the start, and Coolify's proxy (Traefik) routes only healthy containers; fix: add start_interval"
                    + " (e.g. 1s, Docker Engine >= 25) to the service's healthcheck, so that it turns healthy as soon as it answers"));
        }
        if (deafSeen) {
            causes.add("cause: Docker called the service healthy while GET /health did not answer: its healthcheck probes something else"
                    + healthcheck.get().map(h -> " (" + String.join(" ", h.test()) + ")").orElse("") + "; fix: make the healthcheck probe GET /health");
        }
        return causes;
    }

    /** The causes it can see, said with the problems they explain: appended to the last one's message. */
    private static List<Problem> withCauses(List<Problem> problems, List<String> causes) {
        if (causes.isEmpty()) {
            return problems;
        }
        List<Problem> all = new ArrayList<>(problems.subList(0, problems.size() - 1));
        Problem last = problems.get(problems.size() - 1);
        all.add(Problem.of(last.code(), last.message() + "; " + String.join("; ", causes)));
        return all;
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
