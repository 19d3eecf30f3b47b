package dev.orchestrator.gate.report;

/** How measured seconds are written into the report: to the hundredth, as the criteria's budgets are read, or to the tenth for phase times. */
public final class Rounding {

    private Rounding() {
    }

    public static double hundredths(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Phase times and time to healthy: to the tenth of a second. */
    public static double tenths(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
