package dev.orchestrator.gate.waivers;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of the operator's waiver file: a criterion's known failure accepted until a date, by an owner, for a
 * reason; optionally only a failure whose summary matches {@code summaryMatches} (so a new, different failure of
 * the same criterion is not covered).
 */
public record Waiver(String criterion, String justification, String owner, LocalDate expires, Optional<Pattern> summaryMatches) {

    /** A waiver is good through its {@code expires} day (UTC) and waives nothing after it. */
    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    /** Whether it covers a failure with this summary (every failure of its criterion when it names no pattern). */
    public boolean covers(String summary) {
        return summaryMatches.map(p -> p.matcher(summary).find()).orElse(true);
    }

    /** "AC-11 (expires 2026-12-15, ops@example.com: reset answers 500, ticket 412)": how the headline names it. */
    public String line() {
        return criterion + " (expires " + expires + ", " + owner + ": " + justification + ")";
    }
}
