package dev.orchestrator.gate.run;

import dev.orchestrator.gate.report.ReportSession;
import dev.orchestrator.gate.report.RunRecord;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The gate as a plain program: runs the acceptance phases through the JUnit Platform launcher with
 * {@code key=value} arguments as configuration and exits with the report's code (0, 1, 2). The
 * self-tests start it as a separate process to interrupt it or run two at once.
 */
public final class GateMain {

    public static final String ACCEPTANCE_PACKAGE = "dev.orchestrator.gate.acceptance";
    /** The phase classes, named as Failsafe includes them ({@code **}{@code /acceptance/*IT.java}). */
    static final String PHASE_CLASSES = ".*IT";

    private GateMain() {
    }

    /** Runs the phases in this JVM with the given configuration; returns the report's exit code (2 when no report was written). */
    public static int run(Map<String, String> configuration) {
        // the phases only, as Failsafe's include does: the package's unit tests are no phase of the gate
        LauncherDiscoveryRequest discovery = request().selectors(selectPackage(ACCEPTANCE_PACKAGE))
                .filters(includeClassNamePatterns(PHASE_CLASSES)).configurationParameters(configuration).build();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(discovery);
            return ReportSession.record(session).map(RunRecord::exitCodeOfTheRun).orElse(2);
        }
    }

    public static void main(String[] args) {
        Map<String, String> configuration = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                System.err.println("usage: GateMain key=value ... (keys as in the README); got '" + arg + "'");
                System.exit(2);
            }
            configuration.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        System.exit(run(configuration));
    }
}
