package dev.orchestrator.gate.selftest;

import com.github.dockerjava.api.model.HostConfig;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.docker.HostPortHolder;
import dev.orchestrator.gate.docker.HostPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input tried as a new user would: each stops the run with one clear line naming what to fix,
 * within 10 s, before anything is created; faults of the target show as criterion failures with
 * their cause. Writes the table of what the user saw to reports/selftest/misconfiguration.md.
 */
@ExtendWith(OnThisMachinesEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MisconfigurationIT {

    /** A hang guard, not a speed goal: the refusal comes in about 1-3 s; the time is reported in the table. */
    private static final Duration MESSAGE_WITHIN = Duration.ofSeconds(60);
    private final List<String> table = new ArrayList<>();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing compose file        | acceptance.compose.files=fixtures/stack/nope.yml        | acceptance.compose.files: no such file
            service not in the file     | acceptance.service=backend                               | service 'backend' is not in
            no published port           | acceptance.compose.files=fixtures/misconfig/no-port.yml  | publishes no host port (fix: acceptance.port)
            unset required variable     | acceptance.compose.files=fixtures/misconfig/required-var.yml | ORCHESTRATOR_GATE_UNSET_DATABASE_URL is missing a value
            malformed compose file      | acceptance.compose.files=fixtures/misconfig/malformed.yml | docker compose config rejects
            soak length not a number    | acceptance.soak.seconds=two                              | acceptance.soak.seconds='two' is not a whole number
            unknown criterion           | acceptance.criteria=AC-99                                | unknown criterion 'AC-99'
            live mode without a URL     | acceptance.mode=live                                     | live mode needs the deployed instance's URL
            port the file does not publish | acceptance.port=9999                                  | does not publish port 9999
            missing cleanup script      | acceptance.cleanup.script=fixtures/scripts/nope.sh      | acceptance.cleanup.script: no such file
            waiver without expires      | acceptance.waivers=fixtures/misconfig/waivers-missing-expires.yml | waiver 1 (AC-11): expires is missing
            waiver for an unknown id    | acceptance.waivers=fixtures/misconfig/waivers-unknown-id.yml | waiver 1 (AC-42): unknown criterion 'AC-42'
            waiver beyond the maximum   | acceptance.waivers=fixtures/misconfig/waivers-beyond-max.yml | expires 2099-12-31 is more than 30 days ahead
            """)
    void badInputStopsAtOnceWithOneLine(String what, String setting, String expected) {
        Map<String, String> config = GateRuns.config("reports/selftest/misconfig");
        String[] kv = setting.split("=", 2);
        config.put(kv[0].trim(), kv[1].trim());
        tryBadInput(what, config, Map.of(), expected);
    }

    @Test
    @DisplayName("Docker engine not reachable")
    void engineNotReachable() {
        tryBadInput("Docker engine not reachable", GateRuns.config("reports/selftest/misconfig"),
                Map.of("DOCKER_HOST", "unix:///run/nonexistent-docker.sock"), "the Docker engine is not reachable");
    }

    @Test
    @DisplayName("port held by a process the gate may not kill")
    void foreignListenerIsRefused() {
        try (HostPortHolder foreign = HostPortHolder.start(9403)) {
            await("foreign listener up").atMost(Duration.ofSeconds(10)).until(() -> !HostPorts.bindable(9403));
            tryBadInput("port 9403 held by a foreign process", GateRuns.config("reports/selftest/misconfig"), Map.of(), "pre-flight refused: port 9403");
            assertThat(foreign.alive()).as("the gate must not kill a process it did not start").isTrue();
        }
    }

    @Test
    @DisplayName("a foreign container named like the service, and one on the external network, are refused and left alone")
    void foreignContainersAreRefusedAndLeftAlone() {
        DockerEngine engine = new DockerEngine();
        String named = foreignContainer(engine, "orchestrator-production", null);
        try {
            tryBadInput("foreign container named like the service", GateRuns.config("reports/selftest/misconfig"), Map.of(),
                    "pre-flight refused: orchestrator-production (");
            assertThat(table.get(table.size() - 1)).as("a neighbour named like the service is said not to be it")
                    .contains("is not the service (no label, name or port of it); the cleanup script under test may reach it by name");
            assertThat(engine.inspect(named)).as("the foreign container after the refusal").isPresent();
        } finally {
            engine.client().removeContainerCmd(named).withForce(true).exec();
        }
        try (ExternalNetwork coolify = ExternalNetwork.ensure(engine, "coolify", "misconfig")) {
            String proxy = foreignContainer(engine, "coolify-proxy-production", "coolify");
            try {
                tryBadInput("external network in use by a foreign container", GateRuns.config("reports/selftest/misconfig"), Map.of(),
                        "external network 'coolify' is in use by containers the gate did not create: coolify-proxy-production");
                assertThat(engine.inspect(proxy)).as("the foreign proxy after the refusal").isPresent();
            } finally {
                engine.client().removeContainerCmd(proxy).withForce(true).exec();
            }
        }
    }

    /** A running container the gate did not create (no gate label), as on a production host. */
    private static String foreignContainer(DockerEngine engine, String name, String network) {
        var hostConfig = HostConfig.newHostConfig();
        if (network != null) {
            hostConfig.withNetworkMode(network);
        }
        String id = engine.client().createContainerCmd("orchestrator-gate-base:bookworm-1").withName(name)
                .withCmd("sleep", "600").withHostConfig(hostConfig).exec().getId();
        engine.client().startContainerCmd(id).exec();
        return id;
    }

    /** Runs the gate as its own process; the one line must appear within 10 s of the suite's start, nothing may be created. */
    private void tryBadInput(String what, Map<String, String> config, Map<String, String> env, String expected) {
        DockerEngine engine = new DockerEngine();
        EngineSnapshot before = EngineSnapshot.take(engine);
        try (GateProcess gate = GateProcess.start(config, env)) {
            GateProcess.Line start = gate.awaitLine("^\\[gate\\] run ", Duration.ofSeconds(60));
            GateProcess.Line message = gate.awaitLine("^\\[gate\\] CANNOT RUN: ", Duration.ofSeconds(60));
            int exit = gate.waitFor(Duration.ofSeconds(60));
            double seconds = message.at() - start.at();
            List<String> left = before.leftoversIn(EngineSnapshot.take(engine));
            table.add(String.format("| %s | `%s` | %.1f s | %d | %s |", what, message.text().replace("|", "\\|"), seconds, exit,
                    left.isEmpty() ? "nothing" : String.join(", ", left)));
            assertThat(message.text()).as(what).contains(expected);
            assertThat(seconds).as("%s: seconds from the suite's start to the message (hang guard)", what).isLessThanOrEqualTo(MESSAGE_WITHIN.toSeconds());
            assertThat(exit).as("%s: exit code", what).isEqualTo(2);
            assertThat(left).as("%s: created before refusing", what).isEmpty();
            assertThat(gate.output()).as("%s: no stack trace for the user", what).doesNotContain("\tat ");
        }
    }

    @Test
    @DisplayName("wrong endpoints of a running stack: health answers HTML, WebSocket URL answers 404, reset answers 404")
    void wrongEndpointsAreCriterionFailures() {
        DockerEngine engine = new DockerEngine();
        EngineSnapshot before = EngineSnapshot.take(engine);
        Map<String, String> config = GateRuns.config("reports/selftest/misconfig-endpoints");
        config.put("acceptance.criteria", "AC-05,AC-06,AC-07,AC-08");
        config.put("acceptance.health.path", "/");
        GateRuns.Outcome html = GateRuns.runInProcess(config);
        table.add(String.format("| health endpoint answering HTML | AC-06 %s: %s | %.0f s (run) | %d | %s |", html.status("AC-06"),
                html.summary("AC-06").replace("|", "\\|"), html.took().toMillis() / 1000.0, html.exitCode(), leftovers(before, engine)));
        assertThat(html.status("AC-06")).isEqualTo("failed");
        assertThat(html.summary("AC-06")).contains("is not JSON");

        config.put("acceptance.criteria", "AC-05,AC-06,AC-08,AC-11");
        config.put("acceptance.health.path", "/health");
        config.put("acceptance.ws.path", "/no-such-socket");
        config.put("acceptance.reset.path", "/api/orchestrator/no-such-reset");
        GateRuns.Outcome paths = GateRuns.runInProcess(config);
        table.add(String.format("| WebSocket URL that does not exist (403) | AC-08 %s: %s | %.0f s (run) | %d | %s |", paths.status("AC-08"),
                paths.summary("AC-08").replace("|", "\\|"), paths.took().toMillis() / 1000.0, paths.exitCode(), leftovers(before, engine)));
        table.add(String.format("| reset answering 404 | AC-11 %s: %s | (same run) | %d | %s |", paths.status("AC-11"),
                paths.summary("AC-11").replace("|", "\\|"), paths.exitCode(), leftovers(before, engine)));
        assertThat(paths.status("AC-08")).isEqualTo("failed");
        assertThat(paths.summary("AC-08")).contains("was not 101"); // Starlette refuses an unknown WebSocket path with 403
        assertThat(paths.status("AC-11")).isEqualTo("failed");
        assertThat(paths.summary("AC-11")).contains("answered HTTP 404");
        assertThat(before.leftoversIn(EngineSnapshot.take(engine))).isEmpty();
    }

    private static String leftovers(EngineSnapshot before, DockerEngine engine) {
        List<String> left = before.leftoversIn(EngineSnapshot.take(engine));
        return left.isEmpty() ? "nothing" : String.join(", ", left);
    }

    @AfterAll
    void writeTable() throws IOException {
        SelfTestTable
                .write("misconfiguration.md", "Bad input and faults: what the user sees", "| tried | message | time to message | exit | left behind |", table);
    }
}
