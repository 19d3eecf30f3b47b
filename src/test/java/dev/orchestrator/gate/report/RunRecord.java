package dev.orchestrator.gate.report;

import dev.orchestrator.gate.availability.Availability;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.config.SecretMasker;
import dev.orchestrator.gate.waivers.Waivers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one gate run has established so far: what was verified, where, the criteria's results, the run's figures, its
 * notes and problems. Its fields are its own; each change is a method that says what happened ({@link #refused},
 * {@link #target}, {@link #phase}, ...). When the run ends, {@link ReportFinisher} computes the whole {@link Report}
 * from it (verdict, waivers, trend) and the writers only render that.
 */
public final class RunRecord {

    /** A compose file and its content hash. */
    public record ComposeFile(String path, String sha256) {
    }

    /** An image of the stack. */
    public record Image(String service, String id) {
    }

    /**
     * What was verified (the report's {@code target}): the mode, the compose files, the service, its port and URLs, the
     * images that ran and were built, and the platform model that deployed it.
     */
    public record Target(String mode, String release, List<ComposeFile> composeFiles, String service, int port, String baseUrl, String edgeUrl,
                         List<Image> images, Map<String, Object> platform, List<Image> builtImages) {
        public Target {
            composeFiles = List.copyOf(composeFiles);
            images = List.copyOf(images);
            platform = Collections.unmodifiableMap(new LinkedHashMap<>(platform));
            builtImages = List.copyOf(builtImages);
        }

        static Target none() {
            return new Target("stack", "", List.of(), "", 0, "", "", List.of(), Map.of(), List.of());
        }
    }

    private final Map<String, String> suite = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Target target = Target.none();
    private String startedAt = Instant.now().toString();
    private String gateError;
    private final List<String> teardownProblems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Map<String, String>> createdByScripts = new ArrayList<>();
    private final Map<Criterion, CriterionResult> criteria = new EnumMap<>(Criterion.class);
    private double soakS;
    private Double buildS;
    private Double timeToHealthyS;
    private Map<String, Long> resetLatencyMs;
    private final Map<String, Double> phasesS = new LinkedHashMap<>();
    private Availability.Report availability;
    /** Masks, by value, every secret this run has seen (environment, env files, compose model, the scripts' environment) in all it writes. */
    private final SecretMasker masker = new SecretMasker();
    /** The operator's waivers for this run (none until the run has read them). */
    private volatile Waivers waivers = Waivers.none();

    /** Where and how the report is written (set by the listener when the plan starts; not part of the report). */
    volatile ReportListener.ReportSettings reportSettings;
    final AtomicBoolean finishing = new AtomicBoolean();
    private volatile Report finished;
    /** The criteria the JUnit plan holds (by their tags), and how the plan was filtered when it was: the verdict is over the catalogue. */
    volatile Set<Criterion> planned = EnumSet.allOf(Criterion.class);
    volatile String planFilter = "";

    public RunRecord() {
        // what is known before the gate looks at anything: a report written after an early error stays valid
        suite.put("name", "orchestrator-release-gate");
        suite.put("version", "0.1.0");
        suite.put("git", "unknown");
        environment.put("docker_engine", "unknown");
        environment.put("compose", "unknown");
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        environment.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        for (Criterion c : Criterion.values()) {
            criteria.put(c, new CriterionResult(c));
        }
    }

    // ---- what happened

    /** The run began at {@code at} (its report's started_at). */
    public synchronized void started(Instant at) {
        startedAt = at.toString();
    }

    /** The gate could not run: the one line why (every criterion is then not run, exit 2). */
    public synchronized void refused(String why) {
        gateError = masker.mask(why);
    }

    /** The gate's own commit. */
    public synchronized void suiteGit(String sha) {
        suite.put("git", sha);
    }

    /** The engine and compose versions the run used ("n/a (live mode)" in live mode). */
    public synchronized void engine(String dockerEngine, String compose) {
        environment.put("docker_engine", dockerEngine);
        environment.put("compose", compose);
    }

    /** What is verified: the mode, the service, its port and URLs (masked), the compose files. */
    public synchronized void target(String mode, String service, int port, String baseUrl, String edgeUrl, List<ComposeFile> composeFiles) {
        target = new Target(mode, target.release(), composeFiles, service, port, masker.mask(baseUrl), masker.mask(edgeUrl), target.images(),
                target.platform(), target.builtImages());
    }

    /** The platform model that deploys the stack ("coolify" with the application's uuid and id, or "compose"). */
    public synchronized void platform(Map<String, Object> platform) {
        target = new Target(target.mode(), target.release(), target.composeFiles(), target.service(), target.port(), target.baseUrl(), target.edgeUrl(),
                target.images(), platform, target.builtImages());
    }

    /** The build step produced these images (what was built). */
    public synchronized void built(double seconds, List<Image> images) {
        buildS = Rounding.tenths(seconds);
        phasesS.put("build", buildS);
        target = new Target(target.mode(), target.release(), target.composeFiles(), target.service(), target.port(), target.baseUrl(), target.edgeUrl(),
                target.images(), target.platform(), images);
    }

    /** The images of the stack's containers after the deploy (what ran). */
    public synchronized void deployed(List<Image> images) {
        target = new Target(target.mode(), target.release(), target.composeFiles(), target.service(), target.port(), target.baseUrl(), target.edgeUrl(),
                images, target.platform(), target.builtImages());
    }

    /** A step of the run took {@code seconds} (pre-flight, a phase, the deploy, teardown). */
    public synchronized void phase(String name, double seconds) {
        phasesS.put(name, Rounding.tenths(seconds));
    }

    /** The soak window lasted {@code seconds}. */
    public synchronized void soaked(double seconds) {
        soakS = Rounding.tenths(seconds);
    }

    /** AC-06's time from the container's start to healthy. */
    public synchronized void timeToHealthy(double seconds) {
        timeToHealthyS = Rounding.tenths(seconds);
    }

    /** AC-11's reset latencies (min, median, max). */
    public synchronized void resetLatency(Map<String, Long> ms) {
        resetLatencyMs = new LinkedHashMap<>(ms);
    }

    public synchronized void note(String note) {
        notes.add(masker.mask(note));
    }

    /** Something the operator's scripts created outside the run's project (kind, id, name, detail, created_by): removed at teardown. */
    public synchronized void createdByScript(Map<String, String> creation) {
        createdByScripts.add(Map.copyOf(creation));
    }

    /** Teardown ran; what it could not remove (the run then ends in error). */
    public synchronized void tornDown(List<String> problems) {
        teardownProblems.addAll(problems);
    }

    /** The run's availability record, as it ended. */
    public synchronized void availability(Availability.Report report) {
        availability = report;
    }

    /** The waivers this run judges its failures by (set once, when the run has read and validated them). */
    public void waiveWith(Waivers read) {
        this.waivers = read;
    }

    // ---- what is read

    public Waivers waivers() {
        return waivers;
    }

    public SecretMasker masker() {
        return masker;
    }

    public synchronized Optional<String> gateError() {
        return Optional.ofNullable(gateError);
    }

    public CriterionResult result(Criterion criterion) {
        return criteria.get(criterion);
    }

    public List<CriterionResult> results() {
        return List.copyOf(criteria.values());
    }

    public synchronized int port() {
        return target.port();
    }

    /** One console line of this run, masked. */
    public void log(String line) {
        System.out.println("[gate] " + masker.mask(line));
    }

    /** The run's finished report, once it is on disk. */
    public Optional<Report> report() {
        return Optional.ofNullable(finished);
    }

    /** The run's exit code as the process reports it: the report's, or 2 when no report was written. */
    public int exitCodeOfTheRun() {
        return report().map(Report::exitCode).orElse(2);
    }

    void finished(Report report) {
        finished = report;
    }

    /** Everything the run established, as the report computes from it (the criteria as they are now). */
    synchronized Established established(double totalS) {
        return new Established(new LinkedHashMap<>(suite), target, new LinkedHashMap<>(environment), startedAt, gateError, List.copyOf(teardownProblems),
                List.copyOf(notes), List.copyOf(createdByScripts), criteria.values().stream().map(CriterionResult::report).toList(),
                new Report.Timings(Rounding.tenths(totalS), soakS, Rounding.tenths(totalS - soakS), buildS, timeToHealthyS, resetLatencyMs,
                        new LinkedHashMap<>(phasesS)), availability);
    }

    /** The run's facts at its end, before the verdict is computed over them. */
    record Established(Map<String, String> suite, Target target, Map<String, String> environment, String startedAt, String gateError,
                       List<String> teardownProblems, List<String> notes, List<Map<String, String>> createdByScripts, List<CriterionReport> criteria,
                       Report.Timings timings, Availability.Report availability) {
    }
}
