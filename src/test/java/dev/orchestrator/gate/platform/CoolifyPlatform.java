package dev.orchestrator.gate.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.stack.ComposeCli;
import dev.orchestrator.gate.stack.ComposeModel;
import dev.orchestrator.gate.stack.ReleaseImages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coolify v4's deploy of a docker-compose application, step by step as coolify-deploy.md gives it: the operator's
 * files rewritten into the application's workdir, then per deploy the pre-deployment command (when set), build
 * under the uuid project, stop and remove the app's labelled containers, the uuid network connected to
 * coolify-proxy, and {@code up -d} with project name = the uuid. No post-deployment command is set.
 */
public final class CoolifyPlatform implements Platform {


    public static final String NAME = "coolify";
    /** The proxy container every Coolify host runs; the gate plants a stand-in of it. */
    public static final String PROXY = "coolify-proxy";

    private final DockerEngine engine;
    private final ComposeModel model;
    private final String service;
    private final String runId;
    private final CoolifyApp app;
    private final CoolifyWorkdir workdir;
    private final Optional<PreDeploymentCommand> preDeployment;
    private final String imageTag;
    private final StopOldContainers.Stop stop;
    private volatile String rewritten = "";

    /**
     * @param dir           the application's workdir (a folder of the run), where the rewritten file and its .env go
     * @param envFile       the operator's env file, copied as the workdir's .env (empty when there is none)
     * @param preDeployment the cleanup as Coolify's pre-deployment command, when the operator runs it so
     */
    public CoolifyPlatform(DockerEngine engine, ComposeModel model, String service, String runId, Path dir, Optional<Path> envFile,
                           Optional<PreDeployment> preDeployment, boolean consistentNames, Duration stopGrace) {
        this.engine = engine;
        this.model = model;
        this.service = service;
        this.runId = runId;
        this.app = CoolifyApp.create("orchestrator-release-gate", consistentNames);
        this.stop = StopOldContainers.Stop.of(DockerEngine.cliVersion(), stopGrace);
        this.workdir = new CoolifyWorkdir(app, dir);
        this.preDeployment = preDeployment.map(p -> new PreDeploymentCommand(engine, service, p.command(), p.timeout()));
        this.imageTag = ReleaseImages.shortHash(model.services().stream().map(s -> model.buildContext(s).orElse(s)).toList().toString());
        try {
            Files.writeString(dir.resolve(CoolifyWorkdir.ENV_FILE), envFile.isPresent() ? Files.readString(envFile.get()) : "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the application's .env in " + dir, e);
        }
        write(app.nextTimestamp());
    }

    /** The cleanup script as Coolify's pre-deployment command: the command line inside the container, its limit and environment. */
    public record PreDeployment(String command, Duration timeout) {
    }

    /** Writes the rewritten file for a deploy stamped {@code timestamp}. */
    private synchronized void write(String timestamp) {
        JsonNode file = CoolifyRewrite.rewrite(model.json(), app, timestamp, runId, imageTag);
        rewritten = CoolifyRewrite.yaml(file);
        try {
            Files.writeString(workdir.composeFile(), rewritten);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + workdir.composeFile(), e);
        }
    }

    @Override
    public String buildProject() {
        return app.uuid(); // Coolify builds with --project-name <uuid>
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComposeCli compose() {
        return new ComposeCli(app.uuid(), List.of(workdir.composeFile()), workdir.dir()).withEnvFile(workdir.dir().resolve(CoolifyWorkdir.ENV_FILE));
    }

    @Override
    public Deployment deploy() {
        return deploy(false);
    }

    @Override
    public Deployment deploy(boolean preDeploymentDone) {
        String timestamp = app.takeTimestamp();
        write(timestamp);
        List<String> names = model.services().stream().map(s -> app.containerName(s, timestamp)).toList();
        List<CoolifyStep> steps = new ArrayList<>();
        if (!preDeploymentDone) {
            preDeployment.ifPresent(steps::add);
        }
        steps.add(new BuildStep());
        steps.add(app.consistentNames() ? StopOldContainers.byBaseName(engine, stop, app.uuid()) : StopOldContainers.byLabel(engine, stop, names));
        steps.add(new NetworkStep(PROXY, runId));
        steps.add(new UpStep());
        List<Deployment.Step> done = new ArrayList<>();
        for (CoolifyStep step : steps) {
            Deployment.Step result = step.run(workdir);
            done.add(result);
            if (!result.ok()) {
                break;
            }
        }
        return new Deployment(NAME, done);
    }

    /** The pre-deployment command alone (step 1 of the next deploy), as AC-02 runs the cleanup when the operator set it so. */
    public Optional<PreDeploymentCommand.Ran> preDeploymentCommand() {
        return preDeployment.map(p -> p.execute(workdir));
    }

    @Override
    public ReleaseImages.Build build() {
        var result = workdir.run(BuildStep.TIMEOUT, workdir.compose("build", "--quiet"));
        Map<String, String> ids = new LinkedHashMap<>();
        if (result.ok()) {
            imageNames().forEach((s, image) -> ids.put(s, engine.client().inspectImageCmd(image).exec().getId()));
        }
        return new ReleaseImages.Build(result, ids);
    }

    @Override
    public Map<String, String> imageNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String s : model.services()) {
            if (model.builds(s)) {
                names.put(s, model.image(s).orElse(app.uuid() + "_" + s + ":" + imageTag));
            }
        }
        return names;
    }

    @Override
    public void clearFailedDeploy(String service) {
        if (app.consistentNames()) {
            // compose's own half-created container keeps the one name every deploy uses: removed, so the next holder is the only cause
            compose().run(stop.grace().multipliedBy(3).plusSeconds(30), "rm", "--stop", "--force", service);
        }
        // timestamped names: the next deploy's step 3 stops and removes every container labelled with the app's id, this one too
    }

    @Override
    public String nextContainerName() {
        return app.containerName(service, app.nextTimestamp());
    }

    @Override
    public boolean namesService(String containerName) {
        return containerName.equals(service + "-" + app.uuid()) || containerName.startsWith(service + "-" + app.uuid() + "-");
    }

    @Override
    public NameHazard nameHazard() {
        if (app.consistentNames()) {
            return new NameHazard(app.containerName(service, ""), true, "with consistent container names every deploy names the service <service>-<uuid>:"
                    + " a container the platform does not manage under that name fails up with a name conflict");
        }
        return new NameHazard(model.containerName(service).orElse(service), false, "Coolify renames container_name to <service>-<uuid>-<the deploy's timestamp>"
                + " (timestamped names, its default): a stale container under the name the operator's file gives never meets it");
    }

    @Override
    public boolean manages(Container container) {
        return container.getLabels() != null && String.valueOf(app.id()).equals(container.getLabels().get("coolify.applicationId"));
    }

    /** Coolify's proxy routes to the application's containers of the service (its labels: the app's id, the compose service). */
    @Override
    public Optional<Map<String, String>> proxyRoutes(String service) {
        return Optional.of(Map.of("coolify.applicationId", String.valueOf(app.id()), GateLabels.COMPOSE_SERVICE, service));
    }

    /** A container of this application's deploy of earlier this day: its name and labels (step 3 of the next deploy removes it). */
    @Override
    public Optional<EarlierDeploy> earlierDeploy() {
        if (app.consistentNames()) {
            return Optional.empty(); // compose's own recreate, not step 3, replaces the app's containers there: not modelled as a control
        }
        return Optional.of(new EarlierDeploy(app.containerName(service, "000000000000"), Map.of("coolify.managed", "true",
                "coolify.applicationId", String.valueOf(app.id()), "coolify.type", "application", "coolify.name", app.name())));
    }

    /** The compose file as Coolify rewrote it for the last deploy (secrets in it are masked in the report). */
    @Override
    public Optional<String> rewrittenFile() {
        return Optional.of(rewritten);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", NAME);
        d.put("application_uuid", app.uuid());
        d.put("application_id", app.id());
        d.put("project", app.uuid());
        d.put("proxy", PROXY);
        d.put("pre_deployment_command", preDeployment.isPresent() ? "the cleanup script" : "none");
        return d;
    }
}
