package dev.orchestrator.gate.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A killed run's Coolify workdir (with its .env) is deleted at the next start, a live run's and a browser profile never. */
class RunResourcesTest {

    @Test
    void foldersOfEndedStackRunsAreDeletedAndNothingElse(@TempDir Path tmp) throws Exception {
        Path ended = Files.createDirectory(tmp.resolve("ogate-20000101000000abcd-coolify-app"));
        Files.writeString(ended.resolve(".env"), "SECRET=x\n");
        Path live = Files.createDirectory(tmp.resolve("ogate-20000101000001abcd-coolify-app"));
        Path browser = Files.createDirectory(tmp.resolve("ogate-20000101000000abcd-browser"));
        List<String> deleted = RunResources.removeFoldersOfEndedRuns(tmp, Set.of("20000101000001abcd"));
        assertThat(deleted).containsExactly(ended.toString());
        assertThat(ended).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(browser).as("a browser profile may be a live-mode run's, which holds no lock").isDirectory();
    }
}
