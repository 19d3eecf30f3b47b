package dev.orchestrator.gate.report;

import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.waivers.WaiverUse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report of one run, computed whole when the run ends (verdict, exit code, headline, what each waiver did, the
 * trend) and read-only from then on: the writers (JSON, Markdown, HTML, JUnit XML, CI outputs) only render it. Field
 * names are the JSON contract of the catalogue, written snake_case.
 */
public record Report(String schemaVersion, Map<String, String> suite, RunRecord.Target target, Map<String, String> environment, String startedAt,
                     String finishedAt, Verdict verdict, int exitCode, List<String> failedCriteria, String gateError, String headline,
                     List<String> teardownProblems, List<String> notes, List<Map<String, String>> createdByScripts, List<CriterionReport> criteria,
                     Timings timings, List<WaiverUse> waivers, Availability.Report availability, Map<String, Object> trend) {

    public static final String SCHEMA_VERSION = "1";

    /** Where the time went, measured by the gate itself. */
    public record Timings(double totalS, double soakS, double overheadS, Double buildS, Double timeToHealthyS, Map<String, Long> resetLatencyMs,
                          Map<String, Double> phasesS) {
    }

    /** The same report with {@code computed} as its trend (computed from the report itself against the earlier ones). */
    Report withTrend(Map<String, Object> computed) {
        return new Report(schemaVersion, suite, target, environment, startedAt, finishedAt, verdict, exitCode, failedCriteria, gateError, headline,
                teardownProblems, notes, createdByScripts, criteria, timings, waivers, availability, computed);
    }

    /** The criteria whose failure a waiver covers in this run. */
    public List<String> waivedCriteria() {
        return criteria.stream().filter(CriterionReport::isWaived).map(CriterionReport::id).toList();
    }

    /** One criterion's entry, by its id. */
    public Optional<CriterionReport> criterion(String id) {
        return criteria.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
