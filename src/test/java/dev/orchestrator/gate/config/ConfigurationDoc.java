package dev.orchestrator.gate.config;

import java.util.Map;

/**
 * {@code docs/configuration.md}, rendered from the keys the gate defines ({@link GateConfig#KEYS}): the table cannot
 * drift from the code, because {@code ConfigurationDocTest} fails when the file differs from this rendering.
 */
public final class ConfigurationDoc {

    /** Where the page lives, relative to the project folder. */
    public static final String FILE = "docs/configuration.md";
    /** The command that writes the page anew (the test names it when the page is stale). */
    public static final String REGENERATE = "mvn -q test -Dtest=ConfigurationDocTest -Ddocs.regenerate=true";

    private ConfigurationDoc() {
    }

    public static String render() {
        StringBuilder md = new StringBuilder("""
                # Configuration keys

                <!-- generated from GateConfig.KEYS by ConfigurationDocTest; do not edit: %s -->

                Every key can be given as `-Dkey=value` (after `bash fixtures/run-gate.sh` or plain `mvn verify`), as an
                environment variable (`acceptance.soak.seconds` -> `ACCEPTANCE_SOAK_SECONDS`) or in `acceptance.properties` at
                the project root, in that order of precedence. Secrets never go into `-D` properties (Failsafe writes those into
                its XML): they stay in the environment or an env file, and are masked by value in everything the gate writes.
                A bad value stops the run with one line naming the key (exit 2).

                | key | default | meaning |
                |---|---|---|
                """.formatted(REGENERATE));
        for (Map.Entry<String, GateConfig.Key> e : GateConfig.KEYS.entrySet()) {
            String value = e.getValue().defaultValue();
            md.append("| `").append(e.getKey()).append("` | ").append(value.isEmpty() ? "(unset)" : "`" + value + "`").append(" | ")
                    .append(e.getValue().description().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }
}
