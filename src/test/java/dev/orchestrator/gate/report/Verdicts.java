package dev.orchestrator.gate.report;

import java.util.List;

/** Verdict and exit code from the criteria, exactly as the catalogue defines them. */
public final class Verdicts {

    private Verdicts() {
    }

    /** Sets verdict, exit code and failed criteria on the record. */
    public static void decide(RunRecord record, boolean allSelected, boolean strict, boolean interrupted) {
        List<CriterionResult> counted = record.criteria.stream().filter(r -> r.blocking || strict).toList();
        record.failedCriteria = record.criteria.stream()
                .filter(r -> r.status == Status.failed || r.status == Status.error).map(r -> r.id).toList();
        boolean failed = counted.stream().anyMatch(r -> r.status == Status.failed);
        boolean errored = counted.stream().anyMatch(r -> r.status == Status.error);
        boolean incomplete = counted.stream().anyMatch(r -> r.status == Status.not_run);
        if (interrupted) {
            record.verdict = "interrupted";
        } else if (record.gateError != null) {
            record.verdict = "error";
        } else if (failed) {
            record.verdict = "fail";
        } else if (errored) {
            record.verdict = "error";
        } else if (!allSelected || incomplete) {
            record.verdict = "partial";
        } else {
            record.verdict = "pass";
        }
        record.exitCode = switch (record.verdict) {
            case "pass", "partial" -> 0;
            case "fail" -> 1;
            default -> 2;
        };
    }
}
