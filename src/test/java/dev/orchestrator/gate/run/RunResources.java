package dev.orchestrator.gate.run;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.EngineInventory;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.ImageNames;
import dev.orchestrator.gate.docker.PlantedResources;
import dev.orchestrator.gate.failure.GateRefusedException;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.process.Folders;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.stack.ComposeCli;
import dev.orchestrator.gate.stack.ReleaseImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one run holds and creates besides its services: the lock, the planted objects, an external
 * network it had to create, its temporary folder. Released exactly once, with the compose project.
 */
final class RunResources {

    static final Duration COMPOSE_DOWN_TIMEOUT = Duration.ofSeconds(120);
    /** Every temporary folder of a run is named {@code ogate-<run id>-...}, as its compose project. */
    private static final String TEMP_PREFIX = GateLabels.PROJECT_PREFIX;
    /** The folders only a stack run makes, after it holds its lock: {@code ogate-<run id>-coolify-app}, {@code ogate-<run id>-files}. */
    private static final Pattern STACK_RUN_FOLDER = Pattern.compile(
            Pattern.quote(TEMP_PREFIX) + "(\\d{14}[0-9a-f]{4})-(coolify-app|files)\\d*");

    private final String runId;
    private final RunRecord record;
    private volatile DockerEngine engine;
    private volatile RunLock lock;
    private volatile Path runDir;
    private boolean released;
    private final List<Path> tempFolders = new ArrayList<>();
    private volatile PlantedResources planted;
    private final List<String> createdNetworks = new ArrayList<>();
    private volatile ScriptCreations scriptCreations;
    private volatile ImageNames imageNames;

    RunResources(String runId, RunRecord record) {
        this.runId = runId;
        this.record = record;
    }

    /** From here on everything is created on {@code engine}, one run at a time per engine and port. */
    void lock(DockerEngine engine, int port) {
        this.engine = engine;
        this.lock = RunLock.acquire(RunLock.pathFor(DockerEngine.dockerHost(), port), runId);
    }

    /** The run's folder for its own files (the image pins), created on first use. */
    synchronized Path runDir() {
        if (runDir == null) {
            runDir = newTempFolder("files");
        }
        return runDir;
    }

    /**
     * A new folder directly in the system's temporary folder (short paths: Chromium puts Unix sockets
     * in its TMPDIR), deleted with the run, even after a signal.
     */
    synchronized Path newTempFolder(String purpose) {
        if (released) {
            throw new IllegalStateException("the run has ended: no new temporary folder");
        }
        try {
            // named after the run (the self-tests tell a live run's folders from leftovers by it), no random suffix: paths stay short
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path folder = tmp.resolve(TEMP_PREFIX + runId + "-" + purpose);
            for (int n = 2; Files.exists(folder); n++) {
                folder = tmp.resolve(TEMP_PREFIX + runId + "-" + purpose + n);
            }
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            tempFolders.add(folder);
            return folder;
        } catch (IOException e) {
            throw new GateRefusedException("cannot create a temporary folder: " + e.getMessage());
        }
    }

    /**
     * The folders a stack run makes after it holds its lock (the Coolify workdir with its {@code .env}, the image
     * pins) in {@code tmp} that an earlier run left because it was killed before its teardown: deleted when that run's lock is
     * not held. Returns the folders deleted. (A browser profile may belong to a live-mode run, which holds no lock:
     * never touched.)
     */
    static List<String> removeFoldersOfEndedRuns(Path tmp, Set<String> liveRunIds) {
        List<String> deleted = new ArrayList<>();
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path folder : entries.filter(Files::isDirectory).toList()) {
                Matcher m = STACK_RUN_FOLDER.matcher(folder.getFileName().toString());
                if (m.matches() && !liveRunIds.contains(m.group(1))) {
                    Folders.deleteTree(folder);
                    deleted.add(folder.toString());
                }
            }
        } catch (IOException e) {
            throw new GateRefusedException("cannot remove an earlier run's temporary folders: " + e.getMessage());
        }
        return deleted;
    }

    /** From here on, what scripts create outside the run's project is looked for (against the engine as it is now) and removed at the end. */
    ScriptCreations watchScripts(Function<Set<String>, ScriptCreations> make) {
        Set<String> baseline = new HashSet<>();
        EngineInventory.take(engine).resources().forEach(r -> baseline.add(r.kind() + "/" + r.id()));
        scriptCreations = make.apply(baseline);
        return scriptCreations;
    }

    /** Remembers the images behind {@code names} before the run's first build under {@code project}: put back at its end. */
    void rememberImageNames(String project, Collection<String> names) {
        imageNames = ImageNames.remember(engine, project, names);
    }

    PlantedResources planted(String image) {
        planted = new PlantedResources(engine, image, runId);
        return planted;
    }

    /** The stack's external network, when the engine does not have it yet: created for this run, removed at its end. */
    void ensureExternalNetwork(String network) {
        if (engine.network(network).isEmpty()) {
            engine.client().createNetworkCmd().withName(network).withLabels(GateLabels.of(runId, GateLabels.EXTERNAL_NETWORK_ROLE)).exec();
            synchronized (createdNetworks) {
                createdNetworks.add(network);
            }
            record.log("created the external network '" + network + "' for this run (removed at the end)");
        }
    }

    /** Tears down the compose project (when there is one) and everything above; returns what could not be removed. */
    synchronized List<String> release(ComposeCli compose) {
        List<String> problems = new ArrayList<>();
        boolean owned = engine != null && lock != null; // before the lock, nothing was created on the engine
        // what the gate planted goes while compose takes the project down: neither uses the other's objects
        PlantedResources plantedNow = planted;
        CompletableFuture<List<String>> plantedGone = plantedNow == null ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(plantedNow::shutdown);
        if (owned && compose != null) {
            CommandResult down = compose
                    .run(COMPOSE_DOWN_TIMEOUT, "down", "--volumes", "--remove-orphans", "--timeout", "0"); // the run's own: killed, nothing to save
            if (!down.ok()) {
                problems.add(down.describe());
            }
        }
        try {
            problems.addAll(plantedGone.join());
        } catch (CompletionException e) {
            problems.add("removing what the gate planted failed: " + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
        if (scriptCreations != null) {
            scriptCreations.lookAfter("a script during the run", planted == null ? Set.of() : planted.hostPids());
            problems.addAll(scriptCreations.removeAll());
        }
        if (owned && compose != null) {
            LabelSweep.Removal swept = new LabelSweep(engine).ofRun(runId, compose.project());
            swept.removed().forEach(what -> record.log("swept " + what));
            problems.addAll(swept.problems());
            List<String> images = new ArrayList<>(imageNames == null ? List.of() : imageNames.restore(ReleaseImages.PROBLEM));
            images.addAll(ReleaseImages.removeRunImages(engine, compose.project()));
            for (String line : images) {
                if (line.startsWith(ReleaseImages.PROBLEM)) {
                    problems.add(line.substring(ReleaseImages.PROBLEM.length()));
                } else {
                    record.log(line);
                }
            }
        }
        synchronized (createdNetworks) {
            for (String network : createdNetworks) {
                try {
                    engine.client().removeNetworkCmd(network).exec();
                } catch (NotFoundException e) {
                    record.log("the external network '" + network + "' this run created was already gone (removed by a script under test)");
                } catch (RuntimeException e) {
                    problems.add("network " + network + ": " + e.getMessage());
                }
            }
            createdNetworks.clear();
        }
        released = true;
        deleteTempFolders();
        if (lock != null) {
            lock.close();
        }
        return problems.stream().map(record.masker()::mask).toList();
    }

    private void deleteTempFolders() {
        runDir = null;
        for (Path folder : tempFolders) {
            try {
                Folders.deleteTree(folder);
            } catch (IOException e) {
                record.log("could not delete " + folder + ": " + e.getMessage());
            }
        }
        tempFolders.clear();
    }
}
