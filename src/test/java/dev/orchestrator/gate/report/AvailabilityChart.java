package dev.orchestrator.gate.report;

import dev.orchestrator.gate.availability.ActionWindow;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.availability.Gap;
import dev.orchestrator.gate.availability.Lane;
import dev.orchestrator.gate.availability.LaneOutage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML report's availability timeline: one band per lane over the whole record (up, down, no route), the actions
 * marked where they ran, the soak's span shaded; each gap carries its exact interval as a tooltip, and a table under
 * the chart lists what each lane saw per action.
 */
final class AvailabilityChart {

    private static final double LEFT = 90;
    private static final double WIDTH = 680;
    private static final double TOP = 46;
    private static final double ROW = 34;
    private static final int MAX_TICKS = 12;

    private AvailabilityChart() {
    }

    /** The chart's view model, or null when the run kept no record. */
    static Map<String, Object> of(Availability.Report report) {
        if (report == null) {
            return null;
        }
        double span = Math.max(1, report.endedS());
        Availability.Clock clock = new Availability.Clock(Instant.parse(report.startedAt()));
        List<Map<String, Object>> lanes = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, List<Gap>> lane : report.lanes().entrySet()) {
            double y = TOP + row++ * ROW;
            Lane kind = Lane.of(lane.getKey());
            List<Map<String, Object>> gaps = new ArrayList<>();
            for (Gap g : lane.getValue()) {
                double to = g.toS() == null ? span : g.toS();
                gaps.add(Map
                        .of("x", x(g.fromS(), span), "w", Math.max(1.5, x(to, span) - x(g.fromS(), span)), "cls", kind == Lane.USERS ? "noroute" : "down",
                        "fill", kind == Lane.USERS ? "#c2410c" : "#b3261e",
                        "title", String.format("%s %s %s -> %s (%.1f s): %s -> %s", kind.label(), kind.downWord(), clock.wall(g.fromS()),
                                g.toS() == null ? "end" : clock.wall(g.toS()), to - g.fromS(), g.downBecause(), g.toS() == null ? "the end of the record" : g
                                        .upBecause())));
            }
            lanes.add(Map.of("label", kind.label(), "y", y, "yText", y + 14, "gaps", gaps, "x0", LEFT, "w", WIDTH));
        }
        double bottom = TOP + row * ROW;
        List<Map<String, Object>> actions = new ArrayList<>();
        int i = 0;
        for (ActionWindow a : report.actions()) {
            double x1 = x(a.fromS(), span);
            actions.add(Map.of("x", x1, "w", Math.max(2, x(a.toS(), span) - x1), "label", a.criterion(), "yText", i++ % 2 == 0 ? 14 : 28,
                    "title", a.criterion() + " " + a.action() + " " + clock.wall(a.fromS()) + " -> " + clock.wall(a.toS())));
        }
        List<Map<String, Object>> spans = report.spans().stream().map(s -> Map.<String, Object>of("x", x(s.fromS(), span),
                "w", Math.max(1, x(s.toS(), span) - x(s.fromS(), span)), "label", s.name())).toList();
        List<Map<String, Object>> ticks = new ArrayList<>();
        double step = tickStep(span);
        for (double t = 0; t <= span; t += step) {
            ticks.add(Map.of("x", x(t, span), "t", ReportView.fmt(t)));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("lanes", lanes);
        chart.put("actions", actions);
        chart.put("spans", spans);
        chart.put("ticks", ticks);
        chart.put("top", TOP - 8);
        chart.put("bandHeight", bottom - TOP + 8);
        chart.put("axisY", bottom + 4);
        chart.put("axisLabelY", bottom + 20);
        chart.put("height", bottom + 30);
        chart.put("x0", LEFT);
        chart.put("x1", LEFT + WIDTH);
        chart.put("startedAt", report.startedAt());
        chart.put("usersLane", report.usersLane());
        chart.put("rows", report.actions().stream().map(a -> row(a, clock)).toList());
        return chart;
    }

    private static Map<String, Object> row(ActionWindow a, Availability.Clock clock) {
        List<String> lanes = new ArrayList<>();
        for (LaneOutage o : a.lanes()) {
            lanes.add(o.line(clock));
        }
        return Map.of("criterion", a.criterion(), "action", a.action(), "from", clock.wall(a.fromS()), "to", clock.wall(a.toS()), "lanes", String
                .join("; ", lanes));
    }

    private static double tickStep(double span) {
        for (double step : new double[]{5, 10, 20, 30, 60, 120, 300, 600}) {
            if (span / step <= MAX_TICKS) {
                return step;
            }
        }
        return Math.ceil(span / MAX_TICKS / 600) * 600;
    }

    private static double x(double t, double span) {
        return LEFT + Math.max(0, Math.min(t, span)) / span * WIDTH;
    }
}
