package dev.orchestrator.gate.run;

import dev.orchestrator.gate.api.OrchestratorApi;
import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.config.GateConfigException;
import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.failure.GateRefusedException;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.report.ReportFinisher;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.waivers.WaiverFile;
import dev.orchestrator.gate.waivers.Waivers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One gate run: its settings, the criteria it evaluates, the service's API, the target (a stack it
 * brings up, or a live URL), and the interrupt hook. Created once per test plan (JUnit root store)
 * and closed at its end, which tears down everything the run created and nothing else.
 */
public final class GateRun implements AutoCloseable {

    public static final Duration COMPOSE_UP_TIMEOUT = Duration.ofSeconds(240);
    public static final Duration COMPOSE_DOWN_TIMEOUT = RunResources.COMPOSE_DOWN_TIMEOUT;

    private final GateSettings settings;
    private final String runId;
    private final Instant startedAt = Instant.now();
    private final RunRecord record;
    private final Set<String> selected;
    private final Waivers waivers;
    private final RunResources resources;
    /** Set when the run is prepared (before any criterion is judged). */
    private Availability availability;
    private final Thread interruptHook = new Thread(this::onInterrupt, "gate-interrupt-teardown");
    private volatile StackTarget stack;
    private OrchestratorApi api;
    private Optional<OrchestratorApi> edgeApi = Optional.empty();
    private volatile boolean closed;
    /** A signal interrupted the run (its hook tears down): no criterion begins after it. */
    private volatile boolean interrupted;

    private GateRun(String runId, GateSettings settings, Set<String> selected, RunRecord record) {
        this.runId = runId;
        this.settings = settings;
        this.record = record;
        this.selected = selected;
        this.waivers = new WaiverFile(id -> Criterion.byId(id).map(Criterion::problemCodes), Criterion.range())
                .read(settings.waiversFile(), settings.waiversMaxDays(), LocalDate.now(ZoneOffset.UTC));
        this.resources = new RunResources(runId, record);
    }

    /** A new run's id: its start (UTC, to the second) and 4 random hex digits ("20261128115322573a"). */
    public static String newRunId(Instant now) {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(now) + String
                .format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /**
     * Builds the run {@code runId} from its settings (read once, when its plan started) and the criteria they select; throws
     * {@link GateRefusedException} or {@link GateConfigException}.
     */
    public static GateRun start(String runId, GateSettings settings, Set<String> selected, RunRecord record) {
        GateRun run = new GateRun(runId, settings, selected, record);
        try {
            run.prepare();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void prepare() {
        record.masker().addFromEnvironment(System.getenv());
        // what the operator's scripts get (the pairs and the env file): a script that traces its commands prints them
        record.masker().addFromEnvironment(settings.scripts().environment());
        Prerequisites.reportDirWritable(settings.reportDir());
        Prerequisites.browserPresent(settings.ui(), selected);
        Runtime.getRuntime().addShutdownHook(interruptHook);
        if (settings.live()) {
            URI base = settings.baseUrl().orElseThrow();
            int port = settings.port().orElse(base.getPort());
            api = new OrchestratorApi(base, settings.endpoints());
            edgeApi = settings.edgeUrl().filter(u -> !u.equals(base)).map(u -> new OrchestratorApi(u, settings.endpoints()));
            availability = Availability
                    .withoutProxy(healthOf(api), edgeApi.map(this::healthOf), "live mode: no platform model, the proxy's routes are not known");
            describe(base, port, List.of());
            return;
        }
        StackSetup setup = new StackSetup(settings, runId, selected, record, resources);
        stack = setup.prepare();
        URI base = settings.baseUrl().orElse(URI.create("http://127.0.0.1:" + stack.port()));
        api = new OrchestratorApi(base, settings.endpoints());
        edgeApi = settings.edgeUrl().map(u -> new OrchestratorApi(u, settings.endpoints()));
        availability = stack.platform().proxyRoutes(stack.service())
                .map(routes -> Availability.behindProxy(healthOf(api), edgeApi.map(this::healthOf), stack.engine(), routes))
                .orElseGet(() -> Availability
                .withoutProxy(healthOf(api), edgeApi.map(this::healthOf), "the " + stack.platform().name() + " model has no platform proxy"));
        describe(base, stack.port(), settings.composeFiles());
        record.phase("pre-flight", Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
        log("pre-flight ok: no foreign " + stack.service() + " container, port " + stack.port() + " free; project " + stack.compose().project()
                + " on DOCKER_HOST=" + DockerEngine.dockerHost());
        setup.build(stack);
    }

    private URI healthOf(OrchestratorApi api) {
        return URI.create(api.baseUrl() + settings.endpoints().health());
    }

    /** The run's availability record (begun by the first action that can disturb the service). */
    public Availability availability() {
        return availability;
    }

    /** What the report says was verified. */
    private void describe(URI base, int port, List<Path> files) {
        CommandResult git = Commands.run(Duration.ofSeconds(5), List.of("git", "-C", settings.projectDir().toString(), "rev-parse", "HEAD"));
        record.suiteGit(git.ok() ? git.stdout().strip() : "unknown");
        record.target(settings.mode(), settings.service(), port, base.toString(), edgeApi.map(a -> a.baseUrl().toString()).orElse(""),
                files.stream().map(f -> new RunRecord.ComposeFile(settings.projectDir().relativize(f).toString(), sha256(f))).toList());
        if (settings.live()) {
            record.engine("n/a (live mode)", "n/a (live mode)");
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + file, e);
        }
    }

    /** One console line of this run, masked. */
    public void log(String line) {
        record.log(line);
    }

    // ---- what the phases read

    /** A new temporary folder, deleted at the run's end (also after a signal): for files a phase must not leave behind. */
    public Path newTempFolder(String purpose) {
        return resources.newTempFolder(purpose);
    }

    public GateSettings settings() {
        return settings;
    }

    public boolean live() {
        return settings.live();
    }

    /** Live mode reads; it changes state (reset, chat, clicks) only when the operator allowed it. */
    public boolean stateChangesAllowed() {
        return !settings.live() || settings.liveAllowReset();
    }

    public String runId() {
        return runId;
    }

    public RunRecord record() {
        return record;
    }

    /** The operator's waivers, validated, with the day they are judged on. */
    public Waivers waivers() {
        return waivers;
    }

    /** The criteria this run evaluates: the user's selection with its prerequisites (all when unrestricted). */
    public Set<String> selected() {
        return selected;
    }

    public boolean selects(Criterion criterion) {
        return selected.contains(criterion.id());
    }

    /** The stack the gate brought up; empty in live mode, where there is none. */
    public Optional<StackTarget> stack() {
        return Optional.ofNullable(stack);
    }

    /** The service's host port (the published one, or the live URL's). */
    public int port() {
        return stack().map(StackTarget::port).orElse(record.port());
    }

    public OrchestratorApi api() {
        return api;
    }

    public Optional<OrchestratorApi> edgeApi() {
        return edgeApi;
    }

    // ---- teardown

    /** True once a signal interrupted the run: its teardown is under way and no criterion may begin. */
    public boolean interrupted() {
        return interrupted;
    }

    private void onInterrupt() {
        interrupted = true;
        System.out.println("[gate] interrupted: tearing down what this run created");
        record.note("interrupted by a signal during the run; teardown ran from the shutdown hook");
        // the JVM halts when this hook returns: a teardown the run's own thread began (a step the signal broke, on a busy host
        // before this hook ran) is waited for under the same lock, never cut short, and never has its commands killed
        synchronized (this) {
            if (!closed) {
                Commands.stopAll(); // e.g. a `compose up` half way: stop it before `down`; the run's other threads start no command after
                close();
            }
        }
        ReportFinisher.finishInterrupted(record);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (availability != null) {
            availability.close(); // the record ends where teardown begins
        }
        long start = System.nanoTime();
        List<String> problems = resources.release(stack == null ? null : stack.compose());
        if (Thread.currentThread() != interruptHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(interruptHook);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // the JVM is already shutting down (the hook runs or ran), or the run ended before the hook was added
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        record.phase("teardown", seconds);
        record.tornDown(problems);
        if (stack != null) {
            log(String.format("teardown in %.1f s: %s", seconds, problems.isEmpty() ? "nothing of this run is left" : "PROBLEMS: " + problems));
        }
    }
}
