package dev.orchestrator.gate.platform;

import com.github.dockerjava.api.model.Container;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.stack.ComposeCli;
import dev.orchestrator.gate.stack.ComposeModel;
import dev.orchestrator.gate.stack.ReleaseImages;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Plain `docker compose up -d` in the run's own project, for operators who deploy without Coolify. */
public final class ComposePlatform implements Platform {

    public static final String NAME = "compose";
    static final Duration UP_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(120);

    private final ComposeCli compose;
    private final ComposeModel model;
    private final String service;
    private final ReleaseImages images;
    private final DockerEngine engine;

    /** {@code compose}: the run's project with the image pins on top; {@code images}: the release's images (built under one stable project). */
    public ComposePlatform(ComposeCli compose, ComposeModel model, String service, ReleaseImages images, DockerEngine engine) {
        this.compose = compose;
        this.model = model;
        this.service = service;
        this.images = images;
        this.engine = engine;
    }

    @Override
    public ReleaseImages.Build build() {
        return images.build(compose, engine);
    }

    @Override
    public Map<String, String> imageNames() {
        return images.imageNames();
    }

    @Override
    public String buildProject() {
        return ReleaseImages.BUILD_PROJECT;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComposeCli compose() {
        return compose;
    }

    @Override
    public Deployment deploy() {
        return new Deployment(NAME, List.of(Deployment.Step.of("up", compose.run(UP_TIMEOUT, "up", "-d", "--pull", "never", "--no-build"))));
    }

    @Override
    public void clearFailedDeploy(String service) {
        compose.run(REMOVE_TIMEOUT, "rm", "--stop", "--force", service); // else the next `up` starts this half-created container again
    }

    @Override
    public String nextContainerName() {
        return model.containerName(service).orElse(compose.project() + "-" + service + "-1");
    }

    @Override
    public boolean namesService(String containerName) {
        return model.containerName(service).map(containerName::equals)
                .orElseGet(() -> containerName.matches(Pattern.quote(compose.project() + "-" + service + "-") + "\\d+"));
    }

    @Override
    public NameHazard nameHazard() {
        return new NameHazard(nextContainerName(), true, "compose gives the service this name on every deploy");
    }

    @Override
    public boolean manages(Container container) {
        return container.getLabels() != null && compose.project().equals(container.getLabels().get(GateLabels.COMPOSE_PROJECT));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", NAME);
        d.put("project", compose.project());
        return d;
    }
}
