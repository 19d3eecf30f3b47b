package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The third layout (fixtures/layouts/operator-variant): service `backend`, build without image:,
 * healthcheck only in the image, long-syntax ports, two merged files, a profile that must not start.
 * Every criterion by configuration only; the image that ran is the one built; no image of the run is left.
 */
@Order(2) // handed out first: its runs go to the lanes while the self-tests that need this machine's engine wait for lane 0
@Execution(ExecutionMode.CONCURRENT)
class OperatorLayoutIT {

    private static final String LAYOUT = "fixtures/layouts/operator-variant/";

    @ParameterizedTest(name = "on the {0} platform model")
    @ValueSource(strings = {"coolify", "compose"})
    @DisplayName("the operator-variant layout passes every criterion it can prove, by configuration only, and leaves no image of the run")
    void operatorVariantPasses(String platform) {
        Map<String, String> config = GateRuns.config("reports/selftest/layout-operator-variant-" + platform);
        config.put("acceptance.platform", platform);
        config.put("acceptance.compose.files", LAYOUT + "docker-compose.yml," + LAYOUT + "docker-compose.prod.yml");
        config.put("acceptance.service", "backend");
        config.put("acceptance.edge-url", "none");
        // the layout sends keepalives every 3 s: the suite's own expectation says so, and a 10 s soak can prove AC-09 (longer than twice the 4.5 s gap allowed)
        config.put("acceptance.keepalive.interval", "3");
        config.put("acceptance.cleanup.script", LAYOUT + "cleanup-before-deploy.sh");
        config.put("acceptance.reboot.script", LAYOUT + "reboot-orchestrator.sh");
        // the users' outage budgets are the service's speed on this host (the matrix's AC-19 rows prove them); here AC-19 must
        // pass with budgets no busy host reaches: the users' lane followed for the layout's service, every route back
        config.putAll(GateRuns.GENEROUS_OUTAGE_BUDGETS);
        RowRun run = GateRuns.onAnyLane(RowRunner.Job.of(config));
        GateRuns.Outcome outcome = run.outcome();
        assertThat(run.leftovers()).as("left behind by the operator-variant layout on %s", platform).isEmpty();
        for (Criterion c : Criterion.values()) {
            System.out.printf("[selftest] operator-variant on %s %s %s: %s%n", platform, c.id(), outcome.status(c.id()), outcome.summary(c.id()));
        }
        assertThat(outcome.report().path("target").path("platform").path("name").asText()).as("the model the report names").isEqualTo(platform);
        for (Criterion c : Criterion.values()) {
            String expected = c == Criterion.AC_10 ? "not_applicable" : "passed"; // no edge proxy in this layout
            assertThat(outcome.status(c.id())).as("operator-variant %s: %s", c.id(), outcome.summary(c.id())).isEqualTo(expected);
        }
        if (platform.equals("coolify")) {
            assertThat(outcome.summary("AC-19")).as("judged on the users' lane behind Coolify's proxy")
                    .contains("(users' lane derived from Docker's events by the proxy's rule)");
        }
        assertThat(outcome.verdict()).isEqualTo("pass");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.summary("AC-06")).as("the healthcheck in force is the image's").contains("healthcheck from the image");
        assertThat(outcome.summary("AC-05")).as("active services only").contains("[backend, db]").doesNotContain("db-console");
        JsonNode target = outcome.report().path("target");
        String built = idOf(target.path("built_images"), "backend");
        String ran = idOf(target.path("images"), "backend");
        System.out.printf("[selftest] operator-variant image built %s, image that ran %s%n", built, ran);
        assertThat(ran).as("the image that ran is the one the build step produced").isEqualTo(built).startsWith("sha256:");
        System.out.println("[selftest] operator-variant: images added by the run: " + run.imagesAdded());
        assertThat(run.imagesAdded()).as("images left by the run: only the stable build cache may be new (compose); Coolify's per-app tag is removed")
                .allMatch(tag -> tag.startsWith("orchestrator-gate-build-backend:"));
    }

    private static String idOf(JsonNode images, String service) {
        for (JsonNode image : images) {
            if (image.path("service").asText().equals(service)) {
                return image.path("id").asText();
            }
        }
        return "(none for " + service + ")";
    }

}
