package dev.orchestrator.gate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline examples in ci/ stay true: the commands they run are the README's (and exist), the artifact paths
 * they keep are what the gate writes, and the Coolify step deploys with POST and a Bearer token from a secret.
 */
class CiExamplesTest {

    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PROJECT_COMMAND = Pattern.compile("bash ((?:fixtures|ci)/[\\w./-]+\\.sh)");

    private static List<String> commands(JsonNode node) {
        List<String> commands = new ArrayList<>();
        node.findValues("run").forEach(r -> commands.add(r.asText()));
        node.findValues("script").forEach(s -> s.forEach(line -> commands.add(line.asText())));
        return commands;
    }

    private static void theCommandsExistAndAreTheReadmes(List<String> commands) throws Exception {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        assertThat(commands).isNotEmpty();
        for (String command : commands) {
            Matcher m = PROJECT_COMMAND.matcher(command);
            assertThat(m.find()).as("'%s' runs one of the project's scripts", command).isTrue();
            assertThat(PROJECT.resolve(m.group(1))).as("the script '%s' runs", command).isRegularFile();
            assertThat(readme).as("the README names the command of '%s'", command).contains("bash " + m.group(1));
        }
    }

    @Test
    void theGitHubWorkflowRunsTheFirstReadmeCommandAndKeepsTheReport() throws Exception {
        JsonNode workflow = YAML.readTree(PROJECT.resolve("ci/github-actions.yml").toFile());
        theCommandsExistAndAreTheReadmes(commands(workflow));
        assertThat(commands(workflow)).contains("bash fixtures/run-gate.sh");
        assertThat(workflow.findValues("path").stream().map(JsonNode::asText)).contains("reports/latest/");
    }

    @Test
    void theGitLabJobRunsTheFirstReadmeCommandAndFeedsItsJUnitView() throws Exception {
        JsonNode pipeline = YAML.readTree(PROJECT.resolve("ci/gitlab-ci.yml").toFile());
        theCommandsExistAndAreTheReadmes(commands(pipeline));
        JsonNode gate = pipeline.path("release-gate");
        assertThat(gate.path("script").get(0).asText()).isEqualTo("bash fixtures/run-gate.sh");
        assertThat(gate.path("artifacts").path("reports").path("junit").asText()).as("the gate's own JUnit XML").isEqualTo("reports/latest/junit.xml");
        assertThat(gate.path("artifacts").path("when").asText()).as("kept for a failing gate too").isEqualTo("always");
    }

    @Test
    void theCoolifyStepDeploysWithPostAndABearerTokenThenRunsTheLiveGate() throws Exception {
        Path script = PROJECT.resolve("ci/coolify-deploy.sh");
        String text = Files.readString(script);
        assertThat(text).contains("-X POST").contains("/api/v1/deploy?uuid=$COOLIFY_APP_UUID").contains("Authorization: Bearer $COOLIFY_TOKEN")
                .contains("/api/v1/deployments/$deployment").contains("for _ in $(seq 1 120)")
                .contains("exec bash fixtures/run-gate.sh -Dacceptance.mode=live");
        assertThat(text).as("the token is never printed").doesNotContainPattern("echo[^\\n]*COOLIFY_TOKEN");
        var syntax = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(syntax.waitFor()).as("bash -n %s", script).isZero();
    }
}
