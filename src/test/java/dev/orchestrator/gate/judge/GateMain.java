package dev.orchestrator.gate.judge;

import dev.orchestrator.gate.report.ReportListener;
import dev.orchestrator.gate.report.ReportSession;
import dev.orchestrator.gate.report.RunRecord;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The gate as a plain program: runs the JUnit adapter through the JUnit Platform launcher with
 * {@code key=value} arguments as configuration and exits with the report's code (0, 1, 2). The
 * self-tests start it as a separate process to interrupt it or run two at once.
 */
public final class GateMain {

    public static final String ACCEPTANCE_PACKAGE = "dev.orchestrator.gate.acceptance";
    /** Argument: the program's stdin is its parent's pipe; when it closes (the parent died), the run tears down and exits. */
    public static final String EXIT_WITH_PARENT = "--exit-with-parent";
    /** The phase classes, named as Failsafe includes them ({@code **}{@code /acceptance/*IT.java}). */
    static final String PHASE_CLASSES = ".*IT";

    private GateMain() {
    }

    /** Runs the gate in this JVM with the given configuration; returns the report's exit code (2 when no report was written). */
    public static int run(Map<String, String> configuration) {
        return run(configuration, List.of());
    }

    /**
     * As {@link #run(Map)}, with the criteria tests tagged {@code excludedTags} pruned from the JUnit plan, as
     * Failsafe's -DexcludedGroups does: the verdict, computed over the catalogue, must say so.
     */
    public static int run(Map<String, String> configuration, List<String> excludedTags) {
        return execute(configuration, excludedTags).map(RunRecord::exitCodeOfTheRun).orElse(2);
    }

    /** Runs the gate in this JVM; the run's record (its report, or its refusal when none could be written), if the plan held criteria. */
    public static Optional<RunRecord> execute(Map<String, String> configuration, List<String> excludedTags) {
        Map<String, String> parameters = new LinkedHashMap<>(configuration);
        parameters.put(ReportListener.PLAN_FILTER, ""); // this launcher's plan: the caller's Maven properties are not its filters
        var discovery = request().selectors(selectPackage(ACCEPTANCE_PACKAGE)).filters(includeClassNamePatterns(PHASE_CLASSES));
        if (!excludedTags.isEmpty()) {
            discovery.filters(TagFilter.excludeTags(excludedTags));
            parameters.put(ReportListener.PLAN_FILTER, "--exclude-tag " + String.join(",", excludedTags));
        }
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(discovery.configurationParameters(parameters).build());
            return ReportSession.record(session);
        }
    }

    /**
     * Exits (through the shutdown hook: the run's teardown, report "interrupted") once stdin reaches its end: for a program
     * that runs a gate for another process which may die first (the self-tests' row runner too).
     */
    public static void watchParent() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing: only the end of the stream matters
                }
            } catch (IOException ignored) {
                // a broken pipe is the parent gone, too
            }
            System.out.println("[gate] the process that started this run is gone: tearing down");
            System.exit(2);
        }, "gate-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    public static void main(String[] args) {
        Map<String, String> configuration = new LinkedHashMap<>();
        List<String> excluded = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(EXIT_WITH_PARENT)) {
                watchParent();
                continue;
            }
            if (arg.startsWith("--exclude-tag=")) {
                excluded.addAll(List.of(arg.substring("--exclude-tag=".length()).split(",")));
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq < 1) {
                System.err.println("usage: GateMain [--exclude-tag=AC-xx,...] key=value ... (keys as in the README); got '" + arg + "'");
                System.exit(2);
            }
            configuration.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        System.exit(run(configuration, excluded));
    }
}
