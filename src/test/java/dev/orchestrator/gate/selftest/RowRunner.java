package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.judge.GateMain;
import dev.orchestrator.gate.report.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One self-test run as a program of its lane (started inside the lane's network namespace, with its engine as
 * DOCKER_HOST): what the test puts on the engine before the run (networks, containers: a foreign network, a neighbour,
 * an external database), the engine and the host as they were, the gate run itself in this JVM, and what the run left
 * behind (objects, listeners, browser processes, temporary folders, images without a name) as its lane sees it, with
 * the image names it added. Reads its job from the JSON file named by its first argument and writes the result as JSON
 * to the file named by its second.
 */
public final class RowRunner {

    /** The label of what a self-test puts on the engine itself (never the gate's). */
    static final String LABEL = "io.orchestrator-gate.selftest";

    private RowRunner() {
    }

    /** A container the test runs before the gate: its name, image, command (empty: the image's), environment, network and published port. */
    record Fixture(String name, String image, List<String> command, List<String> environment, String network, int hostPort, int containerPort) {

        /** A neighbour service named like the one under test (the real host ran orchestrator-ts beside it), on a port of its own (8003). */
        static Fixture neighbour(String name) {
            return new Fixture(name, "orchestrator-gate-base:bookworm-1", List.of("sleep", "900"), List.of(), "", 18003, 8003);
        }
    }

    /**
     * What a test asks of its lane: the gate's configuration, the tags its plan leaves out, the networks that must exist (made
     * when missing, removed after only then) and the containers that run beside the stack during the run.
     */
    record Job(Map<String, String> config, List<String> excludedTags, List<String> networks, List<Fixture> containers) {

        static Job of(Map<String, String> config) {
            return new Job(config, List.of(), List.of(), List.of());
        }
    }

    /** What the run did: its exit code, its refusal (if any), its time, what it left behind (in words) and the image names it added. */
    record Result(int exitCode, String gateError, long tookMs, List<String> leftovers, List<String> imagesAdded) {
    }

    public static void main(String[] args) throws IOException {
        GateMain.watchParent(); // a self-test JVM that dies (a CI cancel) takes its rows' runs with it, each with its teardown
        ObjectMapper json = new ObjectMapper();
        Job job = json.readValue(Path.of(args[0]).toFile(), Job.class);
        Result result = run(job);
        json.writeValue(Path.of(args[1]).toFile(), result);
        System.exit(0);
    }

    static Result run(Job job) {
        DockerEngine engine = new DockerEngine();
        List<String> made = new ArrayList<>();
        List<String> started = new ArrayList<>();
        try {
            for (String network : job.networks()) {
                if (engine.network(network).isEmpty()) {
                    engine.client().createNetworkCmd().withName(network).withLabels(Map.of(LABEL, "fixture")).exec();
                    made.add(network);
                }
            }
            job.containers().forEach(c -> started.add(start(engine, c)));
            EngineSnapshot before = EngineSnapshot.take(engine);
            Set<String> imagesBefore = imageTags(engine);
            Set<String> namelessBefore = EngineSnapshot.namelessImages(engine);
            long start = System.nanoTime();
            var record = GateMain.execute(job.config(), job.excludedTags());
            long took = (System.nanoTime() - start) / 1_000_000;
            List<String> left = new ArrayList<>(before.leftoversIn(EngineSnapshot.take(engine)));
            Set<String> nameless = EngineSnapshot.namelessImages(engine);
            nameless.removeAll(namelessBefore);
            nameless.forEach(id -> left.add("image without a name " + id));
            Set<String> added = imageTags(engine);
            added.removeAll(imagesBefore);
            return new Result(record.map(RunRecord::exitCodeOfTheRun).orElse(2), record.flatMap(RunRecord::gateError).orElse(""), took, left,
                    List.copyOf(added));
        } finally {
            // a fixture the scenario under test removed (a cleanup script that removes by name) is already gone
            started.forEach(id -> {
                try {
                    engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                } catch (NotFoundException gone) {
                    // removed by the script under test: what the row proves
                }
            });
            made.forEach(network -> engine.network(network).ifPresent(n -> engine.client().removeNetworkCmd(n.getId()).exec()));
        }
    }

    private static String start(DockerEngine engine, Fixture c) {
        HostConfig host = HostConfig.newHostConfig();
        CreateContainerCmd create = engine.client().createContainerCmd(c.image()).withName(c.name()).withLabels(Map.of(LABEL, "fixture"));
        if (!c.command().isEmpty()) {
            create.withCmd(c.command());
        }
        if (!c.environment().isEmpty()) {
            create.withEnv(c.environment());
        }
        if (!c.network().isEmpty()) {
            host.withNetworkMode(c.network());
        }
        if (c.containerPort() > 0) {
            create.withExposedPorts(ExposedPort.tcp(c.containerPort()));
            host.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", c.hostPort()), ExposedPort.tcp(c.containerPort())));
        }
        String id = create.withHostConfig(host).exec().getId();
        engine.client().startContainerCmd(id).exec();
        return id;
    }

    /** The image names on the engine. */
    static Set<String> imageTags(DockerEngine engine) {
        Set<String> tags = new TreeSet<>();
        engine.client().listImagesCmd().exec().forEach(i -> {
            if (i.getRepoTags() != null) {
                tags.addAll(List.of(i.getRepoTags()));
            }
        });
        return tags;
    }
}
