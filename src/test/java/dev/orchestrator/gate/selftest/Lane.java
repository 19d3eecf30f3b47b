package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.docker.DockerEngine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a self-test's gate run goes: lane 0 is this machine's own engine, in this machine's network; a lane above 0 is a
 * network namespace of its own with a Docker engine of its own inside it (fixtures/selftest/lane.sh), so that runs on
 * two lanes never meet each other's port 9403, container names, coolify network, cleanup scripts or run locks. A lane's
 * programs run inside its namespace with its engine as DOCKER_HOST and a temporary folder of its own.
 */
record Lane(int number, String dockerHost, Path tmpDir) {

    static final String NAMESPACE_PREFIX = "ogate-lane-";

    /** Lane 0: this machine's engine, network and temporary folder. */
    static Lane thisMachine() {
        return new Lane(0, DockerEngine.dockerHost(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    boolean main() {
        return number == 0;
    }

    /** The command that runs {@code command} inside the lane (in its network namespace; lane 0: as it is). */
    List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>();
        if (!main()) {
            // nsenter, not `ip netns exec`: the latter remounts /sys, and Chromium and the engine's tools want the host's
            full.addAll(List.of("nsenter", "--net=/var/run/netns/" + NAMESPACE_PREFIX + number));
        }
        full.addAll(command);
        return full;
    }

    /** What a program of the lane gets on top of the self-test's environment: the lane's engine and temporary folder. */
    Map<String, String> environment() {
        return main() ? Map.of() : Map.of("DOCKER_HOST", dockerHost, "TMPDIR", tmpDir.toString());
    }

    /** The JVM options of a Java program of the lane (its temporary folder: the gate's run locks and folders). */
    List<String> jvmOptions() {
        return main() ? List.of() : List.of("-Djava.io.tmpdir=" + tmpDir);
    }

    @Override
    public String toString() {
        return main() ? "lane 0 (this machine's engine)" : "lane " + number + " (" + NAMESPACE_PREFIX + number + ")";
    }
}
