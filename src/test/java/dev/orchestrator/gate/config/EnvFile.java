package dev.orchestrator.gate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A KEY=VALUE file as compose and shells read it (comments, {@code export}, quotes): the compose env file, the scripts' env file. */
public final class EnvFile {

    private EnvFile() {
    }

    public static Map<String, String> read(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.strip().startsWith("#")) {
                    env.put(line.substring(0, eq).replaceFirst("^\\s*export\\s+", "").strip(), line.substring(eq + 1).strip().replaceAll("^[\"']|[\"']$", ""));
                }
            }
        } catch (IOException e) {
            throw new GateConfigException(file.toString(), "cannot read " + file + ": " + e.getMessage());
        }
        return env;
    }
}
