package dev.orchestrator.gate.availability;

import dev.orchestrator.gate.await.Waits;
import dev.orchestrator.gate.docker.DockerEngine;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * The run's availability record (catalogue, "Availability as users see it"): from the first deploy to teardown, in
 * three lanes (the application's GET /health, the same through the edge, users behind the platform's proxy), with
 * the actions that can disturb the service marked where they ran. Each lane follows on its own thread; the record
 * only reads them.
 */
public final class Availability implements AutoCloseable {

    /** Renders record-relative seconds as the wall-clock time they were (UTC, tenths). */
    public record Clock(Instant origin) {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneOffset.UTC);

        public String wall(double seconds) {
            return TIME.format(origin.plusNanos((long) (seconds * 1e9)));
        }
    }

    /** A span of the run drawn on the timeline (the soak window). */
    public record Span(String name, double fromS, double toS) {
    }

    /** An action under way: its criterion, what it is, and when it began. */
    public record Mark(String criterion, String action, long fromNanos) {
    }

    /** The whole record, as the JSON report carries it (the lanes' gaps, the actions with their outages, the spans). */
    public record Report(String startedAt, double endedS, String usersLane, Map<String, List<Gap>> lanes, List<ActionWindow> actions, List<Span> spans) {
    }

    /**
     * An action that ended at {@code toNanos}; with {@code lookAfter}, an outage a probed lane saw begin by its first look after
     * the action is the action's too.
     */
    private record Done(Mark mark, long toNanos, boolean lookAfter) {
    }

    private final HealthLane application;
    private final Optional<HealthLane> edge;
    private volatile Optional<RouteLane> users;
    private volatile String usersNotFollowed;
    /** Whether the platform model has a proxy whose routes the users' lane derives (Coolify's), followed or not. */
    private final boolean behindProxy;
    /** What the record may add to a run in all (catalogue: at most 1 s): its waits for the lanes' looks share it. */
    static final Duration WAIT_BUDGET = Duration.ofSeconds(1);

    private final List<Done> done = new ArrayList<>();
    private long waitedNanos;
    private final List<Span> spans = new ArrayList<>();
    private long originNanos = -1;
    private Instant origin = Instant.EPOCH;
    private long endedNanos = -1;

    private Availability(URI health, Optional<URI> edgeHealth, Optional<RouteLane> users, String usersNotFollowed) {
        this.application = new HealthLane(Lane.APPLICATION, health);
        this.edge = edgeHealth.map(u -> new HealthLane(Lane.EDGE, u));
        this.users = users;
        this.usersNotFollowed = usersNotFollowed;
        this.behindProxy = users.isPresent();
    }

    /** A record whose users' lane is derived from the engine's events for the containers {@code routed} selects (the platform's proxy's routes). */
    public static Availability behindProxy(URI health, Optional<URI> edgeHealth, DockerEngine engine, Map<String, String> routed) {
        return new Availability(health, edgeHealth, Optional.of(new RouteLane(engine, routed)), "");
    }

    /** A record without a users' lane ({@code why}: no platform proxy in this model or mode). */
    public static Availability withoutProxy(URI health, Optional<URI> edgeHealth, String why) {
        return new Availability(health, edgeHealth, Optional.empty(), why);
    }

    /** Begins the record (once): every lane starts following now. */
    public synchronized void start() {
        if (originNanos >= 0) {
            return;
        }
        originNanos = System.nanoTime();
        origin = Instant.now();
        application.start();
        edge.ifPresent(HealthLane::start);
        try {
            users.ifPresent(RouteLane::start);
        } catch (RuntimeException e) {
            // the engine's event stream is the gate's means, not the service: the lane is said not followed, the run goes on
            users.ifPresent(RouteLane::close);
            users = Optional.empty();
            usersNotFollowed = "Docker's event stream could not be followed: " + e.getMessage();
        }
    }

    public synchronized boolean started() {
        return originNanos >= 0;
    }

    /** The application's lane (GET /health every 100 ms), for a check that waits on it. */
    public HealthLane application() {
        return application;
    }

    public synchronized Clock clock() {
        return new Clock(origin);
    }

    /**
     * Marks the start of an action (and starts the record when it has not begun). When the action before it ended so
     * recently that a probed lane has not looked since, it waits (bounded: one probe's time-out and interval) for that look:
     * what the lane saw then is the earlier action's, never this one's (two actions back to back, AC-14's reboot and
     * AC-15's endpoint).
     */
    public Mark begin(String criterion, String action) {
        start();
        long last = lastEnd();
        if (last != Long.MIN_VALUE) {
            lanesLooked("every probed lane looked after the action before " + action, last, 1, HealthLane.ONE_LOOK);
        }
        return new Mark(criterion, action, System.nanoTime());
    }

    /**
     * Waits until every probed lane looked {@code looks} times after {@code nanos}, bounded by {@code atMost} and by what is
     * left of {@link #WAIT_BUDGET}, which all the record's waits share; true when they had.
     */
    private boolean lanesLooked(String what, long nanos, int looks, Duration atMost) {
        BooleanSupplier looked = () -> probedLanes().stream().allMatch(lane -> lane.lookedAfter(nanos, looks));
        long began = System.nanoTime();
        Duration left;
        synchronized (this) {
            left = WAIT_BUDGET.minusNanos(waitedNanos);
        }
        try {
            return left.compareTo(HealthLane.EVERY.dividedBy(5)) < 0 ? looked.getAsBoolean()
                    : Waits.until(what, atMost.compareTo(left) < 0 ? atMost : left, HealthLane.EVERY.dividedBy(5), looked::getAsBoolean);
        } finally {
            synchronized (this) {
                waitedNanos += System.nanoTime() - began;
            }
        }
    }

    /** How long the record's waits for the lanes' looks took in all (at most {@link #WAIT_BUDGET} and a poll). */
    public synchronized Duration waited() {
        return Duration.ofNanos(waitedNanos);
    }

    /** When the last action marked ended (Long.MIN_VALUE when none has). */
    private synchronized long lastEnd() {
        return done.stream().mapToLong(Done::toNanos).max().orElse(Long.MIN_VALUE); // every recorded action is looked after
    }

    /**
     * Ends the action {@code mark}: what each lane saw from its start to now (a gap still open counts to now). An outage the
     * action caused that a probed lane saw only at its first look after the action (an action shorter than a probe's
     * interval: five resets in 80 ms) is the action's too, in {@link #actions()} once the lane has looked; so the action's
     * window is read when it is needed ({@link MarkedAction}), not now.
     */
    public MarkedAction end(Mark mark) {
        Done action = new Done(mark, System.nanoTime(), true);
        synchronized (this) {
            done.add(action);
        }
        return new MarkedAction(this, mark);
    }

    /** The window of the action {@code mark} ended, as the record knows it now (to now when it was not ended). */
    ActionWindow windowOf(Mark mark) {
        Done action;
        synchronized (this) {
            action = done.stream().filter(d -> d.mark() == mark).findFirst().orElse(new Done(mark, System.nanoTime(), false));
        }
        return window(action);
    }

    /** What each lane saw from {@code mark}'s start to now, without recording an action (a check's own measure). */
    public ActionWindow sofar(Mark mark) {
        return window(new Done(mark, System.nanoTime(), false));
    }

    /**
     * Waits (bounded: two probes' time-outs and intervals) until every probed lane looked twice after the last action ended, so
     * that {@link #actions()} holds what the lanes saw at their first look after it; for whoever judges the actions, once, not
     * at every action's end (the record adds at most 1 s to a run). False when a lane had not by then.
     */
    public boolean lookedAfterTheLastAction() {
        return lanesLooked("every probed lane looked twice after the last action", lastEnd(), 2, HealthLane.TWO_LOOKS);
    }

    private synchronized List<HealthLane> probedLanes() {
        List<HealthLane> probed = new ArrayList<>(List.of(application));
        edge.ifPresent(probed::add);
        return probed;
    }

    /**
     * The end of {@code action} for {@code lane}: its first look after the action when it is a probed lane and has looked, but
     * never after the next action began (what the lane first saw after that is the next action's).
     */
    private long seenBy(Done action, Lane lane) {
        if (!action.lookAfter()) {
            return action.toNanos();
        }
        long look = probedLanes().stream().filter(p -> p.lane() == lane).map(p -> p.firstLookAfter(action.toNanos())).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).findFirst().orElse(action.toNanos());
        long nextBegan;
        synchronized (this) {
            nextBegan = done.stream().mapToLong(d -> d.mark().fromNanos()).filter(from -> from >= action.toNanos()).min().orElse(Long.MAX_VALUE);
        }
        return Math.max(action.toNanos(), Math.min(look, nextBegan));
    }

    /** Forgets an action that did not happen after all (its check was not applicable). */
    public synchronized void discard(Mark mark) {
        done.removeIf(d -> d.mark() == mark);
    }

    /** The actions so far, each with what the lanes saw as they know it now (a gap that began in the action, measured to its end). */
    public List<ActionWindow> actions() {
        List<Done> all;
        synchronized (this) {
            all = List.copyOf(done);
        }
        return all.stream().map(this::window).toList();
    }

    /** The evidence lines of {@code window}: one per lane ("users: no route for 31.2 s (...)"), and how the users' lane is known. */
    public List<String> describe(ActionWindow window) {
        Clock clock = clock();
        List<String> lines = new ArrayList<>();
        for (Lane lane : lanes()) {
            window.lane(lane).ifPresent(o -> lines.add(o.line(clock)));
        }
        lines.add(String.format("(%s from %s to %s)", window.action(), clock.wall(window.fromS()), clock.wall(window.toS())));
        lines.add("users' lane: " + usersLane());
        return lines;
    }

    /** A span of the run the timeline shades (the soak window), on this JVM's clock. */
    public synchronized void span(String name, long fromNanos, long toNanos) {
        if (originNanos >= 0) {
            spans.add(new Span(name, seconds(fromNanos), seconds(toNanos)));
        }
    }

    /** True when every lane followed is up now (or has seen nothing yet). */
    public boolean allUp() {
        return downNow().isEmpty();
    }

    /** The lanes that are not up now. */
    public List<String> downNow() {
        return lanes().stream().filter(l -> log(l).orElseThrow().downIntervals().stream().anyMatch(LaneLog.Interval::open)).map(Lane::label).toList();
    }

    /** "down since 12:00:01.2 (answered HTTP 503), for 84.2 s", when {@code lane} is not up now. */
    public Optional<String> downSince(Lane lane) {
        return since(lane, false);
    }

    /** "up since 12:00:31.2 (GET /health 200), for 45.3 s", when {@code lane} is up now. */
    public Optional<String> upSince(Lane lane) {
        return since(lane, true);
    }

    private Optional<String> since(Lane lane, boolean up) {
        if (!started()) {
            return Optional.empty();
        }
        Clock clock = clock();
        double now = nowS();
        return log(lane).flatMap(l -> l.changes().stream().reduce((a, b) -> b)).filter(c -> c.up() == up)
                .map(c -> String.format("%s since %s (%s), for %.1f s", up ? "up" : lane.downWord(), clock.wall(seconds(c.atNanos())), c.why(),
                        now - seconds(c.atNanos())));
    }

    /** Now, in the record's seconds. */
    public double nowS() {
        return seconds(System.nanoTime());
    }

    /** Whether users reach the service through a platform proxy (the Coolify model), whether or not its lane could be followed. */
    public boolean hasPlatformProxy() {
        return behindProxy;
    }

    /** Why the users' lane is not followed at all ("" when it is followed from the record's start). */
    public String usersNotFollowed() {
        return usersNotFollowed;
    }

    /** The users' lane stopped being followed from {@code fromS} (the record's seconds), because {@code why}. */
    public record Unfollowed(double fromS, String why) {
    }

    /** When, and why, the users' lane stopped being followed during the run (Docker's event stream failed or ended), if it did. */
    public Optional<Unfollowed> usersUnfollowed() {
        return users.flatMap(RouteLane::unfollowed).map(u -> new Unfollowed(seconds(u.getKey()), u.getValue()));
    }

    /** How the users' lane is known, as the report and the evidence say it. */
    public String usersLane() {
        if (!usersNotFollowed.isEmpty()) {
            return "not followed: " + usersNotFollowed;
        }
        return RouteLane.RULE + usersUnfollowed().map(u -> "; not followed from " + clock().wall(u.fromS()) + ": " + u.why()).orElse("");
    }

    /** The lanes this record follows, in the report's order. */
    public synchronized List<Lane> lanes() {
        List<Lane> lanes = new ArrayList<>(List.of(Lane.APPLICATION));
        edge.ifPresent(e -> lanes.add(Lane.EDGE));
        users.ifPresent(u -> lanes.add(Lane.USERS));
        return lanes;
    }

    private synchronized Optional<LaneLog> log(Lane lane) {
        return switch (lane) {
            case APPLICATION -> Optional.of(application.log());
            case EDGE -> edge.map(HealthLane::log);
            case USERS -> users.map(RouteLane::log);
        };
    }

    private ActionWindow window(Done action) {
        Mark mark = action.mark();
        long toNanos = action.toNanos();
        long now = System.nanoTime();
        synchronized (this) {
            if (endedNanos >= 0) {
                now = Math.min(now, endedNanos); // a gap still open when the record closed counts to its close, whenever it is read
            }
        }
        List<LaneOutage> lanes = new ArrayList<>();
        for (Lane lane : lanes()) {
            List<Gap> gaps = new ArrayList<>();
            double total = 0;
            double longest = 0;
            boolean still = false;
            long seenBy = seenBy(action, lane);
            for (LaneLog.Interval i : log(lane).orElseThrow().downIntervals()) {
                if (i.fromNanos() > seenBy || i.endOr(now) < mark.fromNanos()) {
                    continue;
                }
                long from = Math.max(i.fromNanos(), mark.fromNanos());
                gaps.add(new Gap(seconds(from), i.open() ? null : seconds(i.toNanos()), i.fromNanos() < mark.fromNanos() ? "already " + lane.downWord() + " ("
                        + i.downWhy() + ")" : i.downWhy(), i.upWhy()));
                total += (i.endOr(now) - from) / 1e9;
                longest = Math.max(longest, (i.endOr(now) - from) / 1e9);
                still |= i.open();
            }
            lanes.add(new LaneOutage(lane.label(), Math.round(total * 10) / 10.0, Math.round(longest * 10) / 10.0, gaps, still));
        }
        return new ActionWindow(mark.criterion(), mark.action(), seconds(mark.fromNanos()), seconds(toNanos), lanes);
    }

    private synchronized double seconds(long nanos) {
        return Math.round((nanos - originNanos) / 1e7) / 100.0;
    }

    /** The whole record for the report (empty when it never began: nothing that could disturb the service ran). */
    public Optional<Report> report() {
        if (!started()) {
            return Optional.empty();
        }
        Map<String, List<Gap>> lanes = new LinkedHashMap<>();
        for (Lane lane : lanes()) {
            lanes.put(lane.label(), log(lane).orElseThrow().downIntervals().stream()
                    .map(i -> new Gap(seconds(i.fromNanos()), i.open() ? null : seconds(i.toNanos()), i.downWhy(), i.upWhy())).toList());
        }
        long end;
        List<Span> spansNow;
        synchronized (this) {
            end = endedNanos >= 0 ? endedNanos : System.nanoTime();
            spansNow = List.copyOf(spans);
        }
        return Optional.of(new Report(origin.toString(), seconds(end), usersLane(), lanes, actions(), spansNow));
    }

    /** Ends the record: the lanes stop following (at teardown). */
    @Override
    public void close() {
        synchronized (this) {
            if (originNanos >= 0 && endedNanos < 0) {
                endedNanos = System.nanoTime();
            }
        }
        application.close();
        edge.ifPresent(HealthLane::close);
        users.ifPresent(RouteLane::close);
    }
}
