package dev.orchestrator.gate.run;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.EngineInventory;
import dev.orchestrator.gate.docker.GateLabels;
import dev.orchestrator.gate.docker.HostPorts;
import dev.orchestrator.gate.process.Commands;
import dev.orchestrator.gate.report.RunRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the operator's scripts created outside the run's project (catalogue, "Operator scripts run as
 * production runs them"): containers, networks and volumes new on the engine since the run began that are named
 * like the service, carry its compose service label, or belong to the compose project named after the operator's
 * compose folder; and host processes listening on the service's port, started since the run began (where host
 * probes apply). Named in the report ({@code created_by_scripts}) as they are found, removed at teardown by id.
 */
public final class ScriptCreations {

    /** One thing a script created: kind, id (container/network/volume id or pid), name, and by what it was found. */
    public record Creation(String kind, String id, String name, String detail, String by) {
        public Map<String, String> asReport() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("id", id);
            m.put("name", name);
            m.put("detail", detail);
            m.put("created_by", by);
            return m;
        }

        public String describe() {
            return kind + " " + name + " (" + (id.length() > 12 ? id.substring(0, 12) : id) + ", " + detail + ", by " + by + ")";
        }
    }

    private final DockerEngine engine;
    private final Set<String> baseline;
    private final Instant runStart;
    private final Pattern namePattern;
    private final String service;
    private final String operatorProject;
    private final Set<String> ownProjects;
    private final int port;
    private final boolean hostProbes;
    private final Map<String, Creation> found = new LinkedHashMap<>();
    private final RunRecord record;

    /**
     * @param baseline        ids of everything on the engine when the run began (after pre-flight)
     * @param operatorProject the compose project a plain `docker compose` in the operator's compose folder uses
     * @param ownProjects     the compose projects of the run itself (the platform's, the build's)
     */
    ScriptCreations(RunRecord record, DockerEngine engine, Set<String> baseline, Instant runStart, Pattern namePattern, String service, String operatorProject,
                    Set<String> ownProjects, int port, boolean hostProbes) {
        this.record = record;
        this.engine = engine;
        this.baseline = baseline;
        this.runStart = runStart;
        this.namePattern = namePattern;
        this.service = service;
        this.operatorProject = operatorProject;
        this.ownProjects = ownProjects;
        this.port = port;
        this.hostProbes = hostProbes;
    }

    /** The compose project a `docker compose` run from {@code folder} uses by default (compose's own normalisation). */
    public static String projectOfFolder(Path folder) {
        return folder.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }

    /** Looks for new things after a script ran; each is recorded once, with {@code by} naming the script. */
    public synchronized List<Creation> lookAfter(String by, Set<Long> ownPids) {
        List<Creation> fresh = new ArrayList<>();
        for (EngineInventory.Resource r : EngineInventory.take(engine).resources()) {
            if (baseline.contains(r.kind() + "/" + r.id()) || found.containsKey(r.kind() + "/" + r.id())) {
                continue;
            }
            String project = r.labels().getOrDefault(GateLabels.COMPOSE_PROJECT, "");
            // the run's own: planted, or made by compose in one of its projects (a container started from an image compose
            // built inherits the build project's label: `docker run` of that image by a script is not the run's)
            boolean own = r.labels().containsKey(GateLabels.RUN) || (r.kind().equals("container")
                    ? GateLabels.composeContainerOf(r.labels(), ownProjects::contains) : ownProjects.contains(project));
            // any gate run's (another port of the same engine: a run still going is never a script's creation)
            boolean aGateRuns = r.kind().equals("container") ? GateLabels.composeContainerOf(r.labels(), p -> p.startsWith(GateLabels.PROJECT_PREFIX))
                    : project.startsWith(GateLabels.PROJECT_PREFIX);
            if (own || aGateRuns) {
                continue;
            }
            boolean ofOperatorFolder = project.equals(operatorProject);
            boolean theService = r.kind().equals("container")
                    && (namePattern.matcher(r.name()).find() || service.equals(r.labels().get(GateLabels.COMPOSE_SERVICE)));
            if (ofOperatorFolder || theService) {
                String detail = (project.isEmpty() ? "no compose project" : "compose project " + project)
                        + (r.labels().containsKey("coolify.applicationId") ? "" : ", no platform label");
                fresh.add(remember(new Creation(r.kind(), r.id(), r.name(), detail, by)));
            }
        }
        if (hostProbes) {
            for (HostPorts.Listener l : HostPorts.listeners(port).orElse(List.of())) {
                if (l.pid() <= 0 || l.process().equals("docker-proxy") || ownPids.contains(l.pid()) || found.containsKey("process/" + l.pid())) {
                    continue;
                }
                boolean startedDuringTheRun = ProcessHandle.of(l.pid()).flatMap(p -> p.info().startInstant()).map(runStart::isBefore).orElse(false);
                if (startedDuringTheRun) {
                    fresh.add(remember(new Creation("process", String.valueOf(l.pid()), l.process(), "listening on " + l.local() + ": "
                            + HostPorts.commandLine(l.pid()), by)));
                }
            }
        }
        return fresh;
    }

    private Creation remember(Creation c) {
        found.put(c.kind() + "/" + c.id(), c);
        record.createdByScript(c.asReport());
        record.log("found what a script created outside the run's project: " + c.describe() + " (removed at teardown)");
        return c;
    }

    public synchronized List<Creation> all() {
        return List.copyOf(found.values());
    }

    /** Removes what the scripts created, by id (never by name: a name may have been taken by something else since); returns problems. */
    synchronized List<String> removeAll() {
        List<String> problems = new ArrayList<>();
        List<Creation> ordered = found.values().stream().sorted((a, b) -> order(a) - order(b)).collect(Collectors.toList());
        for (Creation c : ordered) {
            try {
                switch (c.kind()) {
                    case "container" -> engine.client().removeContainerCmd(c.id()).withForce(true).withRemoveVolumes(true).exec();
                    case "network" -> engine.client().removeNetworkCmd(c.id()).exec();
                    case "volume" -> engine.client().removeVolumeCmd(c.id()).exec();
                    default -> Commands.run(Duration.ofSeconds(10), List.of("kill", "-KILL", c.id()));
                }
                record.log("removed what a script created: " + c.describe());
            } catch (NotFoundException e) {
                // already gone (a later script, or compose down of its project)
            } catch (RuntimeException e) {
                problems.add(c.describe() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private static int order(Creation c) {
        return switch (c.kind()) {
            case "process" -> 0;
            case "container" -> 1;
            case "network" -> 2;
            default -> 3;
        };
    }
}
