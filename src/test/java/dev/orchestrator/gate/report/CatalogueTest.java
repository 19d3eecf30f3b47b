package dev.orchestrator.gate.report;

import dev.orchestrator.gate.config.GateConfigException;
import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue's selection and prerequisite rules, and the one-line failure summaries. */
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
    void anUnknownCriterionIsRefusedNamingTheRange() {
        assertThatThrownBy(() -> Criterion.selection("AC-06,AC-99")).isInstanceOf(GateConfigException.class)
                .hasMessageContaining("unknown criterion 'AC-99' (AC-01..AC-15)");
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
