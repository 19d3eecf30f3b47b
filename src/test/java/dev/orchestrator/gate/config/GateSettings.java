package dev.orchestrator.gate.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every setting of one run, read from all sources in the documented order (JUnit parameters / -D,
 * environment, acceptance.properties), validated with one-line messages, typed and immutable. The
 * run, its phases, the extension and the report all read this; nothing else reads a key by name.
 */
public record GateSettings(
        Path projectDir,
        boolean live,
        List<Path> composeFiles,
        Optional<Path> composeProjectDir,
        Optional<Path> composeEnvFile,
        List<String> composeProfiles,
        String service,
        Optional<Pattern> containerNamePattern,
        OptionalInt port,
        Optional<URI> baseUrl,
        Optional<URI> edgeUrl,
        int edgeIdleTimeoutS,
        Endpoints endpoints,
        Optional<Duration> healthBudget,
        Duration closeHealthWindow,
        int resetBudgetMs,
        Outage outage,
        Duration rebootEndpointWatch,
        Duration rebootEndpointWatchMax,
        Duration soak,
        int keepaliveIntervalS,
        Optional<String> longOperationMessage,
        String longOperationExpect,
        Optional<String> chatMessage,
        Duration chatBudget,
        Ui ui,
        String platform,
        boolean coolifyConsistentNames,
        Duration coolifyStopGrace,
        Optional<Path> cleanupScript,
        Duration cleanupTimeout,
        Optional<Path> rebootScript,
        Duration rebootTimeout,
        Duration rebootSettle,
        Scripts scripts,
        String plantedImage,
        String criteria,
        boolean strict,
        boolean force,
        boolean liveAllowReset,
        Optional<Path> waiversFile,
        int waiversMaxDays,
        Path reportDir,
        Optional<Path> reportRunFile) {

    /** AC-19's budgets: how long users behind the platform's proxy may be without service in a reboot and in a redeploy. */
    public record Outage(Duration rebootBudget, Duration redeployBudget) {
    }

    /** AC-15 watches the backend at least this long after the deprecated endpoint (catalogue). */
    public static final Duration MIN_REBOOT_ENDPOINT_WATCH = Duration.ofSeconds(15);

    /**
     * How the operator's scripts run, as production runs them: where (the cleanup on the host or as Coolify's
     * pre-deployment command; the reboot on the host or inside the container), with the paths inside the container,
     * the environment the operator gives them (pairs, an env file) and the working directory of host scripts.
     */
    public record Scripts(String cleanupWhere, String cleanupContainerPath, String rebootWhere, String rebootContainerPath,
                          Map<String, String> environment, Optional<Path> workdir) {
        public boolean cleanupPreDeploy() {
            return cleanupWhere.equals("pre-deploy");
        }

        public boolean rebootInContainer() {
            return rebootWhere.equals("container");
        }
    }

    /** The service's paths (health, WebSocket, reset, deprecated reboot). */
    public record Endpoints(String health, String ws, String reset, String reboot) {
    }

    /** The browser criteria's settings: executables (never downloaded), the UI's selectors and budgets. */
    public record Ui(Path chromium, Path chromedriver, String readySelector, String resetSelector, String chatInputSelector,
                     Optional<String> chatSendSelector, String chatPanelSelector, Optional<String> chatMessage, boolean strictOrigins,
                     Duration loadBudget, Duration reconnectBudget, Duration chatBudget, Optional<String> chatOpenSelector,
                     List<String> readPaths, List<String> forbiddenPaths) {
    }

    /** Reads and validates everything; throws {@link GateConfigException} naming the key and the problem. */
    public static GateSettings read(Function<String, Optional<String>> parameters) {
        return from(GateConfig.from(parameters));
    }

    public static GateSettings from(GateConfig c) {
        boolean live = c.live();
        Duration watch = c.seconds("acceptance.reboot-endpoint.watch");
        if (watch.compareTo(MIN_REBOOT_ENDPOINT_WATCH) < 0) {
            throw new GateConfigException("acceptance.reboot-endpoint.watch", "acceptance.reboot-endpoint.watch must be at least "
                    + MIN_REBOOT_ENDPOINT_WATCH.toSeconds() + " s (catalogue, AC-15), got " + c.string("acceptance.reboot-endpoint.watch"));
        }
        Duration watchMax = c.seconds("acceptance.reboot-endpoint.watch-max");
        if (watchMax.compareTo(watch) < 0) {
            throw new GateConfigException("acceptance.reboot-endpoint.watch-max", "acceptance.reboot-endpoint.watch-max (" + watchMax.toSeconds()
                    + " s) must not be shorter than acceptance.reboot-endpoint.watch (" + watch.toSeconds() + " s)");
        }
        String platform = c.choice("acceptance.platform", "coolify", "compose");
        Scripts scripts = new Scripts(c.choice("acceptance.cleanup.where", "host", "pre-deploy"), c.string("acceptance.cleanup.container-path"),
                c.choice("acceptance.reboot.where", "host", "container"), c.string("acceptance.reboot.container-path"), c.scriptEnvironment(),
                c.optional("acceptance.scripts.workdir").map(d -> c.projectDir().resolve(d).normalize()));
        if (scripts.cleanupPreDeploy() && !platform.equals("coolify")) {
            throw new GateConfigException("acceptance.cleanup.where",
                    "acceptance.cleanup.where=pre-deploy is Coolify's pre-deployment command: it needs acceptance.platform=coolify");
        }
        Optional<URI> baseUrl = c.url("acceptance.base-url");
        if (live && baseUrl.isEmpty()) {
            throw new GateConfigException("acceptance.base-url", "live mode needs the deployed instance's URL: -Dacceptance.base-url=https://...");
        }
        return new GateSettings(
                c.projectDir(),
                live,
                live ? List.of() : c.composeFiles(),
                c.optional("acceptance.compose.project-dir").map(d -> c.projectDir().resolve(d).normalize()),
                live ? Optional.empty() : c.optional("acceptance.compose.env-file").map(f -> c.existingFile("acceptance.compose.env-file", f)),
                c.optional("acceptance.compose.profiles").map(p -> List.of(p.split(","))).orElse(List.of()),
                c.string("acceptance.service"),
                c.containerNamePattern(),
                c.string("acceptance.port").isEmpty() ? OptionalInt.empty() : OptionalInt.of(c.integer("acceptance.port")),
                baseUrl,
                c.url("acceptance.edge-url"),
                (int) c.seconds("acceptance.edge.idle-timeout").toSeconds(),
                new Endpoints(c.string("acceptance.health.path"), c.string("acceptance.ws.path"), c.string("acceptance.reset.path"),
                        c.string("acceptance.reboot.path")),
                c.optional("acceptance.health.budget").map(s -> c.seconds("acceptance.health.budget")),
                c.seconds("acceptance.close.health-window"),
                c.integer("acceptance.reset.budget-ms"),
                new Outage(c.seconds("acceptance.outage.reboot-budget"), c.seconds("acceptance.outage.redeploy-budget")),
                watch,
                watchMax,
                c.seconds("acceptance.soak.seconds"),
                (int) c.seconds("acceptance.keepalive.interval").toSeconds(),
                c.optional("acceptance.long-operation.message"),
                c.string("acceptance.long-operation.expect"),
                c.optional("acceptance.chat.message"),
                c.seconds("acceptance.chat.budget"),
                new Ui(Path.of(c.string("acceptance.browser.chromium")), Path.of(c.string("acceptance.browser.chromedriver")),
                        c.string("acceptance.ui.ready-selector"), c.string("acceptance.ui.reset-selector"),
                        c.string("acceptance.ui.chat-input-selector"), c.optional("acceptance.ui.chat-send-selector"),
                        c.string("acceptance.ui.chat-panel-selector"), c.optional("acceptance.ui.chat-message"), c.flag("acceptance.ui.strict-origins"),
                        c.seconds("acceptance.ui.load-budget"), c.millis("acceptance.ui.reconnect-budget-ms"),
                        c.seconds("acceptance.ui.chat-budget"), c.optional("acceptance.ui.chat-open-selector"), c.list("acceptance.ui.read-paths"),
                        // the deprecated reboot endpoint is always forbidden to the reset button (the seed's own bug)
                        Stream.concat(Stream.of(c.string("acceptance.reboot.path")), c.list("acceptance.ui.forbidden-paths").stream())
                                .distinct().toList()),
                platform,
                c.choice("acceptance.coolify.container-names", "timestamped", "consistent").equals("consistent"),
                c.seconds("acceptance.coolify.stop-grace-period"),
                c.script("acceptance.cleanup.script"),
                c.seconds("acceptance.cleanup.timeout"),
                c.script("acceptance.reboot.script"),
                c.seconds("acceptance.reboot.timeout"),
                c.seconds("acceptance.reboot.settle"),
                scripts,
                c.string("acceptance.planted-image"),
                c.string("acceptance.criteria"),
                c.strict(),
                c.flag("acceptance.force"),
                c.flag("acceptance.live.allow-reset"),
                c.waiversFile(),
                (int) c.seconds("acceptance.waivers.max-days").toSeconds(),
                c.reportDir(),
                c.reportRunFile());
    }

    /** "stack" or "live", as the report spells it. */
    public String mode() {
        return live ? "live" : "stack";
    }
}
