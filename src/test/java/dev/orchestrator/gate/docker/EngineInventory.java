package dev.orchestrator.gate.docker;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Everything on the engine at one moment (containers, networks, volumes), to name what a script removed. */
public record EngineInventory(List<Resource> resources) {

    /** Networks every engine has; no script can remove them. */
    private static final Set<String> BUILT_IN_NETWORKS = Set.of("bridge", "host", "none");

    /** One resource: kind, id, name, creation time and labels. */
    public record Resource(String kind, String id, String name, String created, Map<String, String> labels) {
        /** "network staging-metrics, created 2026-11-28T03:00:00Z". */
        public String describe() {
            return kind + " " + name + (created.isEmpty() ? "" : ", created " + created);
        }

        boolean gateCreated() {
            return labels.containsKey(GateLabels.RUN);
        }
    }

    public static EngineInventory take(DockerEngine engine) {
        List<Resource> all = new ArrayList<>();
        for (Container c : engine.allContainers()) {
            all.add(new Resource("container", c.getId(), DockerEngine.name(c),
                    c.getCreated() == null ? "" : Instant.ofEpochSecond(c.getCreated()).toString(), labels(c.getLabels())));
        }
        for (Network n : engine.client().listNetworksCmd().exec()) {
            if (!BUILT_IN_NETWORKS.contains(n.getName())) {
                all.add(new Resource("network", n.getId(), n.getName(),
                        n.getCreated() == null ? "" : n.getCreated().toInstant().toString(), labels(n.getLabels())));
            }
        }
        List<InspectVolumeResponse> volumes = engine.client().listVolumesCmd().exec().getVolumes();
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            all.add(new Resource("volume", v.getName(), v.getName(), "", labels(v.getLabels())));
        }
        return new EngineInventory(List.copyOf(all));
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    /** What existed in this inventory and is gone from {@code after}, except what {@code expectedToGo} allows. */
    public List<Resource> vanishedIn(EngineInventory after, Predicate<Resource> expectedToGo) {
        Set<String> still = after.resources.stream().map(r -> r.kind() + "/" + r.id()).collect(Collectors.toSet());
        return resources.stream().filter(r -> !still.contains(r.kind() + "/" + r.id())).filter(expectedToGo.negate()).toList();
    }

    /** Resources the gate did not create (what a cleanup script under test could reach besides the service). */
    public List<Resource> foreign() {
        return resources.stream().filter(r -> !r.gateCreated()).toList();
    }

    public int size() {
        return resources.size();
    }

    public static String describe(List<Resource> resources) {
        return resources.isEmpty() ? "none" : resources.stream().map(Resource::describe).collect(Collectors.joining("; "));
    }
}
