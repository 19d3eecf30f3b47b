package dev.orchestrator.gate.selftest;

import dev.orchestrator.gate.docker.DockerEngine;

import java.util.Map;

/** The external network a self-test's stack needs: created for the test when missing, removed again only then. */
final class ExternalNetwork implements AutoCloseable {

    private final DockerEngine engine;
    private final String name;
    private final boolean created;

    private ExternalNetwork(DockerEngine engine, String name, boolean created) {
        this.engine = engine;
        this.name = name;
        this.created = created;
    }

    static ExternalNetwork ensure(DockerEngine engine, String name, String test) {
        boolean missing = engine.network(name).isEmpty();
        if (missing) {
            engine.client().createNetworkCmd().withName(name).withLabels(Map.of("io.orchestrator-gate.selftest", test)).exec();
        }
        return new ExternalNetwork(engine, name, missing);
    }

    @Override
    public void close() {
        if (created) {
            engine.client().removeNetworkCmd(name).exec();
        }
    }
}
