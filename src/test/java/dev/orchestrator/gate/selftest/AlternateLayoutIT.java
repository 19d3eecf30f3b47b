package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second layout (fixtures/layouts/coolify-like), shaped like the operators' real file, passes the suite with
 * configuration alone; its database runs outside the stack, on the coolify network, as on the real host. Its
 * healthcheck has no start_interval, as the real one: each start waits a full 30 s interval. That is waited out once,
 * on the compose model with one start (AC-06 sees it healthy and says why it took the interval); on the Coolify model
 * every criterion runs with a start_interval added, so that its many starts do not wait it out again. That the missing
 * start_interval costs users a route after the reboot and the redeploy (AC-19) is proven by the defect matrix's row
 * ac19-no-start-interval, on the bundled stack with the same healthcheck.
 */
@Order(2) // handed out first: its runs go to the lanes while the self-tests that need this machine's engine wait for lane 0
@Execution(ExecutionMode.CONCURRENT)
class AlternateLayoutIT {

    private static final String LAYOUT = "fixtures/layouts/coolify-like/docker-compose.yml";
    private static final String START_INTERVAL = "fixtures/layouts/coolify-like/start-interval.yml";
    private static final RowRunner.Fixture DB = new RowRunner.Fixture("platform-postgres", "orchestrator-gate-db:1", List.of(),
            List.of("POSTGRES_USER=orchestrator", "POSTGRES_DB=orchestrator", "POSTGRES_PASSWORD=layout-db-secret-77c1"), "coolify", 0, 0);

    private static GateRuns.Outcome run(String platform, String composeFiles, String criteria, Map<String, String> more) {
        Map<String, String> config = GateRuns.config("reports/selftest/layout-coolify-like-" + platform);
        config.putAll(more);
        config.put("acceptance.platform", platform);
        config.put("acceptance.compose.files", composeFiles);
        config.put("acceptance.edge-url", "none");
        config.put("acceptance.criteria", criteria);
        // the external database shares the coolify network, as on a real Coolify host: pre-flight would refuse that
        config.put("acceptance.force", "true");
        RowRun run = GateRuns.onAnyLane(new RowRunner.Job(config, List.of(), List.of("coolify"), List.of(DB)));
        GateRuns.Outcome outcome = run.outcome();
        System.out.println("[selftest] coolify-like layout on " + platform + ": " + outcome.verdict() + " in " + outcome.took().toSeconds() + " s");
        assertThat(run.leftovers()).as("left behind by the layout on %s", platform).isEmpty();
        assertThat(outcome.report().path("target").path("platform").path("name").asText()).as("the model the report names").isEqualTo(platform);
        return outcome;
    }

    @Test
    @DisplayName("on the Coolify model the layout passes every criterion it can prove")
    void onTheCoolifyModel() {
        // AC-19 must pass here on the users' lane; the budgets are not this test's point (the matrix's AC-19 rows prove them)
        GateRuns.Outcome outcome = run("coolify", LAYOUT + "," + START_INTERVAL, "", GateRuns.GENEROUS_OUTAGE_BUDGETS);
        for (Criterion c : Criterion.values()) {
            // no edge in this layout: AC-10 is not applicable; a short soak cannot prove AC-09 (both said, not ticked)
            String expected = c == Criterion.AC_10 ? "not_applicable" : c == Criterion.AC_09 ? "not_run" : "passed";
            assertThat(outcome.status(c.id())).as("layout %s: %s", c.id(), outcome.summary(c.id())).isEqualTo(expected);
        }
        assertThat(outcome.summary(Criterion.AC_19.id())).as("AC-19 on the users' lane of the Coolify model")
                .contains("(users' lane derived from Docker's events by the proxy's rule)");
        assertThat(outcome.verdict()).isEqualTo("partial");
        assertThat(outcome.report().path("headline").asText()).contains("not proven: AC-09").contains("AC-10 (no edge proxy in the path");
    }

    @Test
    @DisplayName("on the compose model the layout as it is deploys, turns healthy a full interval after its start, and serves")
    void onTheComposeModel() {
        List<String> criteria = List.of("AC-05", "AC-06", "AC-07", "AC-08", "AC-20");
        GateRuns.Outcome outcome = run("compose", LAYOUT, String.join(",", criteria), Map.of());
        for (String id : criteria) {
            assertThat(outcome.status(id)).as("layout on compose %s: %s", id, outcome.summary(id)).isEqualTo("passed");
        }
        assertThat(outcome.summary("AC-06")).as("AC-06 names the healthcheck it waited for").contains("every 30 s").contains("no start_interval");
        assertThat(outcome.report().path("notes").toString()).as("the advisory note about start_interval").contains("no start_interval");
        assertThat(outcome.verdict()).as("a run restricted to some criteria").isEqualTo("partial");
        assertThat(outcome.exitCode()).isZero();
    }
}
