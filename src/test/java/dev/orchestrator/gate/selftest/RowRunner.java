package dev.orchestrator.gate.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.judge.GateMain;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.run.RunLock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One self-test run as a program of its lane (started inside the lane's network namespace, with its engine as
 * DOCKER_HOST): what the test puts on the engine before the run ({@link RowFixtures}: a foreign network, a neighbour),
 * removed after it even when the run is stopped, the engine and the host as they were, the gate run itself in this JVM, and what the run left
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

    /** Writes {@code job} to a file of {@code dir}: the program's two arguments, the job's file and its result's. */
    static List<String> arguments(Job job, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path in = Files.createTempFile(dir, "job-", ".json");
        new ObjectMapper().writeValue(in.toFile(), job);
        return List.of(in.toString(), dir.resolve(in.getFileName().toString().replace("job-", "result-")).toString());
    }

    /** What the run did: its exit code, its refusal (if any), its time, what it left behind (in words) and the image names it added. */
    record Result(int exitCode, String gateError, long tookMs, List<String> leftovers, List<String> imagesAdded) {
    }

    /**
     * With two arguments (a job file and a result file): that one row, then exits. Without: a lane's warm runner
     * ({@link RowRunners}), one row per input line ("job file TAB result file"), each followed by its {@link RowRunners#DONE} line,
     * until its input ends. Either way it ends with its parent (its input's end): a row under way is torn down by the gate's
     * shutdown hook, its fixtures by theirs.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2) {
            GateMain.watchParent(); // a self-test JVM that dies (a CI cancel) takes its rows' runs with it, each with its teardown
            runOne(Path.of(args[0]), Path.of(args[1]));
            System.exit(0);
        }
        System.out.println(RowRunners.READY);
        BlockingQueue<Optional<String>> jobs = new LinkedBlockingQueue<>();
        Turn turn = new Turn();
        Thread input = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    jobs.add(Optional.of(line));
                }
            } catch (IOException ignored) {
                // a broken pipe is the parent gone, too
            }
            if (!turn.parentGone()) {
                System.out.println("[gate] the process that started this run is gone: tearing down");
                System.exit(2);
            }
            jobs.add(Optional.empty());
        }, "row-runner-input");
        input.setDaemon(true);
        input.start();
        for (Optional<String> job = jobs.take(); job.isPresent() && turn.begin(); job = jobs.take()) {
            String[] files = job.get().split(RowRunners.SEPARATOR);
            Optional<String> spoiled;
            try {
                runOne(Path.of(files[0]), Path.of(files[1]));
                spoiled = RunLock.heldHere() ? Optional.of("a gate run of this JVM still holds its run lock after its end") : Optional.empty();
            } catch (Throwable e) { // no result: the row could not run, its console says why; what it left in this JVM goes with it
                e.printStackTrace(System.out);
                spoiled = Optional.of("the row could not run: " + e);
            } finally {
                turn.end();
            }
            System.gc(); // between rows, not during the next one's measurements
            Runtime jvm = Runtime.getRuntime();
            System.out.printf("[row-runner] heap in use after the row: %d MB of %d MB%n", (jvm.totalMemory() - jvm.freeMemory()) >> 20, jvm.maxMemory() >> 20);
            spoiled.ifPresent(why -> System.out.println(RowRunners.RETIRING + why));
            System.out.println(RowRunners.DONE + files[1]);
        }
        System.exit(0);
    }

    /** What a warm runner's two threads share: whether a row is under way, and whether its parent is gone. */
    private static final class Turn {
        private boolean busy;
        private boolean parentGone;

        /** A row begins; false when the parent is gone (no row starts then). */
        synchronized boolean begin() {
            busy = !parentGone;
            return busy;
        }

        synchronized void end() {
            busy = false;
        }

        /** The input ended; true when no row is under way (else the row is torn down: the JVM exits through its shutdown hooks). */
        synchronized boolean parentGone() {
            parentGone = true;
            return !busy;
        }
    }

    private static void runOne(Path jobFile, Path resultFile) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Result result = run(json.readValue(jobFile.toFile(), Job.class));
        json.writeValue(resultFile.toFile(), result);
    }

    static Result run(Job job) {
        DockerEngine engine = new DockerEngine();
        try (RowFixtures fixtures = new RowFixtures(engine)) {
            job.networks().forEach(fixtures::withNetwork);
            job.containers().forEach(fixtures::withContainer);
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
        }
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
