package dev.orchestrator.gate.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md is what the gate defines, key by key; {@code -Ddocs.regenerate=true} writes it anew. */
class ConfigurationDocTest {

    private static final Path PAGE = Path.of(System.getProperty("user.dir")).resolve(ConfigurationDoc.FILE);

    @Test
    void thePageListsExactlyTheKeysTheGateDefines() throws Exception {
        String rendered = ConfigurationDoc.render();
        if (Boolean.getBoolean("docs.regenerate")) {
            Files.writeString(PAGE, rendered);
        }
        assertThat(Files.exists(PAGE) ? Files.readString(PAGE) : "")
                .as("%s differs from the keys the gate defines (GateConfig.KEYS); write it anew with: %s", ConfigurationDoc.FILE, ConfigurationDoc.REGENERATE)
                .isEqualTo(rendered);
        GateConfig.KEYS.forEach((key, value) -> assertThat(rendered).contains("| `" + key + "` | "));
    }
}
