package dev.orchestrator.gate.selftest;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Where the self-tests' time goes, written by the run itself: each self-test class's wall time, and the defect matrix's
 * (its rows, their time, the slowest five with their phases and lanes), in reports/selftest/timings.md when the plan
 * ends; and the lanes stopped then. Registered for every plan (META-INF/services); it acts only on a plan of self-tests (the
 * package's {@code *IT} classes: its unit tests run with the others).
 */
public final class SelfTestTimings implements TestExecutionListener {

    /** A slow row: its id, its time, its lane, the run's phases. */
    record Slow(String id, double seconds, int lane, Map<String, Double> phases) {
    }

    private record Matrix(double wallS, double rowsS, int rows, List<Slow> slowest) {
    }

    private static volatile Matrix matrix;

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Double> took = new ConcurrentHashMap<>();
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private long planStarted;
    private boolean selfTests;

    /** The matrix's own figures, handed in when it has run. */
    static void matrix(double wallS, double rowsS, int rows, List<Slow> slowest) {
        matrix = new Matrix(wallS, rowsS, rows, List.copyOf(slowest));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        planStarted = System.nanoTime();
        selfTests = plan.getRoots().stream().flatMap(r -> plan.getChildren(r).stream()).anyMatch(SelfTestTimings::isSelfTest);
    }

    private static boolean isSelfTest(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getClassName())
                .filter(n -> n.startsWith(SelfTestTimings.class.getPackageName() + ".") && n.endsWith("IT")).isPresent(); // not a unit test of the package
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (selfTests && isSelfTest(id)) {
            started.put(id.getDisplayName(), System.nanoTime());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long start = started.get(id.getDisplayName());
        if (selfTests && start != null && isSelfTest(id)) {
            took.put(id.getDisplayName(), (System.nanoTime() - start) / 1e9);
            results.put(id.getDisplayName(), result.getStatus().name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!selfTests) {
            return;
        }
        Lanes.close();
        double wall = (System.nanoTime() - planStarted) / 1e9;
        List<String> lines = new ArrayList<>(List.of("# Where the self-tests' time goes", "",
                String.format(Locale.ROOT,
                        "Self-tests from the first to the last: %.0f s (%.1f min), %d lanes beside each other (lane 0 is this machine's engine)."
                        + " Written by `SelfTestTimings` at the end of `mvn verify -Pselftest`.", wall, wall / 60, Lanes.COUNT + 1), "",
                "| self-test | wall time (its wait for a lane included) | result |", "|---|---|---|"));
        took.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> lines.add(String.format(Locale.ROOT, "| %s | %.0f s | %s |", e.getKey(), e.getValue(), results.get(e.getKey()))));
        Matrix m = matrix;
        if (m != null) {
            lines.addAll(List.of("", String.format(Locale.ROOT, "The defect matrix: %d rows, %.0f s of rows, %.0f s from the first to the last.", m.rows(),
                    m.rowsS(), m.wallS()), "", "| slowest rows | time | lane | phases |", "|---|---|---|---|"));
            for (Slow s : m.slowest()) {
                String phases = s.phases().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "));
                lines.add(String.format(Locale.ROOT, "| %s | %.0f s | %d | %s |", s.id(), s.seconds(), s.lane(), phases));
            }
        }
        Path out = GateRuns.PROJECT.resolve("reports/selftest/timings.md");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(String.join("\n", lines));
    }
}
