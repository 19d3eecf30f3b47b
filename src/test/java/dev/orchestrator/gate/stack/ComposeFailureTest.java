package dev.orchestrator.gate.stack;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeFailureTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            driver failed programming external connectivity on endpoint x: Bind for 0.0.0.0:9403 failed: port is already allocated | PORT_ALLOCATED
            Error starting userland proxy: listen tcp4 0.0.0.0:9403: bind: address already in use | ADDRESS_IN_USE
            Error response from daemon: failed to bind host port for 0.0.0.0:9403:10.0.1.18:9403/tcp: address already in use | ADDRESS_IN_USE
            Conflict. The container name "/orchestrator_3_stream" is already in use by container "abc". You have to remove | NAME_CONFLICT
            """)
    void recognisesEveryWordingSeenOnDocker26And28(String output, ComposeFailure expected) {
        assertThat(ComposeFailure.classify(output)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            network coolify declared as external, but could not be found
            no such image: orchestrator:1
            """)
    void otherFailuresAreNotMistakenForAPortHolder(String output) {
        assertThat(ComposeFailure.classify(output)).isEmpty();
    }
}
