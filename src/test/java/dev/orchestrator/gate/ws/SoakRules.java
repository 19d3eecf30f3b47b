package dev.orchestrator.gate.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a soak must last to prove anything (catalogue: "No criterion passes vacuously", AC-09). */
public final class SoakRules {

    private SoakRules() {
    }

    /**
     * Why a soak of {@code length} proves nothing, if it does not: it must outlast the proxy's idle
     * limit (when there is a proxy) and twice the allowed keepalive gap (else a missing keepalive never shows).
     */
    public static Optional<String> whyTooShortToProve(Duration length, Double proxyIdleSeconds, double allowedGapSeconds) {
        double seconds = length.toMillis() / 1000.0;
        List<String> needs = new ArrayList<>();
        if (proxyIdleSeconds != null && seconds <= proxyIdleSeconds) {
            needs.add(String.format("longer than the proxy's %.0f s idle limit", proxyIdleSeconds));
        }
        if (seconds <= 2 * allowedGapSeconds) {
            needs.add(String.format("longer than twice the allowed keepalive gap (2 x %.0f s)", allowedGapSeconds));
        }
        if (needs.isEmpty()) {
            return Optional.empty();
        }
        double minimum = Math.max(proxyIdleSeconds == null ? 0 : proxyIdleSeconds, 2 * allowedGapSeconds);
        return Optional.of("it must last " + String.join(" and ", needs) + "; set acceptance.soak.seconds above " + Math.round(minimum));
    }
}
