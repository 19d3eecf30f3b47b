package dev.orchestrator.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** How the listener classifies what JUnit reports: failed, error, not run, and a phase that crashed before its criteria. */
class ReportListenerTest {

    private int exitCode;

    /** Every setting the listener reads, given explicitly: an operator's ACCEPTANCE_* environment must not change this test. */
    private static Map<String, String> hermetic(Path project) {
        return Map.of("acceptance.project.dir", project.toString(), "acceptance.report.dir", "reports",
                "acceptance.criteria", String.join(",", Criterion.selection("")), "acceptance.strict", "false");
    }

    private JsonNode run(Class<?> phase, Path project) throws Exception {
        // the listener's console lines belong to this fixture run, not to the build's console (operators read that one)
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request().selectors(selectClass(phase))
                    .configurationParameters(hermetic(project)).build());
            exitCode = ReportSession.record(session).orElseThrow().exitCodeOfTheRun();
        } finally {
            System.setOut(console);
        }
        return new ObjectMapper().readTree(project.resolve("reports/latest").resolve(ReportWriter.JSON_FILE).toFile());
    }

    private static JsonNode criterion(JsonNode report, String id) {
        for (JsonNode c : report.path("criteria")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError(id + " not in the report");
    }

    @Test
    void aPhaseThatCrashedBeforeItsCriteriaIsAnErrorWithTheCauseNeverNotSelected(@TempDir Path project) throws Exception {
        JsonNode report = run(ListenerFixturePhases.CrashingPhase.class, project);
        for (String id : new String[] {"AC-02", "AC-05"}) {
            assertThat(criterion(report, id).path("status").asText()).isEqualTo("error");
            assertThat(criterion(report, id).path("summary").asText()).contains("failed before it ran: GET http://127.0.0.1:9403/get_orchestrator answered HTTP 500");
        }
        assertThat(report.path("verdict").asText()).isEqualTo("error");
        assertThat(report.path("exit_code").asInt()).isEqualTo(2);
        assertThat(exitCode).as("the run's exit code, read from the launcher session").isEqualTo(2);
    }

    @Test
    void failedErrorAndNotRunAreToldApartInOneLine(@TempDir Path project) throws Exception {
        JsonNode report = run(ListenerFixturePhases.MixedPhase.class, project);
        assertThat(criterion(report, "AC-05").path("status").asText()).isEqualTo("failed");
        assertThat(criterion(report, "AC-05").path("summary").asText()).isEqualTo("reset 1 answered HTTP 500");
        assertThat(criterion(report, "AC-05").path("evidence").toString()).contains("expected: 200").contains("but was: 500");
        assertThat(criterion(report, "AC-02").path("status").asText()).isEqualTo("error");
        assertThat(criterion(report, "AC-02").path("summary").asText()).isEqualTo("could not be evaluated: docker client closed");
        assertThat(criterion(report, "AC-03").path("status").asText()).isEqualTo("not_run");
        assertThat(criterion(report, "AC-03").path("summary").asText()).isEqualTo("not run: a 20 s soak cannot prove it");
        assertThat(criterion(report, "AC-04").path("status").asText()).isEqualTo("passed");
        assertThat(report.path("verdict").asText()).isEqualTo("error");
    }
}
