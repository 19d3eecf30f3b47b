package dev.orchestrator.gate.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a plain `docker compose up` from the operator's folder names its project (compose's own normalisation). */
class ScriptCreationsTest {

    @Test
    void theProjectOfAFolderIsItsNameLowerCasedWithoutOddCharacters() {
        assertThat(ScriptCreations.projectOfFolder(Path.of("/opt/ozean-licht-ecosystem/apps/orchestrator_3_stream"))).isEqualTo("orchestrator_3_stream");
        assertThat(ScriptCreations.projectOfFolder(Path.of("/work/fixtures/stack"))).isEqualTo("stack");
        assertThat(ScriptCreations.projectOfFolder(Path.of("/srv/My.App"))).isEqualTo("myapp");
    }
}
