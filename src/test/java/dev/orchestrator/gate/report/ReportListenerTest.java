package dev.orchestrator.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** The verdict is computed over the catalogue, never over whatever the JUnit plan held. */
class ReportListenerTest {

    /** Two criteria as a plan holds them; neither asks the gate (its turn never comes), as when JUnit stops short. */
    static class TwoCriteria {
        @Test
        @Tag("AC-05")
        void ac05() {
        }

        @Test
        @Tag("AC-14")
        void ac14() {
        }
    }

    private static JsonNode run(Path project, String criteria, String filterName, String... excludedTags) throws Exception {
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (LauncherSession session = LauncherFactory.openSession()) {
            var builder = request().selectors(selectClass(TwoCriteria.class)).configurationParameters(Map.of("acceptance.project.dir", project.toString(),
                    "acceptance.report.dir", "reports", "acceptance.criteria", criteria, "acceptance.strict", "false", ReportListener.PLAN_FILTER, filterName));
            if (excludedTags.length > 0) {
                builder.filters(TagFilter.excludeTags(excludedTags));
            }
            session.getLauncher().execute(builder.build());
            assertThat(ReportSession.record(session).orElseThrow().exitCodeOfTheRun()).isEqualTo(2);
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
    void aSelectedCriterionThePlanLeftOutIsAnErrorNamingTheFilter(@TempDir Path project) throws Exception {
        JsonNode report = run(project, "AC-05,AC-14", "--exclude-tag AC-14", "AC-14");
        assertThat(criterion(report, "AC-14").path("status").asText()).isEqualTo("error");
        assertThat(criterion(report, "AC-14").path("summary").asText())
                .isEqualTo("could not be evaluated: not in the test plan: excluded by --exclude-tag AC-14; restrict a run with acceptance.criteria");
        assertThat(report.path("criteria")).as("every criterion of the catalogue is in the report").hasSize(Criterion.values().length);
        assertThat(report.path("verdict").asText()).isEqualTo("error");
        assertThat(report.path("exit_code").asInt()).isEqualTo(2);
    }

    @Test
    void aPlannedCriterionWhoseTurnNeverCameIsAnErrorAndTheUnselectedAreSaid(@TempDir Path project) throws Exception {
        JsonNode report = run(project, "AC-05", "");
        assertThat(criterion(report, "AC-05").path("summary").asText())
                .isEqualTo("could not be evaluated: selected, but the test plan ended without running it");
        assertThat(criterion(report, "AC-14").path("status").asText()).isEqualTo("not_run");
        assertThat(criterion(report, "AC-14").path("summary").asText()).isEqualTo("not run: not selected");
    }
}
