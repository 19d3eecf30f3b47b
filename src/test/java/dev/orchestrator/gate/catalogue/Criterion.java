package dev.orchestrator.gate.catalogue;

import dev.orchestrator.gate.config.GateConfigException;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static dev.orchestrator.gate.catalogue.ProblemCode.*;

/**
 * The catalogue of shared/docs/acceptance-criteria.md, in one place: stable id, name, the phase it is
 * judged in and its place in the run, blocking or advisory, the seed checklist line, and what it depends on.
 * The selection parser, the JUnit adapter's order, the verdict, the report's checklist and the self-tests'
 * counts follow from it.
 */
public enum Criterion {
    AC_01("stale-deploy-blocks", Phase.PORT_SCENARIO, true, "Port 9403 occupied by old orchestrator container (hazard reproduced)", none(),
            codes(HAZARD_NOT_REPRODUCED, DEPLOY_FAILED_OTHERWISE)),
    AC_02("cleanup-runs", Phase.PORT_SCENARIO, true, "Cleanup script runs without errors", none(),
            codes(CLEANUP_SKIPPED, CLEANUP_TIMED_OUT, CLEANUP_EXIT_STATUS)),
    // AC-03 and AC-04 judge what the cleanup did, whatever its exit code: they need it to have run, not passed
    AC_03("port-freed", Phase.PORT_SCENARIO, true, "Port 9403 freed after cleanup", after("AC-02"), codes(PORT_STILL_HELD, PORT_HELD_AGAIN)),
    AC_04("cleanup-scoped", Phase.PORT_SCENARIO, true, "Cleanup touches nothing but the orchestrator", after("AC-02"),
            codes(REMOVED_FOREIGN_RESOURCE, STOPPED_BYSTANDER)),
    AC_05("deploy-succeeds", Phase.PORT_SCENARIO, true, "Coolify deployment succeeds", none(),
            codes(DEPLOY_FAILED, SERVICE_NOT_RUNNING, INACTIVE_SERVICE_STARTED)),
    AC_06("health-passes", Phase.STARTUP, true, "Container starts and passes health check", needs("AC-05"),
            codes(EXITED_BEFORE_HEALTHY, NOT_HEALTHY_IN_TIME, HEALTH_HTTP_STATUS, HEALTH_BODY)),
    // the render check is a user with an open tab: it runs inside the soak window (catalogue, phase 4)
    AC_07("ui-served", Phase.SOAK_WINDOW, true, "UI accessible (rendered in a real browser)", needs("AC-06"),
            codes(INDEX_HTTP_STATUS, INDEX_NOT_HTML, NOT_RENDERED, CONSOLE_ERROR, FOREIGN_ORIGIN, THIRD_PARTY_ASSET)),
    AC_08("ws-connects", Phase.STARTUP, true, "WebSocket connects successfully", needs("AC-06"),
            codes(HANDSHAKE_FAILED, HANDSHAKE_SLOW, NO_CONNECTION_ESTABLISHED)),
    AC_09("ws-survives", Phase.SOAK_WINDOW, true, "WebSocket stays open for the soak, directly and through the proxy", needs("AC-08"),
            codes(WS_NOT_CONNECTED, WS_DROPPED, KEEPALIVE_GAP)),
    AC_10("long-operation", Phase.SOAK_WINDOW, true, "Long operations complete without timeout", needs("AC-08"),
            codes(OPERATION_REFUSED, NO_RESULT, OPERATION_TOO_SHORT)),
    AC_11("reset-clears-session", Phase.SOAK_WINDOW, true, "Reset endpoint clears the session (what the UI button calls)", needs("AC-06"),
            codes(RESET_HTTP_STATUS, RESET_ANSWER, TOO_SLOW, SESSION_KEPT)),
    // judged whenever resets were sent, even failed ones: a failing reset may still restart the backend
    AC_12("reset-keeps-one-container", Phase.SOAK_WINDOW, true, "Reset keeps one container, no restart, port still held", needs("AC-06"),
            codes(CONTAINER_CHANGED, SECOND_SERVER, PORT_LOST, CONTAINER_COUNT, SECOND_CONTAINER, WS_DROPPED)),
    AC_13("chat-roundtrip", Phase.SOAK_WINDOW, true, "Can send messages and receive responses", needs("AC-06"),
            codes(WS_NOT_CONNECTED, OPERATION_REFUSED, SEND_CHAT_HTTP_STATUS, ANSWER_INCOMPLETE, ANSWER_EMPTY, NOT_CONCURRENT)),
    AC_14("reboot-script", Phase.REBOOT, true, "Reboot script works in Docker mode", needs("AC-06"),
            codes(SCRIPT_TIMED_OUT, SCRIPT_EXIT_STATUS, NOT_REBOOTED, CONTAINER_COUNT, NOT_HEALTHY, PORT_NOT_HELD, HEALTH_NOT_200)),
    AC_15("reboot-endpoint-contained", Phase.REBOOT, false, "Deprecated reboot endpoint leaves no second backend", needs("AC-06"),
            codes(CONTAINER_CHANGED, SECOND_SERVER, PORT_LOST, CONTAINER_COUNT, SECOND_CONTAINER, PROCESSES_LINGER)),
    AC_16("ui-reset", Phase.SOAK_WINDOW, true, "Reboot button works in UI (clicked in a real browser)", needs("AC-07"),
            codes(NO_PAGE_SOCKET, NO_RESET_BUTTON, RESET_NOT_SENT, RESET_HTTP_STATUS, RESET_ANSWER, FORBIDDEN_REQUEST, STATE_CHANGING_REQUEST,
                    REINIT_ERROR_ANSWER, CONSOLE_ERROR, SOCKET_KEPT, NO_RECONNECT, BUTTON_STAYS_DISABLED, CONTAINER_CHANGED, SECOND_SERVER, PORT_LOST,
                    CONTAINER_COUNT, SECOND_CONTAINER)),
    AC_17("ui-chat", Phase.SOAK_WINDOW, true, "Can send messages and receive responses in the UI", needs("AC-07"),
            codes(WS_NOT_CONNECTED, INPUT_NOT_USABLE, SEND_CHAT_NOT_SENT, SEND_CHAT_WRONG_MESSAGE, SEND_CHAT_HTTP_STATUS, ANSWER_EMPTY, ANSWER_NOT_SHOWN)),
    // judges what the reboot phase left (whatever AC-14 and AC-15 found): the next deploy of the same application
    AC_18("redeploy-after-reboot", Phase.REBOOT, true,
            "The next Coolify deploy after a reboot succeeds (no container the platform does not manage holds the port)",
            after("AC-14", "AC-15"), codes(REDEPLOY_FAILED, FOREIGN_CONTAINER, CONTAINER_COUNT, NOT_HEALTHY, PORT_NOT_HELD, HEALTH_NOT_200)),
    // judged over the availability record of the whole run: what users behind the platform's proxy saw of every action
    AC_19("user-visible-outage", Phase.REBOOT, false, "\"Reset ~500ms vs 3-5 s for reboot\", as users behind the platform's proxy see it", none(),
            codes(RESET_OUTAGE, OVER_BUDGET, ROUTED_NOT_ANSWERING)),
    // the state the run leaves the service in, after its last action (catalogue: AC-20 healthy-at-close)
    AC_20("healthy-at-close", Phase.REBOOT, true, "Container starts and passes health check, still true when the run ends", needs("AC-06"),
            codes(HEALTH_NOT_200, NOT_HEALTHY, CONTAINER_COUNT, SECOND_CONTAINER, PORT_NOT_HELD, WS_REFUSED));

    /** The phases of a run, in order (catalogue, "Phases, order and time"); each closes what it opened before the next begins. */
    public enum Phase {
        PORT_SCENARIO("Port scenario"), STARTUP("Startup"), SOAK_WINDOW("Soak window"), REBOOT("Reboot");

        private final String title;

        Phase(String title) {
            this.title = title;
        }

        /** How the report and the console name the phase ("Soak window"). */
        public String title() {
            return title;
        }
    }

    /**
     * The order criteria are judged in: phase by phase; inside the soak window the chat comes first (while the long
     * operation runs), then the browser, then the resets, and the soak's own criteria when the window ends.
     */
    public static final List<Criterion> RUN_ORDER = List.of(AC_01, AC_02, AC_03, AC_04, AC_05, AC_06, AC_08,
            AC_13, AC_07, AC_17, AC_16, AC_11, AC_12, AC_09, AC_10, AC_14, AC_15, AC_18, AC_20, AC_19);

    /** What a criterion depends on: criteria that must have passed, and criteria that must only have run before it. */
    record Dependencies(List<String> mustPass, List<String> mustHaveRun) {
    }

    private static Dependencies none() {
        return new Dependencies(List.of(), List.of());
    }

    private static Dependencies needs(String... ids) {
        return new Dependencies(List.of(ids), List.of());
    }

    private static Dependencies after(String... ids) {
        return new Dependencies(List.of(), List.of(ids));
    }

    private final String slug;
    private final Phase phase;
    private final boolean blocking;
    private final String checklistLine;
    private final Dependencies dependencies;
    private final Set<ProblemCode> problemCodes;

    Criterion(String slug, Phase phase, boolean blocking, String checklistLine, Dependencies dependencies, Set<ProblemCode> problemCodes) {
        this.slug = slug;
        this.phase = phase;
        this.blocking = blocking;
        this.checklistLine = checklistLine;
        this.dependencies = dependencies;
        this.problemCodes = problemCodes;
    }

    private static Set<ProblemCode> codes(ProblemCode... codes) {
        Set<ProblemCode> all = EnumSet.copyOf(Arrays.asList(codes));
        all.addAll(ProblemCode.COMMON);
        return Collections.unmodifiableSet(all);
    }

    /** The problem codes a failure of this criterion may carry (its own, and the common ones), in the vocabulary's order. */
    public Set<ProblemCode> problemCodes() {
        return problemCodes;
    }

    /** Criteria that must have passed (or be not applicable) before this one can be judged; otherwise it is not run, naming them. */
    public List<String> requires() {
        return dependencies.mustPass();
    }

    /** Criteria that must have run (whatever their outcome) before this one: what they did is what it judges. */
    public List<String> after() {
        return dependencies.mustHaveRun();
    }

    /** This criterion's place in {@link #RUN_ORDER}. */
    public int step() {
        return RUN_ORDER.indexOf(this);
    }

    public Phase phase() {
        return phase;
    }

    /**
     * What this criterion does that can disturb the service (the judge marks it in the availability record around the
     * check), if anything. AC-11's resets are marked by the reset round itself, around the resets only (not the chat
     * that opens a session first), whichever criterion needs the round first.
     */
    public Optional<String> disturbance() {
        return Optional.ofNullable(switch (this) {
            case AC_05 -> "the deploy";
            case AC_14 -> "the reboot";
            case AC_15 -> "the reboot endpoint";
            case AC_16 -> "the reset click";
            case AC_18 -> "the redeploy";
            default -> null;
        });
    }

    /**
     * The criteria {@code csv} selects (acceptance.criteria; blank = all), prerequisites included.
     * Throws {@link GateConfigException} for an id that is not in the catalogue.
     */
    public static Set<String> selection(String csv) {
        Set<String> ids = new TreeSet<>();
        for (String s : csv.split(",")) {
            String id = s.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (byId(id).isEmpty()) {
                throw new GateConfigException("acceptance.criteria", "unknown criterion '" + id + "' (" + range() + ")");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            Arrays.stream(values()).map(Criterion::id).forEach(ids::add);
        }
        return withPrerequisites(ids);
    }

    /** {@code ids} with everything they need, transitively (AC-11 brings AC-06 and AC-05). */
    public static Set<String> withPrerequisites(Set<String> ids) {
        Set<String> all = new TreeSet<>(ids);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String id : List.copyOf(all)) {
                for (Criterion c : byId(id).stream().toList()) {
                    for (String needed : c.dependencies.mustPass()) {
                        grew |= all.add(needed);
                    }
                    for (String needed : c.dependencies.mustHaveRun()) {
                        grew |= all.add(needed);
                    }
                }
            }
        }
        return all;
    }

    public String id() {
        return name().replace('_', '-');
    }

    public String slug() {
        return slug;
    }

    public boolean blocking() {
        return blocking;
    }

    public String checklistLine() {
        return checklistLine;
    }

    /** The catalogue's ids as a refusal names them: "AC-01..AC-19". */
    public static String range() {
        return values()[0].id() + ".." + values()[values().length - 1].id();
    }

    public static Optional<Criterion> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
    }
}
