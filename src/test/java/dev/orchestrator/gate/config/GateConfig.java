package dev.orchestrator.gate.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every setting of the gate with its default for the bundled stack. Keys are listed in
 * {@link #KEYS} (printed by the README's key table); secrets are never read from here but from the
 * environment or the env file.
 */
public final class GateConfig {

    /** A setting: its default ("" = unset) and a one-line description (the README's key table row). */
    public record Key(String defaultValue, String description) {
    }

    /** Every key the gate reads, in README order; immutable. */
    public static final Map<String, Key> KEYS;

    static {
        Map<String, Key> keys = new LinkedHashMap<>();
        keys.put("acceptance.mode", new Key("stack", "stack: bring up the compose stack; live: verify an already deployed instance"));
        keys.put("acceptance.platform", new Key("coolify", "coolify: deploy as Coolify v4 deploys a compose application; compose: plain docker compose up -d"));
        keys.put("acceptance.coolify.container-names",
                new Key("timestamped",
                        "Coolify's container naming: timestamped (its default, <service>-<uuid>-<timestamp>) or consistent (the setting \"consistent "
                                + "container names\": <service>-<uuid>)"));
        keys.put("acceptance.coolify.stop-grace-period",
                new Key("30",
                        "seconds Coolify's deploy gives the app's old containers to stop (the application's \"stop grace period\", "
                                + "deploymentStopGracePeriodSeconds; Coolify's default 30, range 1-3600)"));
        keys.put("acceptance.compose.files", new Key("fixtures/stack/docker-compose.yml", "compose files, comma-separated, in override order"));
        keys.put("acceptance.compose.project-dir", new Key("", "compose --project-directory (default: folder of the first file)"));
        keys.put("acceptance.compose.env-file", new Key("", "compose --env-file (secrets live here or in the environment)"));
        keys.put("acceptance.compose.profiles", new Key("", "compose profiles, comma-separated"));
        keys.put("acceptance.service", new Key("orchestrator", "the compose service under test"));
        keys.put("acceptance.container-name-pattern",
                new Key("",
                        "regex: containers whose name matches count as the service too (default: the service is known by its compose service label, the names "
                                + "its file and the platform give it, and its port; a neighbour merely named like it is not)"));
        keys.put("acceptance.port", new Key("", "host port of the service (default: the service's published port, 9403)"));
        keys.put("acceptance.base-url", new Key("", "base URL of the service (default http://127.0.0.1:<port>)"));
        keys.put("acceptance.edge-url", new Key("http://127.0.0.1:9480", "base URL through the edge proxy; 'none' when there is no proxy"));
        keys.put("acceptance.edge.idle-timeout", new Key("100", "seconds after which the proxy cuts an idle WebSocket (for the picture and AC-10)"));
        keys.put("acceptance.health.path", new Key("/health", "health endpoint"));
        keys.put("acceptance.health.budget", new Key("", "seconds to reach healthy (default: the healthcheck's start_period)"));
        keys.put("acceptance.ws.path", new Key("/ws", "WebSocket endpoint"));
        keys.put("acceptance.reset.path", new Key("/api/orchestrator/reset", "reset endpoint"));
        keys.put("acceptance.outage.reboot-budget",
                new Key("10", "AC-19: seconds users behind the platform's proxy may be without service during the reboot (AC-14)"));
        keys.put("acceptance.outage.redeploy-budget",
                new Key("15", "AC-19: seconds users behind the platform's proxy may be without service during the redeploy (AC-18)"));
        keys.put("acceptance.close.health-window", new Key("5", "AC-20: seconds GET /health must answer 200 without a miss at the close of the run"));
        keys.put("acceptance.reset.budget-ms", new Key("1000", "slowest of 5 resets must answer within this"));
        keys.put("acceptance.reboot.path", new Key("/api/orchestrator/reboot", "deprecated reboot endpoint (AC-15)"));
        keys.put("acceptance.reboot-endpoint.watch",
                new Key("15", "AC-15 watches the backend at least this many seconds after the deprecated endpoint (at least 15)"));
        keys.put("acceptance.reboot-endpoint.watch-max",
                new Key("120", "AC-15 watches until the processes the endpoint started have ended, at most this many seconds"));
        keys.put("acceptance.soak.seconds",
                new Key("120", "WebSocket soak length (AC-09 is not run when it cannot outlast the proxy's idle limit and twice the keepalive gap)"));
        keys.put("acceptance.keepalive.interval", new Key("30", "expected keepalive interval in seconds (max gap allowed: 1.5x)"));
        keys.put("acceptance.long-operation.message",
                new Key("/sleep 110", "chat message that starts an operation longer than the proxy idle limit; 'none' to skip AC-10"));
        keys.put("acceptance.long-operation.expect", new Key("slept", "text the long operation's final answer contains"));
        keys.put("acceptance.chat.message", new Key("Hello from the release gate", "chat message for AC-13; 'none' to skip"));
        keys.put("acceptance.chat.budget", new Key("30", "seconds for AC-13's answer to complete (is_complete: true) on the WebSocket"));
        keys.put("acceptance.browser.chromium",
                new Key("/usr/bin/chromium", "Chromium for the browser criteria (AC-07's render check, AC-16, AC-17); Debian package chromium"));
        keys.put("acceptance.browser.chromedriver",
                new Key("/usr/bin/chromedriver", "its ChromeDriver, same version (Debian package chromium-driver); nothing is downloaded"));
        keys.put("acceptance.ui.ready-selector",
                new Key("[aria-label=\"Reboot orchestrator\"]", "CSS selector of the element that shows the UI has rendered (AC-07)"));
        keys.put("acceptance.ui.reset-selector", new Key("[aria-label=\"Reboot orchestrator\"]", "CSS selector of the header's reboot/reset button (AC-16)"));
        keys.put("acceptance.ui.chat-open-selector",
                new Key(".btn-prompt",
                        "CSS selector of the control that opens the chat input (AC-17; the real header's PROMPT (Cmd+K) button); 'none' when the input is "
                                + "always visible"));
        keys.put("acceptance.ui.chat-input-selector", new Key("textarea", "CSS selector of the chat input (AC-17)"));
        keys.put("acceptance.ui.chat-send-selector", new Key("", "CSS selector of the send button; empty: Enter in the chat input sends"));
        keys.put("acceptance.ui.chat-panel-selector", new Key("body", "CSS selector of the chat panel where the answer must appear (default: the whole page)"));
        keys.put("acceptance.ui.chat-message", new Key("Hello from the release gate's browser", "message typed into the UI for AC-17; 'none' to skip"));
        keys.put("acceptance.ui.strict-origins",
                new Key("false", "AC-07 also fails on blocked third-party static assets (web fonts, CDN images), not only on API calls to another origin"));
        keys.put("acceptance.ui.read-paths",
                new Key("/load_chat",
                        "paths the page reads with a POST while it re-initialises after the reset (AC-16 lists them, never fails on them), comma-separated"));
        keys.put("acceptance.ui.forbidden-paths",
                new Key("", "paths the reset button must never call, besides the reboot endpoint (acceptance.reboot.path), comma-separated"));
        keys.put("acceptance.ui.load-budget", new Key("15", "seconds for the page to show its ready element (AC-07)"));
        keys.put("acceptance.ui.reconnect-budget-ms", new Key("3000", "the page's WebSocket must reconnect within this after the reset button (AC-16)"));
        keys.put("acceptance.ui.chat-budget", new Key("30", "seconds for the answer's text to appear in the chat panel (AC-17)"));
        keys.put("acceptance.cleanup.script", new Key("fixtures/scripts/cleanup-before-deploy.sh", "operator cleanup script (AC-02)"));
        keys.put("acceptance.cleanup.timeout", new Key("60", "seconds the cleanup script may take"));
        keys.put("acceptance.cleanup.where",
                new Key("host",
                        "host: run the cleanup script on the host (by hand before the deploy); pre-deploy: as Coolify's pre-deployment command, inside the "
                                + "app's running container"));
        keys.put("acceptance.cleanup.container-path",
                new Key("/opt/ozean-licht-ecosystem/apps/orchestrator_3_stream/cleanup-before-deploy.sh",
                        "the cleanup script's path inside the container (cleanup.where=pre-deploy)"));
        keys.put("acceptance.reboot.script", new Key("fixtures/scripts/reboot-orchestrator.sh", "operator reboot script (AC-14); 'none' when there is none"));
        keys.put("acceptance.reboot.timeout", new Key("120", "seconds the reboot script may take"));
        keys.put("acceptance.reboot.settle",
                new Key("30",
                        "AC-14: seconds after the reboot script's exit in which the reboot must be seen (a script that starts it asynchronously: Coolify's "
                                + "restart API, docker restart ... &)"));
        keys.put("acceptance.reboot.where",
                new Key("host", "host: run the reboot script on the host; container: docker exec it inside the service's running container"));
        keys.put("acceptance.reboot.container-path",
                new Key("/opt/ozean-licht-ecosystem/scripts/reboot-orchestrator.sh", "the reboot script's path inside the container (reboot.where=container)"));
        keys.put("acceptance.scripts.env",
                new Key("", "KEY=VALUE pairs (comma-separated) the operator scripts get, as production gives them; never secrets (those go in the env file)"));
        keys.put("acceptance.scripts.env-file", new Key("", "a file of KEY=VALUE lines the operator scripts get (secrets live here or in the environment)"));
        keys.put("acceptance.scripts.workdir", new Key("", "working directory of host scripts (default: the script's own folder)"));
        keys.put("acceptance.planted-image",
                new Key("orchestrator-gate-base:bookworm-1", "local image for the containers the port scenario plants (never pulled)"));
        keys.put("acceptance.criteria", new Key("", "run only these criteria (comma-separated ids); the verdict is then at best partial"));
        keys.put("acceptance.strict", new Key("false", "advisory failures block too"));
        keys.put("acceptance.force", new Key("false", "skip the pre-flight refusal (never on a production host)"));
        keys.put("acceptance.live.allow-reset", new Key("false", "live mode: allow reset (AC-11/12) against the live instance"));
        keys.put("acceptance.waivers",
                new Key("acceptance-waivers.yml",
                        "waiver file (YAML, docs/waivers.md): known failures that do not block until their expiry; used when it exists, "
                                + "'none' for no waivers"));
        keys.put("acceptance.waivers.max-days", new Key("30", "a waiver may expire at most this many days ahead"));
        keys.put("acceptance.report.run-file",
                new Key("",
                        "a file the gate writes its run's report folder into once the report is on disk (the first README command reads its own run's report "
                                + "through it)"));
        keys.put("acceptance.report.dir", new Key("reports", "where reports are written (<dir>/latest and timestamped runs)"));
        KEYS = Collections.unmodifiableMap(keys);
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
    public static GateConfig from(Function<String, Optional<String>> parameters) {
        Path projectDir = Path.of(parameters.apply("acceptance.project.dir")
                .orElse(System.getProperty("acceptance.project.dir", "."))).toAbsolutePath().normalize();
        return new GateConfig(new ConfigSource(parameters, projectDir.resolve("acceptance.properties")), projectDir);
    }

    /** Where reports are written (acceptance.report.dir, relative to the project folder). */
    public Path reportDir() {
        return projectDir.resolve(string("acceptance.report.dir")).normalize();
    }

    /** The file the run writes its report folder into once the report is on disk (acceptance.report.run-file), when named. */
    public Optional<Path> reportRunFile() {
        return optional("acceptance.report.run-file").map(f -> projectDir.resolve(f).normalize());
    }

    public boolean strict() {
        return flag("acceptance.strict");
    }

    public String string(String key) {
        return source.get(key).orElse(KEYS.containsKey(key) ? KEYS.get(key).defaultValue() : "");
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
        return Duration.ofSeconds(positive(key));
    }

    public Duration millis(String key) {
        return Duration.ofMillis(positive(key));
    }

    private int positive(String key) {
        int value = integer(key);
        if (value <= 0) {
            throw new GateConfigException(key, key + " must be positive, got " + value);
        }
        return value;
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(string(key));
    }

    /** One of {@code allowed} for {@code key}, or a one-line refusal naming them. */
    public String choice(String key, String... allowed) {
        String value = string(key);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new GateConfigException(key, key + " must be " + String.join(" or ", Arrays.stream(allowed).map(a -> "'" + a + "'").toList()) + ", got '"
                    + value + "'");
        }
        return value;
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

    /** The operator scripts' environment from the configuration: acceptance.scripts.env pairs, then the env file's lines. */
    public Map<String, String> scriptEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : string("acceptance.scripts.env").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new GateConfigException("acceptance.scripts.env", "acceptance.scripts.env: '" + pair.strip() + "' is not KEY=VALUE");
            }
            String name = pair.substring(0, eq).strip();
            if (SecretMasker.isSecretName(name)) {
                throw new GateConfigException("acceptance.scripts.env", "acceptance.scripts.env: " + name
                        + " looks like a secret: put it in acceptance.scripts.env-file"
                        + " or the environment, never in a -D property (Failsafe writes those into its XML)");
            }
            env.put(name, pair.substring(eq + 1).strip());
        }
        optional("acceptance.scripts.env-file").map(f -> existingFile("acceptance.scripts.env-file", f)).ifPresent(file -> env.putAll(EnvFile.read(file)));
        return env;
    }

    /**
     * The waiver file: acceptance.waivers resolved against the project folder. The default file is used when it
     * exists; a file the operator named must exist.
     */
    public Optional<Path> waiversFile() {
        String key = "acceptance.waivers";
        return optional(key).flatMap(v -> v.equals(KEYS.get(key).defaultValue()) && !Files.exists(projectDir.resolve(v))
                ? Optional.empty() : Optional.of(existingFile(key, v)));
    }

    /** A comma-separated key as a list, blanks dropped ('none' or unset: empty). */
    public List<String> list(String key) {
        return optional(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
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

    /** acceptance.container-name-pattern, when the operator set it (an override: the service's identity needs none). */
    public Optional<Pattern> containerNamePattern() {
        String key = "acceptance.container-name-pattern";
        try {
            return optional(key).map(Pattern::compile);
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
