package dev.orchestrator.gate.acceptance;

import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit adapter follows the catalogue: one test per criterion, tagged and named by its id. */
class ReleaseGateITTest {

    @Test
    void eachCriterionHasExactlyOneTestInTheAdapterTaggedAndNamedByItsId() {
        for (Criterion c : Criterion.values()) {
            List<Method> tagged = Arrays.stream(ReleaseGateIT.class.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Test.class) && m.isAnnotationPresent(Tag.class) && m.getAnnotation(Tag.class).value().equals(c.id()))
                    .toList();
            assertThat(tagged).as("tests tagged %s in the adapter", c.id()).hasSize(1);
            assertThat(tagged.get(0).getAnnotation(DisplayName.class).value()).as("display name of %s", c.id()).isEqualTo(c.id() + " " + c.slug());
        }
        assertThat(Arrays.stream(ReleaseGateIT.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class))).hasSize(Criterion.values().length);
    }
}
