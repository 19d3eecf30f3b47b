package dev.orchestrator.gate.run;

import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.config.EnvFile;
import dev.orchestrator.gate.config.GateConfigException;
import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.EngineInventory;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.PlantedResources;
import dev.orchestrator.gate.failure.GateRefusedException;
import dev.orchestrator.gate.platform.ComposePlatform;
import dev.orchestrator.gate.platform.CoolifyPlatform;
import dev.orchestrator.gate.platform.Platform;
import dev.orchestrator.gate.process.CommandResult;
import dev.orchestrator.gate.report.RunRecord;
import dev.orchestrator.gate.stack.ComposeCli;
import dev.orchestrator.gate.stack.ComposeModel;
import dev.orchestrator.gate.stack.ReleaseImages;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Brings a {@link StackTarget} into being, in the order that makes it safe: engine check, compose
 * model, the service's port, the lock, leftovers of crashed runs, pre-flight, prerequisites, the
 * planted-object factory, the external network, then the one build of the release's images (while the
 * platform's stand-in proxy is planted).
 */
final class StackSetup {

    static final Duration COMPOSE_CONFIG_TIMEOUT = Duration.ofSeconds(30);

    private final GateSettings settings;
    private final String runId;
    private final Set<String> selected;
    private final RunRecord record;
    private final RunResources resources;
    /** The stand-in coolify-proxy being planted (done at once on the compose model, which has none). */
    private CompletableFuture<Void> proxy = CompletableFuture.completedFuture(null);

    StackSetup(GateSettings settings, String runId, Set<String> selected, RunRecord record, RunResources resources) {
        this.settings = settings;
        this.runId = runId;
        this.selected = selected;
        this.record = record;
        this.resources = resources;
    }

    /** The compose project with its model; throws {@link GateRefusedException} or {@link GateConfigException} with one line. */
    StackTarget prepare() {
        List<Path> files = settings.composeFiles();
        ComposeCli compose = new ComposeCli(GateLabels.PROJECT_PREFIX + runId, files,
                settings.composeProjectDir().orElse(files.get(0).getParent()));
        if (settings.composeEnvFile().isPresent()) {
            compose = compose.withEnvFile(settings.composeEnvFile().get());
            record.masker().addFromEnvironment(EnvFile.read(settings.composeEnvFile().get()));
        }
        compose = compose.withProfiles(settings.composeProfiles());
        EngineCheck checked = EngineCheck.perform();
        DockerEngine engine = checked.engine();
        record.engine(checked.engineVersion(), checked.composeVersion());
        CommandResult config = compose.run(COMPOSE_CONFIG_TIMEOUT, "config", "--format", "json");
        if (!config.ok()) {
            throw new GateConfigException("acceptance.compose.files, or the variables in the environment / acceptance.compose.env-file",
                    "docker compose config rejects " + files + ": " + record.masker().mask(config.tail(3).replace('\n', ' ')));
        }
        ComposeModel model = ComposeModel.parse(config.stdout());
        String service = settings.service();
        if (!model.hasService(service)) {
            throw new GateConfigException("acceptance.service", "service '" + service + "' is not in " + files + " (services: " + model.services() + ")");
        }
        record.masker().addFromEnvironment(model.allEnvironment());
        int port = port(model, service);
        checked.hostProbesNotApplicable().ifPresentOrElse(why -> record.note("host-level port probes are not applicable here: " + why), () -> {
            if (!DockerEngine.dockerHost().startsWith("unix://")) {
                record.note("the engine is reached at DOCKER_HOST=" + record.masker().mask(DockerEngine.dockerHost())
                        + ", which is this machine: the host probes of this"
                        + " machine apply and run (AC-01's planted host process, AC-03's bind probe and listener table, the scripts' own ss/kill on the host)");
            }
        });
        resources.lock(engine, port);
        removeLeftovers(engine);
        preflight(engine, model, port, checked);
        model.externalNetworks().forEach(resources::ensureExternalNetwork);
        PlantedResources planted = resources.planted(settings.plantedImage());
        Platform platform = platform(engine, compose, model, service, planted);
        StackTarget stack = new StackTarget(engine, platform, model, service, settings.containerNamePattern(), port, checked.hostProbesNotApplicable(), planted,
                runId);
        record.platform(platform.describe());
        stack.watch(resources.watchScripts(baseline -> new ScriptCreations(record, engine, baseline, Instant.now(), stack.identity().likeness(),
                service, ScriptCreations.projectOfFolder(settings.composeProjectDir().orElse(files.get(0).getParent())),
                Set.of(stack.compose().project(), ReleaseImages.BUILD_PROJECT), port, checked.hostProbesNotApplicable().isEmpty())));
        return stack;
    }

    /**
     * The platform the release is deployed by: Coolify's sequence (its workdir in the run's folder, a stand-in
     * coolify-proxy planted as on a real host, the cleanup as its pre-deployment command when so configured),
     * or plain compose in the run's project (the release's images named once, built under one stable project).
     */
    private Platform platform(DockerEngine engine, ComposeCli compose, ComposeModel model, String service, PlantedResources planted) {
        if (settings.platform().equals(ComposePlatform.NAME)) {
            ReleaseImages images = ReleaseImages.of(model);
            ComposeCli pinned = images.writePins(resources.runDir()).map(compose::withFile).orElse(compose);
            return new ComposePlatform(pinned, model, service, images, engine);
        }
        Prerequisites.imagePresent(engine, settings.plantedImage(), "acceptance.planted-image", "the stand-in coolify-proxy container the Coolify model needs");
        String network = model.externalNetworks().stream().findFirst().orElse(null);
        // planted while the release builds; the build waits for it before the first deploy (see build)
        proxy = CompletableFuture.runAsync(() -> planted.runningContainer(CoolifyPlatform.PROXY, "coolify-proxy", null, null, network));
        Optional<CoolifyPlatform.PreDeployment> preDeployment = settings.scripts().cleanupPreDeploy()
                ? Optional.of(new CoolifyPlatform.PreDeployment(settings.scripts().cleanupContainerPath(), settings.cleanupTimeout()))
                : Optional.empty();
        Path workdir = resources.newTempFolder("coolify-app");
        return new CoolifyPlatform(engine, model, service, runId, workdir, settings.composeEnvFile(), preDeployment, settings.coolifyConsistentNames(), settings
                .coolifyStopGrace());
    }

    private int port(ComposeModel model, String service) {
        List<Integer> published = model.publishedPorts(service);
        if (settings.port().isEmpty()) {
            if (published.isEmpty()) {
                throw new GateConfigException("acceptance.port", "service '" + service + "' publishes no host port");
            }
            return published.get(0);
        }
        int port = settings.port().getAsInt();
        if (!published.contains(port)) {
            throw new GateConfigException("acceptance.port", "service '" + service + "' does not publish port " + port + " (it publishes " + published + ")");
        }
        return port;
    }

    /** Removes what an earlier run left (crash, killed job, engine restart): the lock proves it is not running. */
    private void removeLeftovers(DockerEngine engine) {
        Set<String> live = RunLock.liveRunIds();
        List<String> folders = RunResources.removeFoldersOfEndedRuns(Path.of(System.getProperty("java.io.tmpdir")), live);
        if (!folders.isEmpty()) {
            record.log("removed temporary folders of an earlier gate run that did not finish: " + String.join(", ", folders));
        }
        LabelSweep.Removal leftovers = new LabelSweep(engine).leftovers(live);
        if (!leftovers.problems().isEmpty()) {
            throw new GateRefusedException("cannot remove the leftovers of an earlier gate run: " + String.join("; ", leftovers.problems()));
        }
        if (!leftovers.removed().isEmpty()) {
            record.log("removed leftovers of an earlier gate run that did not finish: " + String.join(", ", leftovers.removed()));
        }
    }

    private void preflight(DockerEngine engine, ComposeModel model, int port, EngineCheck checked) {
        // before the platform exists: the service is known by its file's name, its label and its port
        ServiceIdentity identity = ServiceIdentity
                .beforeTheRun(settings.service(), model.containerName(settings.service()), settings.containerNamePattern(), port);
        List<String> findings = Preflight.findings(engine, identity, model.externalNetworks(),
                checked.hostProbesNotApplicable().isEmpty());
        if (!findings.isEmpty()) {
            if (!settings.force()) {
                throw new GateRefusedException("pre-flight refused: " + String.join("; ", findings)
                        + " (the port scenario's cleanup script would kill these; stop them or pass -Dacceptance.force=true)");
            }
            record.note("pre-flight findings overridden by acceptance.force=true: " + String.join("; ", findings));
        }
        if (Stream.of(Criterion.AC_01, Criterion.AC_02, Criterion.AC_03, Criterion.AC_04).anyMatch(c -> selected.contains(c.id()))) {
            Prerequisites.imagePresent(engine, settings.plantedImage(), "acceptance.planted-image",
                    "the containers the port scenario plants (stale holders, bystanders)");
            List<EngineInventory.Resource> reachable = EngineInventory.take(engine).foreign();
            if (!reachable.isEmpty()) {
                String line = "the cleanup script under test acts on this engine; besides the service it could reach these resources the gate did not create"
                        + " (AC-04 fails, naming them, if they vanish): " + EngineInventory.describe(reachable);
                record.log("WARNING: " + line);
                record.note(line);
            }
        }
    }

    /** The release is what the files build now: built once, before the scenario (never inside a criterion's time), never pulled. */
    void build(StackTarget stack) {
        buildImages(stack); // when it throws, the teardown waits for the planting in flight before it removes what was planted
        proxyPlanted();
    }

    /** Waits for the stand-in coolify-proxy (planted while the images build); refuses the run when it could not be planted. */
    private void proxyPlanted() {
        try {
            proxy.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new GateRefusedException("the stand-in " + CoolifyPlatform.PROXY + " container could not be planted: " + cause.getMessage());
        }
    }

    private void buildImages(StackTarget stack) {
        Map<String, String> imageNames = stack.platform().imageNames();
        if (imageNames.isEmpty()) {
            return;
        }
        resources.rememberImageNames(stack.platform().buildProject(), imageNames.values());
        ReleaseImages.Build build = stack.platform().build();
        double seconds = Math.round(build.result().duration().toMillis() / 100.0) / 10.0;

        if (!build.result().ok()) {
            throw new GateRefusedException("docker compose build of " + imageNames.keySet() + " failed (" + build.result().describe() + "): "
                    + record.masker().mask(build.result().tail(5).replace('\n', ' '))
                    + " (for the bundled stack, bash fixtures/prepare.sh builds what is missing)");
        }
        record.built(seconds, build.ids().entrySet().stream().map(e -> new RunRecord.Image(e.getKey(), e.getValue())).toList());
        record.log(String.format("images built in %.1f s (%s): %s", seconds, stack.platform().name(), String.join(", ", imageNames.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " = " + build.ids().get(e.getKey())).toList())));
    }
}
