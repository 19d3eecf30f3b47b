package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.run.GateMain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** The gate started as its own OS process (own process group), with its console captured line by line. */
final class GateProcess implements AutoCloseable {

    /** A console line and when it arrived, in seconds since the process started. */
    record Line(double at, String text) {
    }

    private final Process process;
    private final long startNanos = System.nanoTime();
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private GateProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "gate-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static GateProcess start(Map<String, String> config, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("setsid", "java", "-cp", System.getProperty("java.class.path"),
                "-Dacceptance.project.dir=" + GateRuns.PROJECT, GateMain.class.getName()));
        config.forEach((k, v) -> command.add(k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(GateRuns.PROJECT.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
        builder.environment().put("TESTCONTAINERS_CHECKS_DISABLE", "true");
        builder.environment().put("TESTCONTAINERS_DOCKER_CLIENT_STRATEGY", "org.testcontainers.dockerclient.EnvironmentAndSystemPropertyClientProviderStrategy");
        try {
            return new GateProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(new Line((System.nanoTime() - startNanos) / 1e9, line));
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    Line awaitLine(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        return await("gate console line /" + regex + "/").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .failFast("the gate process exited first:\n" + tail(), () -> !process.isAlive() && lines.stream().noneMatch(l -> pattern.matcher(l.text()).find()))
                .until(() -> lines.stream().filter(l -> pattern.matcher(l.text()).find()).findFirst().orElse(null), l -> l != null);
    }

    /** SIGTERM to the whole process group, as a CI cancel does. */
    void terminate() {
        Commands.killGroup(process.pid(), "TERM");
    }

    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Commands.killGroup(process.pid(), "KILL");
                throw new AssertionError("the gate process did not exit within " + timeout.toSeconds() + " s:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String output() {
        StringBuilder all = new StringBuilder();
        lines.forEach(l -> all.append(l.text()).append('\n'));
        return all.toString();
    }

    String tail() {
        int from = Math.max(0, lines.size() - 15);
        StringBuilder t = new StringBuilder();
        lines.subList(from, lines.size()).forEach(l -> t.append(String.format("%6.1f %s%n", l.at(), l.text())));
        return t.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Commands.killGroup(process.pid(), "KILL");
        }
    }
}
