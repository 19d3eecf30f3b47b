package dev.orchestrator.gate.availability;

import java.util.Arrays;

/** One way of reaching the service, as the availability record follows it (catalogue, "Availability as users see it"). */
public enum Lane {
    /** GET /health at the service's own address, every 100 ms. */
    APPLICATION("application", "down"),
    /** The same request through the edge proxy, when one is configured. */
    EDGE("edge", "down"),
    /** Users behind the platform's proxy: routed or not, derived from Docker's events by the proxy's rule. */
    USERS("users", "no route");

    private final String label;
    private final String downWord;

    Lane(String label, String downWord) {
        this.label = label;
        this.downWord = downWord;
    }

    /** How the report names the lane ("users"). */
    public String label() {
        return label;
    }

    /** The lane a report names {@code label} ("users"). */
    public static Lane of(String label) {
        return Arrays.stream(values()).filter(l -> l.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no availability lane '" + label + "'"));
    }

    /** What "not available" is called in this lane ("down", "no route"). */
    public String downWord() {
        return downWord;
    }
}
