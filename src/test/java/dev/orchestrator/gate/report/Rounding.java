package dev.orchestrator.gate.report;

/** How measured seconds are written into the report: to the hundredth, as the criteria's budgets are read. */
public final class Rounding {

    private Rounding() {
    }

    public static double hundredths(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
