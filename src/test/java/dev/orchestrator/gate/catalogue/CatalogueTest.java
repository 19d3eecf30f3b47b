package dev.orchestrator.gate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.config.GateConfigException;
import dev.orchestrator.gate.failure.FailureSummary;
import dev.orchestrator.gate.report.ReportWriter;
import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue in one place: what follows from it (tests, tags, schema, selection), and the one-line failure summaries. */
class CatalogueTest {

    @Test
    void aSelectionBringsItsPrerequisitesTransitively() {
        assertThat(Criterion.selection("AC-11")).containsExactly("AC-05", "AC-06", "AC-11");
        assertThat(Criterion.selection("AC-09")).containsExactly("AC-05", "AC-06", "AC-08", "AC-09");
        // AC-12 is judged after failed resets too: it needs the service up, not AC-11 passed
        assertThat(Criterion.selection("AC-12")).containsExactly("AC-05", "AC-06", "AC-12");
        assertThat(Criterion.selection(" ")).hasSize(Criterion.values().length);
        assertThat(Criterion.withPrerequisites(Set.of("AC-01"))).containsExactly("AC-01");
    }

    @Test
    void theRunOrderHoldsEveryCriterionOnceAndFollowsThePhases() {
        assertThat(Criterion.RUN_ORDER).containsExactlyInAnyOrder(Criterion.values());
        for (int i = 1; i < Criterion.RUN_ORDER.size(); i++) {
            assertThat(Criterion.RUN_ORDER.get(i).phase()).as("phase of %s after %s", Criterion.RUN_ORDER.get(i), Criterion.RUN_ORDER.get(i - 1))
                    .isGreaterThanOrEqualTo(Criterion.RUN_ORDER.get(i - 1).phase());
        }
        for (Criterion c : Criterion.values()) {
            for (String needed : c.requires()) {
                assertThat(Criterion.byId(needed).orElseThrow().step()).as("%s needs %s, judged before it", c.id(), needed).isLessThan(c.step());
            }
            for (String before : c.after()) {
                assertThat(Criterion.byId(before).orElseThrow().step()).as("%s comes after %s", c.id(), before).isLessThan(c.step());
            }
        }
    }

    @Test
    void thePublishedSchemaAcceptsExactlyTheCataloguesIds() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(getClass().getClassLoader().getResource(ReportWriter.SCHEMA));
        Pattern ids = Pattern.compile(schema.path("$defs").path("criterion").path("properties").path("id").path("pattern").asText());
        for (Criterion c : Criterion.values()) {
            assertThat(ids.matcher(c.id()).matches()).as("schema accepts %s", c.id()).isTrue();
        }
        int next = Criterion.values().length + 1;
        assertThat(ids.matcher(String.format("AC-%02d", next)).matches()).as("schema refuses AC-%02d, not in the catalogue", next).isFalse();
        assertThat(ids.matcher("AC-00").matches()).isFalse();
    }

    @Test
    void thePublishedSchemaListsEveryCodeEachCriterionCanRaiseAndNoOther() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(getClass().getClassLoader().getResource(ReportWriter.SCHEMA));
        JsonNode byCriterion = schema.path("$defs").path("criterion").path("allOf");
        for (Criterion c : Criterion.values()) {
            JsonNode rule = null;
            for (JsonNode r : byCriterion) {
                if (r.path("if").path("properties").path("id").path("const").asText().equals(c.id())) {
                    rule = r;
                }
            }
            assertThat(rule).as("the schema's rule for %s's problem codes", c.id()).isNotNull();
            List<String> codes = new ArrayList<>();
            rule.path("then").path("properties").path("problems").path("items").path("properties").path("code").path("enum")
                    .forEach(n -> codes.add(n.asText()));
            assertThat(codes).as("%s's codes in the schema", c.id()).containsExactlyElementsOf(c.problemCodes().stream().map(ProblemCode::code).toList());
        }
    }

    @Test
    void everyCodeOfTheVocabularyBelongsToSomeCriterionAndIsKebabCase() {
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(code.code()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(Arrays.stream(Criterion.values()).anyMatch(c -> c.problemCodes().contains(code))).as("some criterion raises %s", code).isTrue();
        }
    }

    @Test
    void anUnknownCriterionIsRefusedNamingTheRange() {
        assertThatThrownBy(() -> Criterion.selection("AC-06,AC-99")).isInstanceOf(GateConfigException.class)
                .hasMessageContaining("unknown criterion 'AC-99' (AC-01..AC-20)");
    }

    @Test
    void summariesAreTheChecksOwnDescriptionsCountedOnce() {
        AssertionError a = new AssertionError("[reset 1 answered HTTP 500] \nexpected: 200\n but was: 500");
        MultipleFailuresError many = new MultipleFailuresError("", List.of(a, a, new AssertionError("slowest of 5 resets took 1500 ms, budget 1000 ms")));
        assertThat(FailureSummary.summarize(many)).isEqualTo("reset 1 answered HTTP 500 (x2); slowest of 5 resets took 1500 ms, budget 1000 ms");
        assertThat(FailureSummary.details(many)).contains("but was: 500");
        assertThat(FailureSummary.summarize(new AssertionError("orchestrator_3_stream did not turn healthy\nlast log lines:\nboom")))
                .isEqualTo("orchestrator_3_stream did not turn healthy");
    }
}
