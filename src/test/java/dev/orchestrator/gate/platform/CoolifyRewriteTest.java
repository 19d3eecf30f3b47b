package dev.orchestrator.gate.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's model as Coolify rewrites it (coolify-deploy.md): names, labels, the uuid network, the image of a build-only service. */
class CoolifyRewriteTest {

    private static final String MODEL = """
            {"name":"ogate-1","services":{
              "orchestrator":{"build":{"context":"/src"},"container_name":"orchestrator_3_stream","ports":[{"target":9403,"published":"9403"}],
                              "labels":{"team":"ops"},"networks":{"backend":null,"coolify":null}},
              "db":{"image":"postgres:15","restart":"always","networks":{"backend":null}}},
             "networks":{"backend":{"name":"ogate-1_backend"},"coolify":{"name":"coolify","external":true}},
             "volumes":{"data":{"name":"ogate-1_data"}}}""";

    @Test
    void eachServiceGetsCoolifysNameLabelsAndNetworkAndTheGatesRunLabel() throws Exception {
        CoolifyApp app = new CoolifyApp("k8s0wcc4gk0sso4c8o44ow8w", 4242, "app", false);
        JsonNode out = CoolifyRewrite.rewrite(new ObjectMapper().readTree(MODEL), app, "101523123456", "run1", "abc");
        JsonNode o = out.path("services").path("orchestrator");
        assertThat(o.path("container_name").asText()).isEqualTo("orchestrator-k8s0wcc4gk0sso4c8o44ow8w-101523123456");
        assertThat(o.path("labels").path("coolify.applicationId").asText()).isEqualTo("4242");
        assertThat(o.path("labels").path("coolify.managed").asText()).isEqualTo("true");
        assertThat(o.path("labels").path("team").asText()).as("the operator's own labels are kept").isEqualTo("ops");
        assertThat(o.path("labels").path("io.orchestrator-gate.run").asText()).isEqualTo("run1");
        assertThat(o.path("networks").has("k8s0wcc4gk0sso4c8o44ow8w")).isTrue();
        assertThat(o.path("restart").asText()).as("Coolify's default").isEqualTo("unless-stopped");
        assertThat(o.path("image").asText()).as("a build-only service").isEqualTo("k8s0wcc4gk0sso4c8o44ow8w_orchestrator:abc");
        assertThat(o.path("ports").get(0).path("published").asText()).as("host ports kept as written").isEqualTo("9403");
        assertThat(out.path("services").path("db").path("restart").asText()).isEqualTo("always");
        assertThat(out.path("services").path("db").path("image").asText()).isEqualTo("postgres:15");
        assertThat(out.path("networks").path("k8s0wcc4gk0sso4c8o44ow8w").path("external").asBoolean()).isTrue();
        assertThat(out.path("networks").path("backend").has("name")).as("named by compose after the uuid project").isFalse();
        assertThat(out.path("networks").path("backend").path("labels").path("io.orchestrator-gate.run").asText()).isEqualTo("run1");
        assertThat(out.path("networks").path("coolify").path("name").asText()).as("external networks stay").isEqualTo("coolify");
        assertThat(out.has("name")).as("the project is the uuid, on the command line").isFalse();
        assertThat(CoolifyRewrite.yaml(out)).contains("container_name: orchestrator-k8s0wcc4gk0sso4c8o44ow8w-101523123456");
    }

    @Test
    void aStringThatLooksLikeANumberStaysAString() throws Exception {
        // compose refuses a number in a healthcheck's test ("services.db.healthcheck.test.6 must be a string")
        JsonNode model = new ObjectMapper().readTree("""
                {"services":{"db":{"image":"postgres:15","healthcheck":{"test":["CMD","pg_isready","-p","5433"]},"environment":{"PORT":"9403"}}}}""");
        JsonNode out = CoolifyRewrite.rewrite(model, new CoolifyApp("k8s0wcc4gk0sso4c8o44ow8w", 4242, "app", false), "101523123456", "run1", "abc");
        JsonNode back = new ObjectMapper(new YAMLFactory()).readTree(CoolifyRewrite.yaml(out));
        assertThat(back.path("services").path("db").path("healthcheck").path("test").get(3).isTextual()).as("the port in the test").isTrue();
        assertThat(back.path("services").path("db").path("environment").path("PORT").isTextual()).as("an environment value").isTrue();
    }

    @Test
    void aDeployTakesItsTimestampAndTheNextGetsAnother() {
        CoolifyApp app = CoolifyApp.create("app", false);
        assertThat(app.uuid()).matches("[a-z0-9]{24}");
        String next = app.nextTimestamp();
        assertThat(app.nextTimestamp()).as("fixed once asked, so a holder can take the name").isEqualTo(next);
        assertThat(app.takeTimestamp()).isEqualTo(next);
        assertThat(next).matches("\\d{12}");
    }
}
