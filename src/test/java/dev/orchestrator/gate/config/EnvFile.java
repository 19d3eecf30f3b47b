package dev.orchestrator.gate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.process.Folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A KEY=VALUE file (the compose env file, the scripts' env file) read as docker compose reads it, by asking compose
 * itself: inline comments, quotes, escapes, multi-line values, {@code export}, {@code ${VAR}} references. The values
 * are what compose interpolates, so the secret masker registers what really appears, never "secret # comment".
 */
public final class EnvFile {

    /** A line that sets a variable: its name (continuation lines of a multi-line value do not start like this). */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=");
    private static final Duration COMPOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final String PROBE = "env-file-probe";

    private EnvFile() {
    }

    public static Map<String, String> read(Path file) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Matcher m = ASSIGNMENT.matcher(Files.readString(file));
            while (m.find()) {
                names.add(m.group(1));
            }
        } catch (IOException e) {
            throw new GateConfigException(file.toString(), "cannot read " + file + ": " + e.getMessage());
        }
        return names.isEmpty() ? Map.of() : resolvedByCompose(file, names);
    }

    /** The values compose gives {@code names} from {@code file} alone (the gate's own environment does not take part). */
    private static Map<String, String> resolvedByCompose(Path file, Set<String> names) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ogate-envfile-");
            Map<String, String> environment = new LinkedHashMap<>();
            names.forEach(n -> environment.put(n, "${" + n + "}"));
            Path compose = dir.resolve("compose.yml");
            new ObjectMapper(new YAMLFactory())
                    .writeValue(compose.toFile(), Map.of("services", Map.of(PROBE, Map.of("image", "scratch", "environment", environment))));
            Map<String, String> shell = new LinkedHashMap<>();
            Optional.ofNullable(System.getenv("PATH")).ifPresent(v -> shell.put("PATH", v));
            Optional.ofNullable(System.getenv("HOME")).ifPresent(v -> shell.put("HOME", v));
            CommandResult config = Commands.runWithExactly(COMPOSE_TIMEOUT, List.of("docker", "compose", "-p", "ogate-envfile", "-f", compose.toString(),
                    "--env-file", file.toAbsolutePath().toString(), "config", "--format", "json"), shell, dir);
            if (!config.ok()) {
                throw new GateConfigException(file.toString(), "docker compose cannot read the env file " + file + ": " + config.tail(1).strip());
            }
            JsonNode env = new ObjectMapper().readTree(config.stdout()).path("services").path(PROBE).path("environment");
            Map<String, String> values = new LinkedHashMap<>();
            // compose's config escapes a literal $ as $$
            names.forEach(n -> values.put(n, env.path(n).asText("").replace("$$", "$")));
            return values;
        } catch (IOException e) {
            throw new GateConfigException(file.toString(), "cannot read " + file + " as compose reads it: " + e.getMessage());
        } finally {
            if (dir != null) {
                try {
                    Folders.deleteTree(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the temporary folder " + dir, e);
                }
            }
        }
    }
}
