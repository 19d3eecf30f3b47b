package dev.orchestrator.gate.platform;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.process.CommandResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Step 3 (coolify-deploy.md, "Naming modes and the stop step"): with timestamped names, every container labelled
 * {@code coolify.applicationId=<id>} (except the names about to be used) gets a graceful stop, with the application's
 * stop grace period and the flag Coolify's {@code dockerStopCommand} uses for the engine's version, and is removed; with
 * consistent names only the application's base name ({@code <uuid>}) is, and a compose application's containers are
 * left to compose's own recreate in project {@code <uuid>}. A container without the label is never touched.
 */
final class StopOldContainers implements CoolifyStep {

    /**
     * Coolify's {@code docker stop} (dockerStopCommand): its grace period, with the flag the docker CLI that runs it takes
     * ({@code --timeout} from CLI 28.0, {@code --time} before): the CLI parses the flag, whatever the engine's version.
     */
    record Stop(Duration grace, String flag) {
        static Stop of(String cliVersion, Duration grace) {
            return new Stop(grace, major(cliVersion) >= 28 ? "--timeout" : "--time");
        }

        static int major(String version) {
            try {
                return Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
            } catch (RuntimeException e) {
                return 0;
            }
        }

        List<String> command(List<String> names) {
            List<String> stop = new ArrayList<>(List.of("docker", "stop", flag + "=" + grace.toSeconds()));
            stop.addAll(names);
            return stop;
        }
    }

    /** Beyond the grace period, what a stop and a remove may take before the step is a hang. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final DockerEngine engine;
    private final Stop stop;
    private final Predicate<Container> old;
    private final String which;

    private StopOldContainers(DockerEngine engine, Stop stop, Predicate<Container> old, String which) {
        this.engine = engine;
        this.stop = stop;
        this.old = old;
        this.which = which;
    }

    /** Timestamped names: the app's labelled containers but the names about to be used. */
    static StopOldContainers byLabel(DockerEngine engine, Stop stop, List<String> namesAboutToBeUsed) {
        return new StopOldContainers(engine, stop, c -> !namesAboutToBeUsed.contains(DockerEngine.name(c)), "labelled");
    }

    /** Consistent names: the application's base name only. */
    static StopOldContainers byBaseName(DockerEngine engine, Stop stop, String baseName) {
        return new StopOldContainers(engine, stop, c -> DockerEngine.name(c).equals(baseName), "named " + baseName + " and labelled");
    }

    @Override
    public Deployment.Step run(CoolifyWorkdir workdir) {
        long start = System.nanoTime();
        List<Container> old = engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("coolify.applicationId", String.valueOf(workdir.app().id()))).exec().stream()
                .filter(this.old).toList();
        if (old.isEmpty()) {
            return Deployment.Step.done("stop the app's old containers", "none " + which + " coolify.applicationId=" + workdir.app().id(),
                    Duration.ofNanos(System.nanoTime() - start)).asPlatformsOwn();
        }
        List<String> names = old.stream().map(DockerEngine::name).toList();
        List<String> stop = this.stop.command(names);
        CommandResult stopped = workdir.run(this.stop.grace().plus(MARGIN), stop);
        List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
        rm.addAll(names);
        CommandResult removed = workdir.run(MARGIN, rm);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // said as it happened: a stop that failed (an unknown flag, a hang) was no graceful stop, whatever rm -f did after it
        String how = stopped.ok() ? "stopped gracefully (grace " + this.stop.grace().toSeconds() + " s) and removed"
                : "not stopped gracefully (" + stopped.describe() + ": " + stopped.tail(1).strip() + "), removed by force";
        String what = how + ": " + String.join(", ", names) + " (labelled coolify.applicationId=" + workdir.app().id() + ")";
        return removed.ok() ? new Deployment
                .Step("stop the app's old containers", String.join(" ", stop) + " && " + String.join(" ", rm), true, what, took, true)
                : new Deployment.Step("stop the app's old containers", String.join(" ", rm), false, stopped.output() + "\n" + removed.output(), took, true);
    }
}
