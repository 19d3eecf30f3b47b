package dev.orchestrator.gate.checks;

import dev.orchestrator.gate.scenario.SoakStart;
import dev.orchestrator.gate.ws.SoakConnection;

import java.util.Optional;

/** The soak window's connections as the checks ask for them: the one labelled so, if its handshake completed. */
final class SoakConnections {

    private SoakConnections() {
    }

    static Optional<SoakConnection> connected(SoakStart soak, String label) {
        return soak.soak().connection(label).filter(SoakConnection::connected);
    }

    static String status(SoakStart soak, String label) {
        return soak.soak().connection(label).map(SoakConnection::status).orElse("no " + label + " connection in the window");
    }
}
