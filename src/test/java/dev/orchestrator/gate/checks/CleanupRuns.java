package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.scenario.CleanupRun;

import java.util.function.Supplier;

/**
 * AC-02: the operator's cleanup script, run where the operator runs it (on the host, or as Coolify's pre-deployment
 * command inside the app's running container) with every stale holder planted, exits 0 within its time limit. A
 * pre-deployment command that was skipped because no container of the app runs cleaned nothing: a failure.
 */
public final class CleanupRuns implements Check {

    private final Supplier<CleanupRun> cleanup;

    public CleanupRuns(Supplier<CleanupRun> cleanup) {
        this.cleanup = cleanup;
    }

    @Override
    public Outcome check(Findings findings) {
        CleanupRun run = cleanup.get();
        findings.measure("where", run.where()).evidence("command", run.command() + " (" + run.where() + ")");
        if (run.result().isEmpty()) {
            findings.evidence("output", CleanupRun.SKIPPED);
            return Outcome.failed(Problem.of(ProblemCode.CLEANUP_SKIPPED, "the cleanup as Coolify's pre-deployment command was " + CleanupRun.SKIPPED
                    + ": the stale holders were not cleaned"));
        }
        CommandResult result = run.result().get();
        findings.measure("exit_code", result.exitCode()).measure("duration_s", result.duration().toMillis() / 1000.0)
                .evidence("output (last 20 lines)", result.tail(20));
        if (result.timedOut()) {
            return Outcome.failed(Problem.of(ProblemCode.CLEANUP_TIMED_OUT, "cleanup script " + run.command() + " (" + run.where() + ") did not finish within "
                    + run.limit().toSeconds() + " s; its process group was killed"));
        }
        if (result.exitCode() != 0) {
            return Outcome.failed(Problem.of(ProblemCode.CLEANUP_EXIT_STATUS, "cleanup script " + run.command() + " (" + run.where() + ") exited "
                    + result.exitCode() + "; last lines: " + result.tail(5).replace('\n', ' ')));
        }
        return Outcome.passed("cleanup script " + run.command() + " exited 0 after " + result.duration().toMillis() + " ms (" + run.where() + ")");
    }
}
