package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The view model the Markdown and HTML templates render: checklist, details and chart geometry. */
final class ReportView {

    private static final double CHART_LEFT = 90;
    private static final double CHART_WIDTH = 680;

    private final Report report;

    ReportView(Report report) {
        this.report = report;
    }

    Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        Verdict verdict = report.verdict();
        m.put("verdict", verdict.word());
        m.put("verdictUpper", verdict.upper());
        m.put("pass", verdict == Verdict.PASS);
        // a green run that a waiver let through has a banner of its own: it shipped with a known failure; a partial that exits 2 is never green
        int waivedCount = report.waivedCriteria().size();
        m.put("waivedCount", waivedCount > 0 ? waivedCount + (waivedCount == 1 ? " waiver" : " waivers") : null);
        m.put("banner", verdict.banner(waivedCount > 0));
        m.put("waivers", report.waivers());
        m.put("hasWaivers", !report.waivers().isEmpty());
        m.put("exitCode", report.exitCode());
        m.put("startedAt", report.startedAt());
        m.put("finishedAt", report.finishedAt());
        m.put("suite", report.suite().entrySet());
        m.put("environment", report.environment().entrySet());
        m.put("target", report.target());
        m.put("gateError", report.gateError());
        m.put("headline", report.headline());
        m.put("teardownProblems", report.teardownProblems());
        // mustache.java has no "list is not empty" (a list's section repeats): each heading over a list has its flag
        m.put("hasTeardownProblems", !report.teardownProblems().isEmpty());
        m.put("notes", report.notes());
        m.put("hasNotes", !report.notes().isEmpty());
        m.put("failed", String.join(", ", report.failedCriteria()));
        m.put("timings", report.timings());
        m.put("totalS", fmt(report.timings().totalS()));
        m.put("soakS", fmt(report.timings().soakS()));
        m.put("overheadS", fmt(report.timings().overheadS()));
        m.put("phases", report.timings().phasesS().entrySet().stream().map(e -> Map.of("phase", e.getKey(), "s", fmt(e.getValue()))).toList());
        List<Map<String, Object>> criteria = new ArrayList<>();
        for (CriterionReport r : report.criteria()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", r.id());
            c.put("name", r.name());
            c.put("status", r.status().name());
            c.put("checked", r.status() == Status.passed);
            c.put("box", r.isWaived() ? "~" : box(r.status()));
            c.put("mark", r.isWaived() ? "~" : r.status() == Status.passed ? "\u2713" : r.status() == Status.not_applicable ? "\u2013" : "\u2717");
            c.put("statusShown", r.isWaived() ? "failed, waived" : r.status().name());
            c.put("waiver", r.isWaived() ? r.waived().line() : null);
            c.put("line", Criterion.byId(r.id()).map(Criterion::checklistLine).orElse(r.name()));
            c.put("blocking", r.blocking() ? "blocking" : "advisory");
            c.put("summary", r.summary());
            c.put("summaryCell", r.summary().replace("|", "\\|").replace("\n", " "));
            c.put("problems", r.problems().stream().map(p -> Map.of("code", p.code().code(), "message", p.message())).toList());
            c.put("hasProblems", !r.problems().isEmpty());
            c.put("durationS", fmt(r.durationMs() / 1000.0));
            List<Map<String, String>> measurements = r.measurements().entrySet().stream()
                    .filter(e -> !(e.getValue() instanceof Map || e.getValue() instanceof List))
                    .map(e -> Map.of("key", e.getKey(), "value", String.valueOf(e.getValue()))).toList();
            c.put("measurements", measurements);
            c.put("hasMeasurements", !measurements.isEmpty());
            c.put("evidence", r.evidence());
            // the HTML embeds the pictures so the page is viewable on its own; the Markdown links the files beside it
            c.put("attachments", r.attachments().stream().map(a -> Map.of("label", a.label(), "file", a.file(), "image", a.mediaType().startsWith("image/"),
                    "dataUri", "data:" + a.mediaType() + ";base64," + Base64.getEncoder().encodeToString(a.content()),
                    "text", a.mediaType().startsWith("image/") ? "" : new String(a.content(), StandardCharsets.UTF_8))).toList());
            criteria.add(c);
        }
        m.put("criteria", criteria);
        m.put("trend", trend());
        m.put("platformName", report.target().platform().get("name"));
        m.put("availabilityChart", AvailabilityChart.of(report.availability()));
        m.put("soakChart", soakChart());
        m.put("startupChart", startupChart());
        m.put("latencyChart", latencyChart());
        return m;
    }

    /** The trend section's view: figures with a sparkline of their last runs, and the status changes; null when nothing was compared. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> trend() {
        if (report.trend() == null || ((Number) report.trend().getOrDefault("compared_runs", 0)).intValue() == 0) {
            return null;
        }
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) report.trend().getOrDefault("figures", List.of())) {
            Map<String, Object> row = new LinkedHashMap<>(f);
            List<Number> history = (List<Number>) f.getOrDefault("history", List.of());
            double max = history.stream().mapToDouble(Number::doubleValue).max().orElse(1);
            double min = history.stream().mapToDouble(Number::doubleValue).min().orElse(0);
            double span = Math.max(max - min, 1e-9);
            StringBuilder points = new StringBuilder();
            double x = 0;
            double y = 0;
            for (int i = 0; i < history.size(); i++) {
                x = history.size() == 1 ? 80 : 4 + i * 152.0 / (history.size() - 1);
                y = 26 - (history.get(i).doubleValue() - min) / span * 22;
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
            }
            row.put("points", points.toString().strip());
            row.put("last", Map.of("x", fmt(x), "y", fmt(y)));
            row.put("value", fmt(((Number) f.get("value")).doubleValue()));
            row.computeIfPresent("previous", (k, v) -> fmt(((Number) v).doubleValue()));
            row.computeIfPresent("change", (k, v) -> (((Number) v).doubleValue() > 0 ? "+" : "") + fmt(((Number) v).doubleValue()));
            row.putIfAbsent("previous", "");
            row.putIfAbsent("change", "");
            row.putIfAbsent("flag", "");
            figures.add(row);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("compared", report.trend().get("compared_runs"));
        t.put("history", Trend.HISTORY);
        t.put("figures", figures);
        t.put("hasFigures", !figures.isEmpty());
        t.put("changes", ((List<Map<String, Object>>) report.trend().getOrDefault("criteria", List.of())).stream().map(c -> c.get("line")).toList());
        t.put("waived", ((Number) report.trend().getOrDefault("waived_runs", 0)).intValue() > 0 ? report.trend().get("waived_line") : null);
        return t;
    }

    /** The checklist box: ticked only for passed; not applicable is "-"; not run, failed and error stay open. */
    static String box(Status status) {
        return switch (status) {
            case passed -> "x";
            case not_applicable -> "-";
            default -> " ";
        };
    }

    private Object measurement(String criterion, String key) {
        return report.criterion(criterion).map(r -> r.measurements().get(key)).orElse(null);
    }

    private static double x(double t, double span) {
        return CHART_LEFT + Math.max(0, Math.min(t, span)) / span * CHART_WIDTH;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> soakChart() {
        if (!(measurement("AC-09", "timeline") instanceof Map<?, ?> timeline)) {
            return null;
        }
        Map<String, Object> t = (Map<String, Object>) timeline;
        double span = Math.max(1, ((Number) t.getOrDefault("soak_s", 120)).doubleValue());
        Map<String, Object> chart = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        int row = 0;
        for (Map<String, Object> conn : (List<Map<String, Object>>) t.getOrDefault("connections", List.of())) {
            double y = 40 + row++ * 50;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("label", conn.get("label"));
            r.put("y", y);
            r.put("yText", y + 4);
            r.put("yMark", y - 9);
            Object closedAt = conn.get("closed_at");
            double end = closedAt instanceof Number n ? n.doubleValue() : span;
            r.put("x2", x(end, span));
            r.put("marks", ((List<Number>) conn.getOrDefault("keepalives", List.of())).stream()
                    .map(k -> Map.of("x", x(k.doubleValue(), span), "t", fmt(k.doubleValue()))).toList());
            if (closedAt instanceof Number n) {
                r.put("drop", Map.of("x", x(n.doubleValue(), span), "text", "closed at " + fmt(n.doubleValue()) + " s: " + conn.get("close")));
            }
            rows.add(r);
        }
        double bottom = 40 + row * 50;
        chart.put("rows", rows);
        chart.put("height", bottom + 40);
        chart.put("axisY", bottom);
        chart.put("axisLabelY", bottom + 16);
        chart.put("x0", CHART_LEFT);
        chart.put("x1", CHART_LEFT + CHART_WIDTH);
        chart.put("spanS", fmt(span));
        List<Map<String, Object>> ticks = new ArrayList<>();
        for (int s = 0; s <= span; s += 20) {
            ticks.add(Map.of("x", x(s, span), "t", s));
        }
        chart.put("ticks", ticks);
        if (t.get("proxy_idle_s") instanceof Number idle && idle.doubleValue() <= span) {
            chart.put("idle", Map.of("x", x(idle.doubleValue(), span), "s", fmt(idle.doubleValue())));
        }
        if (t.get("long_op") instanceof Map<?, ?> op) {
            double start = ((Number) op.get("start_s")).doubleValue();
            Object endObj = op.get("end_s");
            double end = endObj instanceof Number n ? n.doubleValue() : span;
            chart.put("longOp", Map.of("x1", x(start, span), "x2", x(end, span), "y", bottom - 14,
                    "text", endObj == null ? "long operation: no final result" : "long operation " + fmt(end - start) + " s"));
        }
        chart.put("resets", ((List<Number>) t.getOrDefault("resets", List.of())).stream().map(r -> Map.of("x", x(r.doubleValue(), span))).toList());
        chart.put("resetTop", 20);
        return chart;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> startupChart() {
        if (!(measurement("AC-06", "startup") instanceof Map<?, ?> s)) {
            return null;
        }
        Map<String, Object> startup = (Map<String, Object>) s;
        double span = startup.values().stream().filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(1);
        span = Math.max(span * 1.1, 1);
        List<Map<String, Object>> points = new ArrayList<>();
        for (Map.Entry<String, Object> e : startup.entrySet()) {
            if (e.getValue() instanceof Number n) {
                // labels alternate above and below the axis so that close events stay readable
                int labelY = points.size() % 2 == 0 ? 25 : 62;
                points.add(Map.of("label", e.getKey().replace("_s", ""), "x", x(n.doubleValue(), span), "t", fmt(n.doubleValue()), "ly", labelY));
            }
        }
        return Map.of("points", points, "x0", CHART_LEFT, "x1", CHART_LEFT + CHART_WIDTH);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> latencyChart() {
        if (!(measurement("AC-11", "latencies_ms") instanceof List<?> l) || l.isEmpty()) {
            return null;
        }
        List<Number> latencies = (List<Number>) l;
        double budget = measurement("AC-11", "budget_ms") instanceof Number b ? b.doubleValue() : 1000;
        double span = Math.max(budget * 1.2, latencies.stream().mapToDouble(Number::doubleValue).max().orElse(1));
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int i = 0; i < latencies.size(); i++) {
            double v = latencies.get(i).doubleValue();
            bars.add(Map.of("y", 10 + i * 22, "yText", 24 + i * 22, "w", Math.max(1, v / span * CHART_WIDTH), "x0", CHART_LEFT,
                    "label", "reset " + (i + 1), "ms", fmt(v), "over", v > budget));
        }
        return Map.of("bars", bars, "budgetX", x(budget, span), "budget", fmt(budget), "height", 30 + latencies.size() * 22);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, v == Math.rint(v) && Math.abs(v) < 1e9 ? "%.0f" : "%.1f", v);
    }
}
