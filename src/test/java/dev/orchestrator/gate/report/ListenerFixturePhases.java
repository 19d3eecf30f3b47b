package dev.orchestrator.gate.report;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Phases with known outcomes, run by {@link ReportListenerTest} through a launcher of its own (never by Surefire). */
final class ListenerFixturePhases {

    private ListenerFixturePhases() {
    }

    /** A phase whose set-up throws: its criteria never start. */
    static class CrashingPhase {
        @BeforeAll
        static void setUp() {
            throw new IllegalStateException("GET http://127.0.0.1:9403/get_orchestrator answered HTTP 500");
        }

        @Test
        @Tag("AC-02")
        void cleanupRuns() {
        }

        @Test
        @Tag("AC-05")
        void deploySucceeds() {
        }
    }

    /** One criterion per outcome a test can have. */
    static class MixedPhase {
        @Test
        @Tag("AC-05")
        void fails() {
            assertThat(500).as("reset 1 answered HTTP %d", 500).isEqualTo(200);
        }

        @Test
        @Tag("AC-02")
        void errs() {
            throw new IllegalStateException("docker client closed");
        }

        @Test
        @Tag("AC-03")
        void aborts() {
            Assumptions.abort("not run: a 20 s soak cannot prove it");
        }

        @Test
        @Tag("AC-04")
        void passes() {
        }
    }
}
