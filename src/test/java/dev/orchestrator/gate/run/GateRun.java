package dev.orchestrator.gate.run;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.config.GateConfig;
import dev.orchestrator.gate.config.GateConfigException;
import dev.orchestrator.gate.config.SecretMasker;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.EngineInventory;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.PlantedResources;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.report.Criterion;
import dev.orchestrator.gate.report.ReportFinisher;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.stack.ComposeCli;
import dev.orchestrator.gate.stack.ComposeModel;
import dev.orchestrator.gate.stack.ReleaseImages;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One gate run: configuration, the compose project it owns, everything it planted, the lock and
 * the interrupt hook. Created once per test plan (JUnit root store) and closed at its end, which
 * tears down everything the run created and nothing else.
 */
public final class GateRun implements AutoCloseable {

    public static final Duration COMPOSE_CONFIG_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration COMPOSE_UP_TIMEOUT = Duration.ofSeconds(240);
    public static final Duration COMPOSE_DOWN_TIMEOUT = Duration.ofSeconds(120);

    private final GateConfig config;
    private final String runId;
    private final Instant startedAt = Instant.now();
    private final RunRecord record;
    private DockerEngine engine;
    private ComposeCli compose;
    private ComposeModel model;
    private ReleaseImages images;
    private Path runDir;
    private String service;
    private String containerName;
    private Pattern namePattern;
    private int port;
    private OrchestratorApi api;
    private Optional<OrchestratorApi> edgeApi = Optional.empty();
    private PlantedResources planted;
    private final List<String> createdNetworks = new ArrayList<>();
    private RunLock lock;
    private Optional<String> hostProbesNotApplicable = Optional.empty();
    private Set<String> selected = Set.of();
    private Thread interruptHook;
    private volatile boolean closed;
    private volatile long deployStartedNanos;

    private GateRun(GateConfig config, RunRecord record) {
        this.config = config;
        this.record = record;
        this.runId = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(startedAt)
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** Builds the run from the configuration; throws {@link GateRefusedException} or {@link GateConfigException}. */
    static GateRun start(ExtensionContext context) {
        RunRecord record = Optional.ofNullable(RunRecord.active()).orElseGet(RunRecord::new);
        GateRun run = new GateRun(GateConfig.from(context::getConfigurationParameter), record);
        try {
            run.prepare();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void prepare() {
        record.startedAt = startedAt.toString();
        log("run " + runId + " (" + config.string("acceptance.mode") + " mode)");
        SecretMasker.global().addFromEnvironment(System.getenv());
        boolean live = config.live();
        service = config.string("acceptance.service");
        namePattern = config.containerNamePattern();
        config.seconds("acceptance.soak.seconds");
        config.seconds("acceptance.keepalive.interval");
        config.integer("acceptance.reset.budget-ms");
        if (config.seconds("acceptance.reboot-endpoint.watch").toSeconds() < 15) {
            throw new GateConfigException("acceptance.reboot-endpoint.watch", "acceptance.reboot-endpoint.watch must be at least 15 s (catalogue, AC-15), got "
                    + config.string("acceptance.reboot-endpoint.watch"));
        }
        config.script("acceptance.cleanup.script");
        config.script("acceptance.reboot.script");
        selected = Criterion.selection(config.string("acceptance.criteria"));
        Prerequisites.reportDirWritable(config.reportDir());
        if (live) {
            URI base = config.url("acceptance.base-url").orElseThrow(() -> new GateConfigException("acceptance.base-url",
                    "live mode needs the deployed instance's URL: -Dacceptance.base-url=https://..."));
            port = config.string("acceptance.port").isEmpty() ? base.getPort() : config.integer("acceptance.port");
            api = new OrchestratorApi(base, paths());
            edgeApi = config.url("acceptance.edge-url").filter(u -> !u.equals(base)).map(u -> new OrchestratorApi(u, paths()));
            fillRecord(base, List.of());
            return;
        }
        List<Path> files = config.composeFiles();
        Path projectDirectory = config.optional("acceptance.compose.project-dir")
                .map(d -> config.projectDir().resolve(d).normalize()).orElse(files.get(0).getParent());
        compose = new ComposeCli(GateLabels.PROJECT_PREFIX + runId, files, projectDirectory);
        config.optional("acceptance.compose.env-file").ifPresent(f -> {
            Path envFile = config.existingFile("acceptance.compose.env-file", f);
            compose.withEnvFile(envFile);
            SecretMasker.global().addFromEnvironment(readEnvFile(envFile));
        });
        config.optional("acceptance.compose.profiles").ifPresent(p -> compose.withProfiles(List.of(p.split(","))));
        EngineCheck checked = EngineCheck.run();
        engine = checked.engine();
        record.environment.put("docker_engine", checked.engineVersion());
        record.environment.put("compose", checked.composeVersion());
        CommandResult configResult = compose.run(COMPOSE_CONFIG_TIMEOUT, "config", "--format", "json");
        if (!configResult.ok()) {
            throw new GateConfigException("acceptance.compose.files, or the variables in the environment / acceptance.compose.env-file",
                    "docker compose config rejects " + files + ": "
                    + SecretMasker.global().mask(configResult.tail(3).replace('\n', ' ')));
        }
        model = ComposeModel.parse(configResult.stdout());
        if (!model.hasService(service)) {
            throw new GateConfigException("acceptance.service", "service '" + service + "' is not in " + files + " (services: " + model.services() + ")");
        }
        SecretMasker.global().addFromEnvironment(model.allEnvironment());
        images = ReleaseImages.of(model);
        runDir = createRunDir();
        images.writePins(runDir).ifPresent(pins -> compose = compose.withFile(pins));
        List<Integer> published = model.publishedPorts(service);
        if (config.string("acceptance.port").isEmpty()) {
            if (published.isEmpty()) {
                throw new GateConfigException("acceptance.port", "service '" + service + "' publishes no host port");
            }
            port = published.get(0);
        } else {
            port = config.integer("acceptance.port");
            if (!published.contains(port)) {
                throw new GateConfigException("acceptance.port", "service '" + service + "' does not publish port " + port + " (it publishes " + published + ")");
            }
        }
        containerName = model.containerName(service).orElse(compose.project() + "-" + service + "-1");
        URI base = config.url("acceptance.base-url").orElse(URI.create("http://127.0.0.1:" + port));
        api = new OrchestratorApi(base, paths());
        edgeApi = config.url("acceptance.edge-url").map(u -> new OrchestratorApi(u, paths()));
        hostProbesNotApplicable = checked.hostProbesNotApplicable();
        hostProbesNotApplicable.ifPresent(why -> record.note("host-level port probes are not applicable here: " + why));
        lock = RunLock.acquire(RunLock.pathFor(DockerEngine.dockerHost(), port), runId);
        removeLeftovers();
        List<String> findings = Preflight.findings(engine, namePattern, port, model.externalNetworks(), hostProbesNotApplicable.isEmpty());
        if (!findings.isEmpty()) {
            if (!config.flag("acceptance.force")) {
                throw new GateRefusedException("pre-flight refused: " + String.join("; ", findings)
                        + " (the port scenario's cleanup script would kill these; stop them or pass -Dacceptance.force=true)");
            }
            record.note("pre-flight findings overridden by acceptance.force=true: " + String.join("; ", findings));
        }
        if (Stream.of(Criterion.AC_01, Criterion.AC_02, Criterion.AC_03, Criterion.AC_04).anyMatch(c -> selected.contains(c.id()))) {
            Prerequisites.imagePresent(engine, config.string("acceptance.planted-image"), "acceptance.planted-image",
                    "the containers the port scenario plants (stale holders, bystanders)");
            List<EngineInventory.Resource> reachable = EngineInventory.take(engine).foreign();
            if (!reachable.isEmpty()) {
                String line = "the cleanup script under test acts on this engine; besides the service it could reach these resources the gate did not create"
                        + " (AC-04 fails, naming them, if they vanish): " + EngineInventory.describe(reachable);
                log("WARNING: " + line);
                record.note(line);
            }
        }
        planted = new PlantedResources(engine, config.string("acceptance.planted-image"), runId);
        for (String network : model.externalNetworks()) {
            if (engine.network(network).isEmpty()) {
                engine.client().createNetworkCmd().withName(network).withLabels(GateLabels.of(runId, GateLabels.EXTERNAL_NETWORK_ROLE)).exec();
                createdNetworks.add(network);
                log("created the external network '" + network + "' for this run (removed at the end)");
            }
        }
        interruptHook = new Thread(this::onInterrupt, "gate-interrupt-teardown");
        Runtime.getRuntime().addShutdownHook(interruptHook);
        fillRecord(base, files);
        record.timings.phasesS.put("pre-flight", Math.round(Duration.between(startedAt, Instant.now()).toMillis() / 100.0) / 10.0);
        log("pre-flight ok: no foreign " + service + " container, port " + port + " free; project " + compose.project() + " on DOCKER_HOST=" + DockerEngine.dockerHost());
        buildImages();
    }

    /** The release is what the files build now: built once, before the scenario (never inside a criterion's time), never pulled. */
    private void buildImages() {
        if (images.imageNames().isEmpty()) {
            return;
        }
        ReleaseImages.Build build = images.build(compose, engine);
        double seconds = Math.round(build.result().duration().toMillis() / 100.0) / 10.0;
        record.timings.phasesS.put("build", seconds);
        record.timings.buildS = seconds;
        if (!build.result().ok()) {
            throw new GateRefusedException("docker compose build of " + images.imageNames().keySet() + " failed (" + build.result().describe() + "): "
                    + SecretMasker.global().mask(build.result().tail(5).replace('\n', ' ')) + " (for the bundled stack, bash fixtures/prepare.sh builds what is missing)");
        }
        build.ids().forEach((service, id) -> record.target.builtImages.add(new RunRecord.Image(service, id)));
        log(String.format("images built in %.1f s: %s%s", seconds, String.join(", ", images.imageNames().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " = " + build.ids().get(e.getKey())).toList()),
                images.pinned().isEmpty() ? "" : " (named by the gate, as the files give no image: " + images.pinned().keySet() + ")"));
    }

    private Path createRunDir() {
        try {
            return Files.createTempDirectory("ogate-" + runId + "-");
        } catch (IOException e) {
            throw new GateRefusedException("cannot create the run's temporary folder: " + e.getMessage());
        }
    }

    private Map<String, String> paths() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("health", config.string("acceptance.health.path"));
        paths.put("ws", config.string("acceptance.ws.path"));
        paths.put("reset", config.string("acceptance.reset.path"));
        paths.put("reboot", config.string("acceptance.reboot.path"));
        return paths;
    }

    /** Removes what an earlier run left (crash, killed job, engine restart): the lock proves it is not running. */
    private void removeLeftovers() {
        LabelSweep.Removal leftovers = new LabelSweep(engine).leftovers();
        if (!leftovers.problems().isEmpty()) {
            throw new GateRefusedException("cannot remove the leftovers of an earlier gate run: " + String.join("; ", leftovers.problems()));
        }
        if (!leftovers.removed().isEmpty()) {
            log("removed leftovers of an earlier gate run that did not finish: " + String.join(", ", leftovers.removed()));
        }
    }

    private void fillRecord(URI base, List<Path> files) {
        CommandResult git = Commands.run(Duration.ofSeconds(5), List.of("git", "-C", config.projectDir().toString(), "rev-parse", "HEAD"));
        record.suite.put("git", git.ok() ? git.stdout().strip() : "unknown");
        record.target.mode = config.live() ? "live" : "stack";
        record.target.service = service;
        record.target.port = port;
        record.target.baseUrl = SecretMasker.global().mask(base);
        record.target.edgeUrl = edgeApi.map(a -> SecretMasker.global().mask(a.baseUrl())).orElse("");
        for (Path f : files) {
            record.target.composeFiles.add(new RunRecord.ComposeFile(config.projectDir().relativize(f).toString(), sha256(f)));
        }
        if (config.live()) {
            record.environment.put("docker_engine", "n/a (live mode)");
            record.environment.put("compose", "n/a (live mode)");
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + file, e);
        }
    }

    private static Map<String, String> readEnvFile(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.strip().startsWith("#")) {
                    env.put(line.substring(0, eq).replaceFirst("^export\\s+", "").strip(), line.substring(eq + 1).strip().replaceAll("^[\"']|[\"']$", ""));
                }
            }
        } catch (IOException e) {
            throw new GateConfigException("acceptance.compose.env-file", "cannot read " + file + ": " + e.getMessage());
        }
        return env;
    }

    public static void log(String line) {
        System.out.println("[gate] " + SecretMasker.global().mask(line));
    }

    // ---- accessors the phases use

    public GateConfig config() {
        return config;
    }

    public boolean live() {
        return config.live();
    }

    /** The criteria this run evaluates: the user's selection with its prerequisites (all when unrestricted). */
    public Set<String> selected() {
        return selected;
    }

    public boolean selects(Criterion criterion) {
        return selected.contains(criterion.id());
    }

    public String runId() {
        return runId;
    }

    public RunRecord record() {
        return record;
    }

    public DockerEngine engine() {
        return engine;
    }

    public ComposeCli compose() {
        return compose;
    }

    public ComposeModel model() {
        return model;
    }

    public String service() {
        return service;
    }

    public String containerName() {
        return containerName;
    }

    public Pattern namePattern() {
        return namePattern;
    }

    public int port() {
        return port;
    }

    /** Host address the service's port is published on (for planted holders). */
    public String hostIp() {
        return model.hostIp(service, port).filter(ip -> !ip.isEmpty()).orElse("0.0.0.0");
    }

    /** Why this machine's bind probe and listener table say nothing about the engine's ports, if they do not. */
    public Optional<String> hostProbesNotApplicable() {
        return hostProbesNotApplicable;
    }

    public OrchestratorApi api() {
        return api;
    }

    public Optional<OrchestratorApi> edgeApi() {
        return edgeApi;
    }

    public PlantedResources planted() {
        return planted;
    }

    /** The service's containers in this run's project (by compose label). */
    public List<Container> serviceContainers() {
        return engine.serviceContainers(compose.project(), service);
    }

    /** When `docker compose up` of the deploy started (System.nanoTime), for time-to-healthy. */
    public void markDeployStarted(long nanos) {
        deployStartedNanos = nanos;
    }

    public long deployStartedNanos() {
        return deployStartedNanos;
    }

    // ---- teardown

    /** Last sweep: anything still carrying this run's label or project (e.g. created while an interrupt tore down). */
    private List<String> sweepRunLabels() {
        LabelSweep.Removal swept = new LabelSweep(engine).run(runId, compose.project());
        swept.removed().forEach(what -> log("swept " + what));
        return swept.problems();
    }

    private void deleteRunDir() {
        if (runDir == null) {
            return;
        }
        try (var files = Files.walk(runDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            log("could not delete " + runDir + ": " + e.getMessage());
        }
    }

    private void onInterrupt() {
        if (closed) {
            return;
        }
        System.out.println("[gate] interrupted: tearing down what this run created");
        record.note("interrupted by a signal during the run; teardown ran from the shutdown hook");
        Commands.killAll(); // e.g. a `compose up` half way: stop it before `down`, so nothing is created after
        close();
        ReportFinisher.finishInterrupted(record);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        if (compose != null && engine != null && lock != null) {
            CommandResult down = compose.run(COMPOSE_DOWN_TIMEOUT, "down", "--volumes", "--remove-orphans", "--timeout", "5");
            if (!down.ok()) {
                problems.add(down.describe());
            }
        }
        if (planted != null) {
            problems.addAll(planted.shutdown());
        }
        if (engine != null && lock != null) {
            problems.addAll(sweepRunLabels());
        }
        if (engine != null && compose != null && lock != null) {
            ReleaseImages.removeRunImages(engine, compose.project()).forEach(line -> {
                if (line.startsWith("PROBLEM: ")) {
                    problems.add(line.substring("PROBLEM: ".length()));
                } else {
                    log(line);
                }
            });
        }
        deleteRunDir();
        for (String network : createdNetworks) {
            try {
                engine.client().removeNetworkCmd(network).exec();
            } catch (RuntimeException e) {
                problems.add("network " + network + ": " + e.getMessage());
            }
        }
        if (lock != null) {
            lock.close();
        }
        if (interruptHook != null && Thread.currentThread() != interruptHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(interruptHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down: the hook runs or ran
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        record.timings.phasesS.put("teardown", Math.round(seconds * 10) / 10.0);
        problems.forEach(p -> record.teardownProblems.add(SecretMasker.global().mask(p)));
        if (engine != null && compose != null) {
            log(String.format("teardown in %.1f s: %s", seconds, problems.isEmpty() ? "nothing of this run is left" : "PROBLEMS: " + problems));
        }
    }
}
