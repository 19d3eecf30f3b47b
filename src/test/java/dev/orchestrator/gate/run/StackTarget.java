package dev.orchestrator.gate.run;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.PlantedResources;
import dev.orchestrator.gate.platform.Platform;
import dev.orchestrator.gate.stack.ComposeCli;
import dev.orchestrator.gate.stack.ComposeModel;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stack the gate brings up (stack mode): its engine, the platform that deploys it (and so its compose
 * project), the model, the service under test, the objects the run planted. Every field is set; live mode
 * has no StackTarget at all.
 */
public final class StackTarget {

    private final DockerEngine engine;
    private final Platform platform;
    private final ComposeModel model;
    private final String service;
    private final ServiceIdentity identity;
    private final int port;
    private final Optional<String> hostProbesNotApplicable;
    private final PlantedResources planted;
    private volatile long deployStartedNanos;
    private volatile ScriptCreations scriptCreations;

    StackTarget(DockerEngine engine, Platform platform, ComposeModel model, String service, Optional<Pattern> nameOverride, int port,
                Optional<String> hostProbesNotApplicable, PlantedResources planted, String runId) {
        this.engine = engine;
        this.platform = platform;
        this.model = model;
        this.service = service;
        this.identity = new ServiceIdentity(service, model.containerName(service), platform::namesService, nameOverride, port, Optional.of(runId),
                platform::manages);
        this.port = port;
        this.hostProbesNotApplicable = hostProbesNotApplicable;
        this.planted = planted;
    }

    public DockerEngine engine() {
        return engine;
    }

    /** The run's compose project, as the platform deploys it. */
    public ComposeCli compose() {
        return platform.compose();
    }

    public Platform platform() {
        return platform;
    }

    public ComposeModel model() {
        return model;
    }

    public String service() {
        return service;
    }

    /** The service's container as it runs now (its name and id), or the name the next deploy gives it when none runs. */
    public String containerName() {
        return serviceContainers().stream().findFirst().map(DockerEngine::name).orElseGet(platform::nextContainerName);
    }

    /** How the service is known: its label, its names (the file's, the platform's, the operator's pattern), its port. */
    public ServiceIdentity identity() {
        return identity;
    }

    public int port() {
        return port;
    }

    /** Host address the service's port is published on (for planted holders). */
    public String hostIp() {
        return model.hostIp(service, port).filter(ip -> !ip.isEmpty()).orElse("0.0.0.0");
    }

    /** Why this machine's bind probe and listener table say nothing about the engine's ports, if they do not. */
    public Optional<String> hostProbesNotApplicable() {
        return hostProbesNotApplicable;
    }

    public PlantedResources planted() {
        return planted;
    }

    /** The service's containers in this run's project (by compose label). */
    public List<Container> serviceContainers() {
        return engine.serviceContainers(compose().project(), service);
    }

    void watch(ScriptCreations creations) {
        this.scriptCreations = creations;
    }

    /** What the operator's scripts created outside the run's project (looked for after each script, removed at teardown). */
    public ScriptCreations scriptCreations() {
        return scriptCreations;
    }

    /** When `docker compose up` of the deploy started (System.nanoTime), for time-to-healthy. */
    public void markDeployStarted(long nanos) {
        deployStartedNanos = nanos;
    }

    public long deployStartedNanos() {
        return deployStartedNanos;
    }
}
