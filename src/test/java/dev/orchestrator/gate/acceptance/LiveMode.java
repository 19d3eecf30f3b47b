package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.run.GateRun;
import dev.orchestrator.gate.run.StackTarget;

import java.util.Optional;

/** What live mode may do: it reads; it changes state only when the operator allowed it. */
final class LiveMode {

    private LiveMode() {
    }

    /** The stack under test; in live mode there is none: the criterion is marked not applicable with {@code why}. */
    static Optional<StackTarget> stack(GateRun gate, CriterionReporter report, String why) {
        if (gate.stack().isEmpty()) {
            report.notApplicable(why);
        }
        return gate.stack();
    }

    static boolean stateChangesAllowed(GateRun gate) {
        return !gate.live() || gate.settings().liveAllowReset();
    }

    /** Reset, chat and the long operation change state: not applicable in live mode unless allowed. */
    static boolean skipsStateChange(GateRun gate, CriterionReporter report) {
        if (!stateChangesAllowed(gate)) {
            report.notApplicable("live mode changes no state unless acceptance.live.allow-reset=true");
            return true;
        }
        return false;
    }
}
