package dev.orchestrator.gate.config;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** An env file read as compose reads it, one form per line; the masker then registers the value compose uses, not the line's text. */
class EnvFileTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void composeIsHere() throws Exception {
        Process p = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        assumeThat(done && p.exitValue() == 0).as("docker compose (installed by the first README command)").isTrue();
    }

    @Test
    void everyFormIsReadAsComposeInterpolatesIt() throws Exception {
        Path file = dir.resolve("app.env");
        Files.writeString(file, String.join("\n",
                "# a comment line",
                "export PLAIN=plain",
                "INLINE_PASSWORD=s3cret # the comment is not part of the value",
                "QUOTED=\"quoted # not a comment\"",
                "SINGLE='single $NOT_EXPANDED'",
                "MULTI=\"first",
                "second\"",
                "ESCAPED=\"say \\\"hi\\\"\\n\"",
                "REF=${PLAIN}-ref",
                "EMPTY=",
                ""));
        Map<String, String> env = EnvFile.read(file);
        assertThat(env).containsExactly(
                Map.entry("PLAIN", "plain"),
                Map.entry("INLINE_PASSWORD", "s3cret"),
                Map.entry("QUOTED", "quoted # not a comment"),
                Map.entry("SINGLE", "single $NOT_EXPANDED"),
                Map.entry("MULTI", "first\nsecond"),
                Map.entry("ESCAPED", "say \"hi\"\n"),
                Map.entry("REF", "plain-ref"),
                Map.entry("EMPTY", ""));
        SecretMasker masker = new SecretMasker();
        masker.addFromEnvironment(env);
        assertThat(masker.mask("connect with s3cret")).as("the value compose uses is masked where it appears alone").doesNotContain("s3cret");
    }
}
