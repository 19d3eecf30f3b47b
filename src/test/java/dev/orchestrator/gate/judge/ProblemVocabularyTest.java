package dev.orchestrator.gate.judge;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.catalogue.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A check may raise only the problem codes its criterion's vocabulary lists: anything else is the gate's own fault, never a failure of the service. */
class ProblemVocabularyTest {

    @Test
    void aProblemCodeTheCatalogueDoesNotListForTheCriterionIsTheGatesError() {
        Outcome raised = Outcome.failed(List.of(Problem.of(ProblemCode.RESET_HTTP_STATUS, "POST /api/orchestrator/reset answered HTTP 500"),
                Problem.of(ProblemCode.FORBIDDEN_REQUEST, "the click also sent POST /api/orchestrator/reboot")));
        Outcome judged = Judge.inItsVocabulary(Criterion.AC_11, raised);
        assertThat(judged.status()).isEqualTo(Status.error);
        assertThat(judged.summary()).isEqualTo("could not be evaluated: the check raised a problem code the catalogue does not list for AC-11:"
                + " forbidden-request (the click also sent POST /api/orchestrator/reboot)");
        assertThat(Judge.inItsVocabulary(Criterion.AC_16, raised)).as("AC-16 lists both").isSameAs(raised);
    }

    @Test
    void theCommonCodesOfAFailureThrownDeepInsideAnyCheckAreEveryCriterionsOwn() {
        for (Criterion c : Criterion.values()) {
            assertThat(c.problemCodes()).as(c.id()).containsAll(ProblemCode.COMMON);
        }
        Outcome unreachable = Outcome.failed(Problem.of(ProblemCode.UNREACHABLE, "GET http://127.0.0.1:9403/health: Connection refused"));
        assertThat(Judge.inItsVocabulary(Criterion.AC_08, unreachable).status()).isEqualTo(Status.failed);
    }
}
