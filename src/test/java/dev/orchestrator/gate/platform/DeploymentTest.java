package dev.orchestrator.gate.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A deploy that failed in the platform's own machinery is the gate's to explain (error), never the stack's failure. */
class DeploymentTest {

    @Test
    void aFailedStepOfThePlatformsOwnMachineryMakesTheDeployUnjudgeable() {
        Deployment.Step build = new Deployment.Step("build", "docker compose build", true, "", Duration.ofSeconds(1));
        Deployment.Step network = Deployment.Step.failed("network abc", "Error response from daemon: all predefined address pools have been fully subnetted",
                Duration.ofMillis(80)).asPlatformsOwn();
        Deployment outOfPools = new Deployment("coolify", List.of(build, network));
        assertThat(outOfPools.platformFault()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("the coolify platform's own step 'network abc' failed (Error response from daemon: all predefined address pools")
                .endsWith("the engine or the platform's model, not the stack under test"));
        assertThatThrownBy(outOfPools::judgeable).isInstanceOf(IllegalStateException.class).isNotInstanceOf(AssertionError.class);
        Deployment portHeld = new Deployment("coolify", List.of(build, Deployment.Step.failed("up", "Bind for 0.0.0.0:9403 failed: port is already allocated",
                Duration.ofSeconds(1))));
        assertThat(portHeld.platformFault()).as("the stack's own step").isEmpty();
        assertThat(portHeld.judgeable()).isSameAs(portHeld);
    }

    @Test
    void theStopFlagIsTheOneTheDockerCliTakes() {
        assertThat(StopOldContainers.Stop.of("28.2.2", Duration.ofSeconds(30)).command(List.of("a"))).containsExactly("docker", "stop", "--timeout=30", "a");
        assertThat(StopOldContainers.Stop.of("26.1.5", Duration.ofSeconds(30)).command(List.of("a"))).containsExactly("docker", "stop", "--time=30", "a");
        assertThat(StopOldContainers.Stop.of("", Duration.ofSeconds(10)).flag()).as("a CLI that does not say: the flag every version takes")
                .isEqualTo("--time");
    }
}
