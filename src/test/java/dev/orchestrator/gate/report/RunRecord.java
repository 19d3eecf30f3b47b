package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.orchestrator.gate.config.SecretMasker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The report of one gate run (field names are the JSON contract of acceptance-criteria.md, written
 * snake_case). The listener owns it; the run adds target, environment and timings to it.
 */
public final class RunRecord {

    /** A compose file and its content hash. */
    public record ComposeFile(String path, String sha256) {
    }

    /** An image of the stack. */
    public record Image(String service, String id) {
    }

    /** What was verified. */
    public static final class Target {
        public String mode = "stack";
        public String release = "";
        public List<ComposeFile> composeFiles = new ArrayList<>();
        public String service = "";
        public int port;
        public String baseUrl = "";
        public String edgeUrl = "";
        /** The images of the stack's containers after the deploy (what ran). */
        public List<Image> images = new ArrayList<>();
        /** The platform model that deployed it ("coolify" with the application's uuid and id, or "compose"). */
        public Map<String, Object> platform = new LinkedHashMap<>();
        /** The images the build step produced (what was built): the same ids as {@link #images} for built services. */
        public List<Image> builtImages = new ArrayList<>();
    }

    /** Where the time went, measured by the gate itself. */
    public static final class Timings {
        public double totalS;
        public double soakS;
        public double overheadS;
        public Double buildS;
        public Double timeToHealthyS;
        public Map<String, Long> resetLatencyMs;
        public Map<String, Double> phasesS = new LinkedHashMap<>();
    }

    public String schemaVersion = "1";
    public Map<String, String> suite = new LinkedHashMap<>();
    public Target target = new Target();
    public Map<String, String> environment = new LinkedHashMap<>();
    public String startedAt = Instant.now().toString();
    public String finishedAt;
    public String verdict;
    public int exitCode;
    public List<String> failedCriteria = new ArrayList<>();
    public String gateError;
    /** One line: the verdict and what was not proven ("PASS; not proven: AC-10 (...)"). */
    public String headline = "";
    /** What teardown could not remove: the run then ends in error. */
    public List<String> teardownProblems = new ArrayList<>();
    public List<String> notes = new ArrayList<>();
    /** What the operator's scripts created outside the run's project (kind, id, name, detail, created_by): removed at teardown. */
    public List<Map<String, String>> createdByScripts = new ArrayList<>();
    public List<CriterionResult> criteria = new ArrayList<>();
    public Timings timings = new Timings();
    /** What each of the operator's waivers did in this run (applied, expired, not matching, no longer needed, not applied). */
    public List<dev.orchestrator.gate.waivers.WaiverUse> waivers = new ArrayList<>();
    /** The run's availability record: the lanes' gaps, the actions with what each lane saw, the soak's span (absent when it never began). */
    public dev.orchestrator.gate.availability.Availability.Report availability;
    /** This run against the earlier runs of the same target in the same report folder (see {@link Trend}). */
    public Map<String, Object> trend;

    /** Masks, by value, every secret this run has seen (environment, env file, compose model) in all it writes. */
    @JsonIgnore
    private final SecretMasker masker = new SecretMasker();

    /** The operator's waivers for this run (none until the run has read them). */
    @JsonIgnore
    private volatile dev.orchestrator.gate.waivers.Waivers waiverFile = dev.orchestrator.gate.waivers.Waivers.none();

    /** Where and how the report is written (set by the listener when the plan starts; not part of the report). */
    @JsonIgnore
    ReportListener.ReportSettings reportSettings;
    @JsonIgnore
    final AtomicBoolean finishing = new AtomicBoolean();
    @JsonIgnore
    volatile boolean interrupted;
    @JsonIgnore
    volatile boolean reportWritten;
    /** The criteria the JUnit plan holds (by their tags), and how the plan was filtered when it was: the verdict is over the catalogue. */
    @JsonIgnore
    volatile java.util.Set<Criterion> planned = java.util.EnumSet.allOf(Criterion.class);
    @JsonIgnore
    volatile String planFilter = "";

    /** The run's exit code as the process reports it: the report's, or 2 when no report was written. */
    public int exitCodeOfTheRun() {
        return reportWritten ? exitCode : 2;
    }

    public RunRecord() {
        // what is known before the gate looks at anything: a report written after an early error stays valid
        suite.put("name", "orchestrator-release-gate");
        suite.put("version", "0.1.0");
        suite.put("git", "unknown");
        environment.put("docker_engine", "unknown");
        environment.put("compose", "unknown");
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        environment.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    }

    /** The waivers this run judges its failures by (set once, when the run has read and validated them). */
    public void waiveWith(dev.orchestrator.gate.waivers.Waivers waivers) {
        this.waiverFile = waivers;
    }

    public dev.orchestrator.gate.waivers.Waivers waiverFile() {
        return waiverFile;
    }

    /**
     * A judged criterion meets its waiver, if it has one: a failure the waiver covers does not block; a failure it
     * does not cover (expired, another failure) says why in its summary.
     */
    public void waive(CriterionResult result) {
        waiverFile.use(result.id, new dev.orchestrator.gate.waivers.Waivers.Judged(result.status.name(), result.summary)).ifPresent(use -> {
            result.waiverUse = use;
            switch (use.state()) {
                case applied -> result.waived = use;
                case expired, not_matching -> result.summary += "; " + masker.mask(use.line());
                default -> {
                }
            }
        });
    }

    /** The criteria whose failure a waiver covers in this run. */
    public java.util.Set<String> waivedCriteria() {
        return criteria.stream().filter(r -> r.waived != null).map(r -> r.id).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    public SecretMasker masker() {
        return masker;
    }

    /** One console line of this run, masked. */
    public void log(String line) {
        System.out.println("[gate] " + masker.mask(line));
    }

    public synchronized CriterionResult result(Criterion criterion) {
        return criteria.stream().filter(r -> r.id.equals(criterion.id())).findFirst().orElseGet(() -> {
            CriterionResult r = CriterionResult.of(criterion);
            criteria.add(r);
            criteria.sort((a, b) -> a.id.compareTo(b.id));
            return r;
        });
    }

    public synchronized void note(String note) {
        notes.add(note);
    }
}
