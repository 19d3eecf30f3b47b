package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.HostPorts;
import dev.orchestrator.gate.run.RunLock;
import org.assertj.core.api.Assertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What is on the engine, the gate's host ports, the browser processes and the temporary folders
 * of the gate and of Chromium: taken before and after a run to prove nothing was left.
 */
record EngineSnapshot(Set<String> containers, Set<String> networks, Set<String> volumes, Set<String> listeners, Set<String> browsers,
                      Set<String> tempFolders) {

    static final int[] PORTS = {9403, 9480};
    /**
     * The run's folder (ogate-*), the suite's own (release-gate-*), and what Chromium leaves when it is killed; not a lane's
     * own folder (ogate-lane-N-tmp: the self-tests' lanes make it when the lane is ready, which may be during a self-test, and
     * remove it when they stop).
     */
    private static final Pattern TEMP_NAMES = Pattern
            .compile("(?!" + Lane.NAMESPACE_PREFIX + "\\d+-tmp$)ogate-.*|release-gate-.*|org\\.chromium\\.Chromium\\..*");

    /**
     * What is there now, leaving out what belongs to a gate run that is still going (the defect matrix's
     * soak lane runs beside the other rows): by its run label, its compose project or its folder name.
     */
    static EngineSnapshot take(DockerEngine engine) {
        return take(engine, PORTS);
    }

    /** As {@link #take(DockerEngine)}, with the listeners of {@code ports}. */
    static EngineSnapshot take(DockerEngine engine, int[] ports) {
        Set<String> live = RunLock.liveRunIds();
        Predicate<Map<String, String>> ofLiveRun = labels -> GateLabels.ofAnyRun(labels, live);
        Set<String> containers = new TreeSet<>();
        engine.allContainers().stream().filter(c -> !ofLiveRun.test(c.getLabels()))
                .forEach(c -> containers.add(DockerEngine.name(c) + " " + c.getId().substring(0, 12)));
        Set<String> networks = new TreeSet<>();
        engine.client().listNetworksCmd().exec().stream().filter(n -> !ofLiveRun.test(n.getLabels())).forEach(n -> networks.add(n.getName()));
        Set<String> volumes = new TreeSet<>();
        var list = engine.client().listVolumesCmd().exec().getVolumes();
        if (list != null) {
            list.stream().filter(v -> !ofLiveRun.test(v.getLabels())).forEach(v -> volumes.add(v.getName()));
        }
        Set<String> listeners = new TreeSet<>();
        for (int port : ports) {
            HostPorts.listeners(port).ifPresent(l -> l.forEach(x -> listeners.add(x.describe())));
        }
        Set<String> temp = currentTempFolders();
        temp.removeIf(name -> live.stream().anyMatch(id -> name.startsWith(GateLabels.PROJECT_PREFIX + id + "-")));
        return new EngineSnapshot(containers, networks, volumes, listeners, browserProcesses(), temp);
    }

    /** The ids of the images without a name (what a build leaves when it moves a name to a new image). */
    static Set<String> namelessImages(DockerEngine engine) {
        Set<String> ids = new TreeSet<>();
        engine.client().listImagesCmd().withDanglingFilter(true).exec().forEach(i -> ids.add(i.getId()));
        return ids;
    }

    /** The suite's and Chromium's entries in the temporary folder. */
    static Set<String> currentTempFolders() {
        Set<String> found = new TreeSet<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var entries = Files.list(tmp)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> TEMP_NAMES.matcher(n).matches()).forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /**
     * Running chromium and chromedriver processes of this machine in this program's network (a lane's runs, in a network of
     * their own, start browsers of their own meanwhile); zombies have no command and are not counted.
     */
    static Set<String> browserProcesses() {
        Set<String> browsers = new TreeSet<>();
        String network = network(ProcessHandle.current().pid());
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> network.equals(network(p.pid()))).forEach(p -> p.info().command()
                .filter(c -> c.endsWith("/chromium") || c.endsWith("/chromedriver") || c.endsWith("/chrome"))
                .ifPresent(c -> browsers.add(c + " (pid " + p.pid() + ")")));
        return browsers;
    }

    /** The network namespace process {@code pid} is in ("" when it cannot be read: it ended). */
    private static String network(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "net")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    /** Runs {@code body} against the engine and fails when it leaves anything behind that was not there before. */
    static void assertLeavesNothing(String what, Consumer<DockerEngine> body) {
        DockerEngine engine = new DockerEngine();
        EngineSnapshot before = take(engine);
        body.accept(engine);
        Assertions.assertThat(before.leftoversIn(take(engine))).as("left behind by %s", what).isEmpty();
    }

    /** What is in {@code after} and not here: leftovers, in words. */
    List<String> leftoversIn(EngineSnapshot after) {
        List<String> left = new ArrayList<>();
        after.containers.stream().filter(c -> !containers.contains(c)).forEach(c -> left.add("container " + c));
        after.networks.stream().filter(n -> !networks.contains(n)).forEach(n -> left.add("network " + n));
        after.volumes.stream().filter(v -> !volumes.contains(v)).forEach(v -> left.add("volume " + v));
        after.listeners.stream().filter(l -> !listeners.contains(l)).forEach(l -> left.add("listener " + l));
        after.browsers.stream().filter(b -> !browsers.contains(b)).forEach(b -> left.add("browser process " + b));
        after.tempFolders.stream().filter(t -> !tempFolders.contains(t)).forEach(t -> left.add("temporary file " + t));
        return left;
    }

    String describe() {
        return containers.size() + " containers, " + networks.size() + " networks, " + volumes.size() + " volumes, listeners " + listeners
                + ", browser processes " + browsers + ", " + tempFolders.size() + " temporary folders";
    }
}
