package dev.orchestrator.gate.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every setting of the gate with its default for the bundled stack. Keys are listed in
 * {@link #KEYS} (printed by the README's key table); secrets are never read from here but from the
 * environment or the env file.
 */
public final class GateConfig {

    /** key -> default ("" = unset) and a one-line description; the README table is generated from this. */
    public static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    static {
        key("acceptance.mode", "stack", "stack: bring up the compose stack; live: verify an already deployed instance");
        key("acceptance.compose.files", "fixtures/stack/docker-compose.yml", "compose files, comma-separated, in override order");
        key("acceptance.compose.project-dir", "", "compose --project-directory (default: folder of the first file)");
        key("acceptance.compose.env-file", "", "compose --env-file (secrets live here or in the environment)");
        key("acceptance.compose.profiles", "", "compose profiles, comma-separated");
        key("acceptance.service", "orchestrator", "the compose service under test");
        key("acceptance.container-name-pattern", "orchestrator", "regex: containers whose name matches belong to the service (pre-flight, AC-12)");
        key("acceptance.port", "", "host port of the service (default: the service's published port, 9403)");
        key("acceptance.base-url", "", "base URL of the service (default http://127.0.0.1:<port>)");
        key("acceptance.edge-url", "http://127.0.0.1:9480", "base URL through the edge proxy; 'none' when there is no proxy");
        key("acceptance.edge.idle-timeout", "100", "seconds after which the proxy cuts an idle WebSocket (for the picture and AC-10)");
        key("acceptance.health.path", "/health", "health endpoint");
        key("acceptance.health.budget", "", "seconds to reach healthy (default: the healthcheck's start_period)");
        key("acceptance.ws.path", "/ws", "WebSocket endpoint");
        key("acceptance.reset.path", "/api/orchestrator/reset", "reset endpoint");
        key("acceptance.reset.budget-ms", "1000", "slowest of 5 resets must answer within this");
        key("acceptance.reboot.path", "/api/orchestrator/reboot", "deprecated reboot endpoint (AC-15)");
        key("acceptance.reboot-endpoint.watch", "15", "seconds AC-15 watches the backend after the deprecated endpoint (at least 15)");
        key("acceptance.soak.seconds", "120", "WebSocket soak length (AC-09 is not run when it cannot outlast the proxy's idle limit and twice the keepalive gap)");
        key("acceptance.keepalive.interval", "30", "expected keepalive interval in seconds (max gap allowed: 1.5x)");
        key("acceptance.long-operation.message", "/sleep 110", "chat message that starts an operation longer than the proxy idle limit; 'none' to skip AC-10");
        key("acceptance.long-operation.expect", "slept", "text the long operation's final answer contains");
        key("acceptance.chat.message", "Hello from the release gate", "chat message for AC-13; 'none' to skip");
        key("acceptance.cleanup.script", "fixtures/scripts/cleanup-before-deploy.sh", "operator cleanup script (AC-02)");
        key("acceptance.cleanup.timeout", "60", "seconds the cleanup script may take");
        key("acceptance.reboot.script", "fixtures/scripts/reboot-orchestrator.sh", "operator reboot script (AC-14); 'none' when there is none");
        key("acceptance.reboot.timeout", "120", "seconds the reboot script may take");
        key("acceptance.planted-image", "orchestrator-gate-base:bookworm-1", "local image for the containers the port scenario plants (never pulled)");
        key("acceptance.criteria", "", "run only these criteria (comma-separated ids); the verdict is then at best partial");
        key("acceptance.strict", "false", "advisory failures block too");
        key("acceptance.force", "false", "skip the pre-flight refusal (never on a production host)");
        key("acceptance.live.allow-reset", "false", "live mode: allow reset (AC-11/12) against the live instance");
        key("acceptance.report.dir", "reports", "where reports are written (<dir>/latest and timestamped runs)");
    }

    private static void key(String key, String defaultValue, String description) {
        KEYS.put(key, new String[] {defaultValue, description});
    }

    private final ConfigSource source;
    private final Path projectDir;

    public GateConfig(ConfigSource source, Path projectDir) {
        this.source = source;
        this.projectDir = projectDir;
    }

    /**
     * The one way every part of the gate reads its settings: JUnit parameters / -D, then the
     * environment, then acceptance.properties in the project folder (the README's order).
     */
    public static GateConfig from(java.util.function.Function<String, Optional<String>> parameters) {
        Path projectDir = Path.of(parameters.apply("acceptance.project.dir")
                .orElse(System.getProperty("acceptance.project.dir", "."))).toAbsolutePath().normalize();
        return new GateConfig(new ConfigSource(parameters, projectDir.resolve("acceptance.properties")), projectDir);
    }

    /** Where reports are written (acceptance.report.dir, relative to the project folder). */
    public Path reportDir() {
        return projectDir.resolve(string("acceptance.report.dir")).normalize();
    }

    public boolean strict() {
        return flag("acceptance.strict");
    }

    public String string(String key) {
        return source.get(key).orElse(KEYS.containsKey(key) ? KEYS.get(key)[0] : "");
    }

    public Optional<String> optional(String key) {
        String value = string(key);
        return value.isEmpty() || value.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(value);
    }

    public int integer(String key) {
        String value = string(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new GateConfigException(key, key + "='" + value + "' is not a whole number");
        }
    }

    public Duration seconds(String key) {
        int value = integer(key);
        if (value <= 0) {
            throw new GateConfigException(key, key + " must be positive, got " + value);
        }
        return Duration.ofSeconds(value);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(string(key));
    }

    public boolean live() {
        String mode = string("acceptance.mode");
        if (!mode.equals("stack") && !mode.equals("live")) {
            throw new GateConfigException("acceptance.mode", "acceptance.mode must be 'stack' or 'live', got '" + mode + "'");
        }
        return mode.equals("live");
    }

    public Path projectDir() {
        return projectDir;
    }

    /** A path key resolved against the project folder; the file must exist. */
    public Path existingFile(String key, String value) {
        Path path = projectDir.resolve(value).normalize();
        if (!Files.isRegularFile(path)) {
            throw new GateConfigException(key, key + ": no such file " + path);
        }
        return path;
    }

    public List<Path> composeFiles() {
        return Arrays.stream(string("acceptance.compose.files").split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(f -> existingFile("acceptance.compose.files", f))
                .toList();
    }

    public Optional<Path> script(String key) {
        return optional(key).map(v -> {
            Path path = existingFile(key, v);
            if (!Files.isExecutable(path)) {
                throw new GateConfigException(key, key + ": " + path + " is not executable (chmod +x)");
            }
            return path;
        });
    }

    public Pattern containerNamePattern() {
        String key = "acceptance.container-name-pattern";
        try {
            return Pattern.compile(string(key));
        } catch (PatternSyntaxException e) {
            throw new GateConfigException(key, key + " is not a valid regular expression: " + e.getDescription());
        }
    }

    public Optional<URI> url(String key) {
        return optional(key).map(v -> {
            URI uri = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null) {
                throw new GateConfigException(key, key + "='" + v + "' is not an http(s) URL");
            }
            return uri;
        });
    }
}
