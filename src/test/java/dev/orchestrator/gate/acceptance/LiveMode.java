package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.report.CriterionReporter;
import dev.orchestrator.gate.run.GateRun;

/** What live mode may do: it reads; it changes state only when the operator allowed it. */
final class LiveMode {

    private LiveMode() {
    }

    /** In live mode, marks the criterion not applicable with {@code why}; returns true when the caller should stop. */
    static boolean skips(GateRun gate, CriterionReporter report, String why) {
        if (gate.live()) {
            report.notApplicable(why);
            return true;
        }
        return false;
    }

    static boolean stateChangesAllowed(GateRun gate) {
        return !gate.live() || gate.config().flag("acceptance.live.allow-reset");
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
