package dev.orchestrator.gate.report;

import dev.orchestrator.gate.config.GateConfigException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The catalogue of shared/docs/acceptance-criteria.md: stable ids, names, blocking, the seed checklist line. */
public enum Criterion {
    AC_01("stale-deploy-blocks", true, "Port 9403 occupied by old orchestrator container (hazard reproduced)"),
    AC_02("cleanup-runs", true, "Cleanup script runs without errors"),
    AC_03("port-freed", true, "Port 9403 freed after cleanup", "AC-02"),
    AC_04("cleanup-scoped", true, "Cleanup touches nothing but the orchestrator", "AC-02"),
    AC_05("deploy-succeeds", true, "Coolify deployment succeeds"),
    AC_06("health-passes", true, "Container starts and passes health check", "AC-05"),
    AC_07("ui-served", true, "UI accessible", "AC-06"),
    AC_08("ws-connects", true, "WebSocket connects successfully", "AC-06"),
    AC_09("ws-survives", true, "WebSocket stays open for the soak, directly and through the proxy", "AC-08"),
    AC_10("long-operation", true, "Long operations complete without timeout", "AC-08"),
    AC_11("reset-clears-session", true, "Reboot button works in UI (reset clears the session)", "AC-06"),
    // judged whenever resets were sent, even failed ones: a failing reset may still restart the backend
    AC_12("reset-keeps-one-container", true, "Reset keeps one container, no restart, port still held", "AC-06"),
    AC_13("chat-roundtrip", true, "Can send messages and receive responses", "AC-06"),
    AC_14("reboot-script", true, "Reboot script works in Docker mode", "AC-06"),
    AC_15("reboot-endpoint-contained", false, "Deprecated reboot endpoint leaves no second backend", "AC-06");

    private final String slug;
    private final boolean blocking;
    private final String checklistLine;
    private final List<String> requires;

    Criterion(String slug, boolean blocking, String checklistLine, String... requires) {
        this.slug = slug;
        this.blocking = blocking;
        this.checklistLine = checklistLine;
        this.requires = List.of(requires);
    }

    /**
     * Criteria that must have passed before this one can be judged. AC-03 and AC-04 judge what the
     * cleanup did whatever its exit code, so they only need it to have run (checked in the test).
     */
    public List<String> requires() {
        return this == AC_03 || this == AC_04 ? List.of() : requires;
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
                throw new GateConfigException("acceptance.criteria", "unknown criterion '" + id + "' ("
                        + values()[0].id() + ".." + values()[values().length - 1].id() + ")");
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
                for (String needed : byId(id).map(c -> c.requires).orElse(List.of())) {
                    grew |= all.add(needed);
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

    public static Optional<Criterion> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
    }
}
