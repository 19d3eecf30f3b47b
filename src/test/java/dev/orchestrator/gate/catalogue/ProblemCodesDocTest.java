package dev.orchestrator.gate.catalogue;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/criteria.md lists every problem code each criterion can raise, as the catalogue defines them; {@code -Ddocs.regenerate=true} writes it anew. */
class ProblemCodesDocTest {

    private static final Path PAGE = Path.of(System.getProperty("user.dir")).resolve(ProblemCodesDoc.FILE);

    @Test
    void theCriteriaPageListsEveryCodeOfEveryCriterion() throws Exception {
        String page = Files.readString(PAGE);
        int from = page.indexOf(ProblemCodesDoc.BEGIN);
        int to = page.indexOf(ProblemCodesDoc.END);
        assertThat(from).as("%s has the problem codes section (%s)", ProblemCodesDoc.FILE, ProblemCodesDoc.BEGIN).isNotNegative();
        String rendered = ProblemCodesDoc.render();
        String section = page.substring(from, to + ProblemCodesDoc.END.length());
        if (Boolean.getBoolean("docs.regenerate")) {
            Files.writeString(PAGE, page.replace(section, rendered));
            section = rendered;
        }
        assertThat(section).as("the problem codes in %s differ from the catalogue's", ProblemCodesDoc.FILE).isEqualTo(rendered);
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(section).contains("| `" + code.code() + "` | ");
        }
    }
}
