package dev.orchestrator.gate.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The run's verdict (catalogue, "Report"), with the exit code it ends with and the banner it is drawn with: a release
 * may ship only on exit 0, and only a run that may ship is drawn green. {@code partial} is two verdicts: the user's own
 * restriction ({@code acceptance.criteria}) with nothing failed ends 0; a selected criterion that could not prove its
 * point ends 2 and is drawn as the gate could not judge.
 */
public enum Verdict {
    /** every criterion selected, every blocking one passed or not applicable by the configuration */
    PASS("pass", 0, "pass"),
    /** the user restricted the run (acceptance.criteria) and nothing selected failed */
    PARTIAL("partial", 0, "partial"),
    /** a selected criterion could not prove its point (not run: a soak too short, a session that could not be made) */
    PARTIAL_UNPROVEN("partial", 2, "unproven"),
    /** a blocking criterion failed and no waiver covers it: the release is blocked */
    FAIL("fail", 1, "fail"),
    /** the gate could not run, or could not evaluate a selected criterion (its own fault, never the service's) */
    ERROR("error", 2, "error"),
    /** SIGINT or SIGTERM ended the run */
    INTERRUPTED("interrupted", 2, "interrupted");

    private final String word;
    private final int exitCode;
    private final String banner;

    Verdict(String word, int exitCode, String banner) {
        this.word = word;
        this.exitCode = exitCode;
        this.banner = banner;
    }

    /** As the report's JSON spells it ("partial" for both partials: the exit code tells them apart). */
    @JsonValue
    public String word() {
        return word;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The HTML banner's style: green only for a run that may ship ("pass", "partial"), purple when a waiver let it through. */
    public String banner(boolean waived) {
        return waived && exitCode == 0 ? "waived" : banner;
    }

    /** "PASS", as the console and the headline say it. */
    public String upper() {
        return word.toUpperCase(Locale.ROOT);
    }
}
