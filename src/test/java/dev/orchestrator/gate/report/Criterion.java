package dev.orchestrator.gate.report;

import java.util.Arrays;
import java.util.Optional;

/** The catalogue of shared/docs/acceptance-criteria.md: stable ids, names, blocking, the seed checklist line. */
public enum Criterion {
    AC_01("stale-deploy-blocks", true, "Port 9403 occupied by old orchestrator container (hazard reproduced)"),
    AC_02("cleanup-runs", true, "Cleanup script runs without errors"),
    AC_03("port-freed", true, "Port 9403 freed after cleanup"),
    AC_04("cleanup-scoped", true, "Cleanup touches nothing but the orchestrator"),
    AC_05("deploy-succeeds", true, "Coolify deployment succeeds"),
    AC_06("health-passes", true, "Container starts and passes health check"),
    AC_07("ui-served", true, "UI accessible"),
    AC_08("ws-connects", true, "WebSocket connects successfully"),
    AC_09("ws-survives", true, "WebSocket stays open for the soak, directly and through the proxy"),
    AC_10("long-operation", true, "Long operations complete without timeout"),
    AC_11("reset-clears-session", true, "Reboot button works in UI (reset clears the session)"),
    AC_12("reset-keeps-one-container", true, "Reset keeps one container, no restart, port still held"),
    AC_13("chat-roundtrip", true, "Can send messages and receive responses"),
    AC_14("reboot-script", true, "Reboot script works in Docker mode"),
    AC_15("reboot-endpoint-contained", false, "Deprecated reboot endpoint leaves no second backend");

    private final String slug;
    private final boolean blocking;
    private final String checklistLine;

    Criterion(String slug, boolean blocking, String checklistLine) {
        this.slug = slug;
        this.blocking = blocking;
        this.checklistLine = checklistLine;
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
