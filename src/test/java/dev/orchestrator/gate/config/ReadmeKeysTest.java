package dev.orchestrator.gate.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's key table stays true: every key with its default. */
class ReadmeKeysTest {

    @Test
    void everyKeyAndDefaultIsListed() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir"), "README.md"));
        GateConfig.KEYS.forEach((key, value) -> {
            String defaultCell = value.defaultValue().isEmpty() ? "(unset)" : "`" + value.defaultValue() + "`";
            assertThat(readme).as("README row for %s", key).contains("| `" + key + "` | " + defaultCell + " |");
        });
    }
}
