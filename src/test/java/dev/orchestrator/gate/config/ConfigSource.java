package dev.orchestrator.gate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/** Where a configuration key's value comes from: JUnit parameters / -D, then environment, then a properties file. */
public final class ConfigSource {

    private final Function<String, Optional<String>> parameters;
    private final Properties file = new Properties();

    public ConfigSource(Function<String, Optional<String>> parameters, Path propertiesFile) {
        this.parameters = parameters;
        if (propertiesFile != null && Files.isRegularFile(propertiesFile)) {
            try (Reader reader = Files.newBufferedReader(propertiesFile)) {
                file.load(reader);
            } catch (IOException e) {
                throw new GateConfigException("acceptance.config.file", "cannot read " + propertiesFile + ": " + e.getMessage());
            }
        }
    }

    /** The value of {@code key} (e.g. acceptance.soak.seconds, env ACCEPTANCE_SOAK_SECONDS), blank counts as unset. */
    public Optional<String> get(String key) {
        return parameters.apply(key)
                .or(() -> Optional.ofNullable(System.getenv(envName(key))))
                .or(() -> Optional.ofNullable(file.getProperty(key)))
                .map(String::trim)
                .filter(v -> !v.isEmpty());
    }

    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }
}
