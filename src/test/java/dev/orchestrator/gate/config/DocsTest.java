package dev.orchestrator.gate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.report.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The README stays a newcomer's five minutes, its links and the docs' links lead somewhere, and docs/criteria.md names real defects. */
class DocsTest {

    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));
    /** README.md at most this long: what the gate is, two commands, your stack, the report, waivers, CI, links. */
    private static final int README_LINES = 150;
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern CRITERION_ROW = Pattern.compile("(?m)^\\| (AC-\\d\\d) \\|.*\\| ([^|]*) \\|$");
    private static final Pattern DEFECT = Pattern.compile("`([a-z0-9-]+)`");

    /** The pages a user reads: the README and docs/*.md. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(PROJECT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        return pages;
    }

    @Test
    void theReadmeIsShort() throws Exception {
        assertThat(Files.readAllLines(PROJECT.resolve("README.md"))).as("README.md lines (depth lives in docs/)").hasSizeLessThanOrEqualTo(README_LINES);
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsLeadsToAFile() throws Exception {
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (!target.contains("://")) {
                    assertThat(page.getParent().resolve(target)).as("link %s in %s", target, PROJECT.relativize(page)).exists();
                }
            }
        }
    }

    @Test
    void theCriteriaPageNamesForEachCriterionDefectsThatFailIt() throws Exception {
        JsonNode defects = new ObjectMapper().readTree(PROJECT.resolve("fixtures/faults/defects.json").toFile()).path("defects");
        Matcher row = CRITERION_ROW.matcher(Files.readString(PROJECT.resolve("docs/criteria.md")));
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            String id = row.group(1);
            rows.add(id);
            Matcher named = DEFECT.matcher(row.group(2));
            int count = 0;
            while (named.find()) {
                count++;
                String defect = named.group(1);
                JsonNode expect = Stream.of(defects).flatMap(d -> StreamSupport.stream(d.spliterator(), false))
                        .filter(d -> d.path("id").asText().equals(defect)).findFirst().map(d -> d.path("expect").path(id)).orElse(null);
                assertThat(expect).as("docs/criteria.md names defect %s for %s: it is in defects.json", defect, id).isNotNull();
                assertThat(expect.isTextual() || expect.path("status").asText().equals("failed")).as("defect %s fails %s", defect, id).isTrue();
            }
            assertThat(count).as("defects named for %s", id).isPositive();
        }
        assertThat(rows).as("one row per criterion of the catalogue")
                .containsExactlyElementsOf(Arrays.stream(Criterion.values()).map(Criterion::id).toList());
    }

    @Test
    void theReadmeAndTheDocsReferNothingOutsideTheRepository() throws Exception {
        for (Path page : pages()) {
            assertThat(Files.readString(page)).as("%s points outside the repository", PROJECT.relativize(page))
                    .doesNotContain("shared/docs").doesNotContain("shared/seed").doesNotContain("](../");
        }
    }

    @Test
    void theReadmeDefinesEveryVerdictWordWithItsExitCode() throws Exception {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        for (Verdict v : Verdict.values()) {
            assertThat(readme).as("README.md defines the verdict %s and its exit code", v)
                    .containsPattern("(?m)^\\| `" + v.word() + "` \\| " + v.exitCode() + " \\| ");
        }
    }
}
