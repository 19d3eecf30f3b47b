package dev.orchestrator.gate.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The service is known by its label, its names and its port; a neighbour merely named like it is not the service. */
class ServiceIdentityTest {

    private static final ServiceIdentity ORCHESTRATOR = new ServiceIdentity("orchestrator", Optional.of("orchestrator_3_stream"),
            name -> name.startsWith("orchestrator-k8s0wcc4gk0sso4c8o44ow8w"), Optional.empty(), 9403, Optional.of("20261202001122aaaa"), c -> false);

    private static Container container(String name, Map<String, String> labels, Integer publicPort) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", "a1b2c3d4e5f6a7b8c9d0");
        json.put("Names", List.of("/" + name));
        json.put("Labels", labels);
        json.put("Ports", publicPort == null ? List.of() : List.of(Map.of("PrivatePort", 9403, "PublicPort", publicPort, "Type", "tcp")));
        return new ObjectMapper().convertValue(json, Container.class);
    }

    @Test
    void theServiceByItsLabelItsNamesOrItsPortAndNotANeighbourNamedLikeIt() throws Exception {
        assertThat(ORCHESTRATOR.is(container("orchestrator_3_stream", Map.of(), null))).as("the file's container_name").isTrue();
        assertThat(ORCHESTRATOR.is(container("orchestrator-k8s0wcc4gk0sso4c8o44ow8w-101010123456", Map.of(), null))).as("the platform's name").isTrue();
        assertThat(ORCHESTRATOR.is(container("stack-orchestrator-1", Map.of("com.docker.compose.service", "orchestrator"), null))).as("its label").isTrue();
        assertThat(ORCHESTRATOR.is(container("orchestrator-reboot-1764", Map.of(), 9403))).as("a docker run holding its port").isTrue();
        assertThat(ORCHESTRATOR.is(container("orchestrator-ts", Map.of("com.docker.compose.service", "orchestrator-ts"), 8003)))
                .as("the successor beside it, on its own port").isFalse();
        assertThat(ORCHESTRATOR.likeness().matcher("orchestrator-ts").find()).as("still named like it, for pre-flight's refusal").isTrue();
        assertThat(ORCHESTRATOR
                .is(container("gate-soak-lane-backend", Map.of("com.docker.compose.service", "orchestrator", "io.orchestrator-gate.run", "20261202001133bbbb"),
                19403)))
                .as("another gate run's service, beside this one").isFalse();
        assertThat(ORCHESTRATOR.is(container("gate-soak-lane-backend", Map.of("com.docker.compose.service", "orchestrator",
                "com.docker.compose.project", "ogate-20261202001133bbbb"), 19403))).as("another run's, on the compose model: its project names the run")
                        .isFalse();
        assertThat(ORCHESTRATOR.is(container("orchestrator_3_stream", Map.of("com.docker.compose.service", "orchestrator",
                "com.docker.compose.project", "stack"), 9403))).as("a script's compose up from the app folder is the service").isTrue();
        ServiceIdentity overridden = ServiceIdentity.beforeTheRun("orchestrator", Optional.empty(), Optional.of(Pattern.compile("^orchestrator-ts$")), 9403);
        assertThat(overridden.named("orchestrator-ts")).as("acceptance.container-name-pattern adds names").isTrue();
    }
}
