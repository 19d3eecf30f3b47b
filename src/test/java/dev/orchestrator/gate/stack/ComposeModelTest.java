package dev.orchestrator.gate.stack;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComposeModelTest {

    private static final String MODEL = """
            {"name":"p","services":{"orchestrator":{"container_name":"orchestrator_3_stream",
              "ports":[{"mode":"ingress","host_ip":"127.0.0.1","target":9403,"published":"9403","protocol":"tcp"}],
              "healthcheck":{"test":["CMD","curl","-f","http://localhost:9403/health"],"interval":"30s","timeout":"10s","retries":3,"start_period":"1m0s"},
              "environment":{"ANTHROPIC_API_KEY":"sk-x","LOG_LEVEL":"INFO"},"build":{"context":"."}},
              "db":{"image":"postgres:15","ports":[{"target":5432,"published":"5000-5002"}]}},
             "networks":{"backend":{"name":"p_backend"},"coolify":{"name":"coolify","external":true}}}
            """;

    @Test
    void readsWhatTheGateNeedsFromTheEffectiveModel() {
        ComposeModel model = ComposeModel.parse(MODEL);
        assertThat(model.services()).containsExactly("orchestrator", "db");
        assertThat(model.containerName("orchestrator")).contains("orchestrator_3_stream");
        assertThat(model.publishedPorts("orchestrator")).containsExactly(9403);
        assertThat(model.publishedPorts("db")).as("port ranges are not a fixed port").isEmpty();
        assertThat(model.hostIp("orchestrator", 9403)).contains("127.0.0.1");
        assertThat(model.healthcheckDuration("orchestrator", "start_period")).contains(Duration.ofSeconds(60));
        assertThat(model.healthcheckDuration("orchestrator", "start_interval")).isEmpty();
        assertThat(model.hasHealthcheck("orchestrator")).isTrue();
        assertThat(model.hasHealthcheck("db")).isFalse();
        assertThat(model.externalNetworks()).containsExactly("coolify");
        assertThat(model.builds("orchestrator")).isTrue();
        assertThat(model.builds("db")).isFalse();
        assertThat(model.environment("orchestrator")).containsEntry("ANTHROPIC_API_KEY", "sk-x");
    }

    @Test
    void aOneShotServiceSaysRestartNoExplicitly() {
        ComposeModel model = ComposeModel.parse("""
                {"services":{"migrate":{"restart":"no"},"worker":{},"backend":{"restart":"unless-stopped",
                  "depends_on":{"migrate":{"condition":"service_completed_successfully"}}}}}
                """);
        assertThat(model.restartsNever("migrate")).isTrue();
        assertThat(model.restartsNever("worker")).as("no restart key: the engine's default, not a one-shot").isFalse();
        assertThat(model.restartsNever("backend")).isFalse();
        assertThat(model.completionAwaited("migrate")).isTrue();
        assertThat(model.completionAwaited("worker")).isFalse();
    }

    @Test
    void goDurationsAsComposePrintsThem() {
        assertThat(ComposeModel.goDuration("1m0s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(ComposeModel.goDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ComposeModel.goDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ComposeModel.goDuration("1h0m0s")).isEqualTo(Duration.ofHours(1));
        assertThat(ComposeModel.goDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> ComposeModel.goDuration("soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
