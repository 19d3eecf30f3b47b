package dev.orchestrator.gate.report;

import dev.orchestrator.gate.catalogue.Criterion;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the report of a test plan that holds criteria (tests tagged AC-xx): a {@link RunRecord} with every
 * criterion of the catalogue, the plan's own criteria noted (a criterion the plan lacks is judged over the
 * catalogue, never forgotten), put where the gate's extension finds it. It finishes the report at the end of
 * the plan if the run did not (a JUnit crash before the adapter's end).
 */
public final class ReportListener implements TestExecutionListener {

    /** Configuration parameter by which a launcher names the filter it applied (GateMain's tag filters; "" for none). */
    public static final String PLAN_FILTER = "gate.plan.filter";
    /** The Maven properties by which Failsafe and Surefire filter a plan. */
    private static final List<String> MAVEN_FILTERS = List.of("it.test", "test", "groups", "excludedGroups");

    private final NamespacedHierarchicalStore<Namespace> sessionStore;
    private RunRecord record;

    ReportListener(NamespacedHierarchicalStore<Namespace> sessionStore) {
        this.sessionStore = sessionStore;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Set<Criterion> planned = EnumSet.noneOf(Criterion.class);
        plan.getRoots().forEach(root -> plan.getDescendants(root).forEach(id -> criterionOf(id).ifPresent(planned::add)));
        if (planned.isEmpty()) {
            return;
        }
        record = new RunRecord();
        RunSettings settings = RunSettings.read(plan.getConfigurationParameters()::get);
        record.reportSettings = settings.report();
        record.masker().addFromEnvironment(System.getenv());
        record.planned = planned;
        record.planFilter = filter(plan.getConfigurationParameters().get(PLAN_FILTER));
        ReportSession.put(sessionStore, record, settings);
    }

    /**
     * How the plan was filtered ("-DexcludedGroups=AC-14,AC-15"); "" when unknown. A launcher that names its own
     * filter (GateMain) is taken at its word; under Maven, its user properties reach the forked JVM as system properties.
     */
    static String filter(Optional<String> launcherFilter) {
        if (launcherFilter.isPresent()) {
            return launcherFilter.get();
        }
        List<String> filters = new ArrayList<>();
        MAVEN_FILTERS.forEach(key -> Optional.ofNullable(System.getProperty(key)).filter(v -> !v.isBlank()).ifPresent(v -> filters.add("-D" + key + "=" + v)));
        return String.join(" ", filters);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (record != null) {
            ReportFinisher.finish(record);
            record = null;
        }
    }

    static Optional<Criterion> criterionOf(TestIdentifier id) {
        if (!id.isTest()) {
            return Optional.empty();
        }
        return id.getTags().stream().map(TestTag::getName).map(Criterion::byId).flatMap(Optional::stream).findFirst();
    }

    /** What the report needs to know of the run's settings: where it goes, the criteria selected, strict or not, the run file. */
    public record ReportSettings(Path reportsDir, Set<String> selected, boolean strict, Optional<Path> runFile) {
    }
}
