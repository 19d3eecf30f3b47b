package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.docker.DockerEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A lane's warm row runner: a row that could not run ends it, and the lane's next row runs on a new one. */
@ExtendWith(OnThisMachinesEngine.class)
class RowRunnersIT {

    /** An image no engine has: the row's fixture cannot be created, so the row cannot run (its gate never starts). */
    private static final RowRunner.Fixture CANNOT_START = new RowRunner.Fixture("ogate-selftest-cannot-start", "orchestrator-gate-missing:0",
            List.of(), List.of(), "", 0, 0);

    @Test
    void aRowThatCouldNotRunEndsItsRunnerAndTheNextRowGetsANewOne() {
        DockerEngine engine = new DockerEngine();
        EngineSnapshot before = EngineSnapshot.take(engine);
        Lane lane = Lane.thisMachine();
        RowRunner.Job broken = new RowRunner.Job(GateRuns.config("reports/selftest/runner-broken-row"), List.of(), List.of(), List.of(CANNOT_START));
        assertThatThrownBy(() -> GateRuns.onLane(lane, broken)).as("a row whose fixture cannot be created")
                .hasMessageContaining("ended without its result").hasMessageContaining(RowRunners.RETIRING + "the row could not run");

        Map<String, String> refused = GateRuns.config("reports/selftest/runner-next-row");
        refused.put("acceptance.soak.seconds", "two"); // refused at once: the row needs no stack to show which runner ran it
        RowRun next = GateRuns.onLane(lane, RowRunner.Job.of(refused));
        assertThat(next.console()).as("the next row's runner console").startsWith(RowRunners.READY);
        assertThat(next.outcome().exitCode()).as("the refused row's exit code").isEqualTo(2);
        assertThat(next.outcome().gateError()).contains("acceptance.soak.seconds='two' is not a whole number");
        assertThat(before.leftoversIn(EngineSnapshot.take(engine))).as("left behind").isEmpty();
    }
}
