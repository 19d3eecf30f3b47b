package dev.orchestrator.gate.docker;

import dev.orchestrator.gate.catalogue.Problem;
import dev.orchestrator.gate.failure.ServiceFailure;
import org.assertj.core.api.AbstractAssert;

import java.util.List;

/**
 * AssertJ's way for the service's backend: {@code assertThat(after).isSameBackendAs(before, 9403)} fails with
 * what a release manager reads ("expected the same backend, found: restarted: StartedAt ... -> ...").
 */
public final class BackendAssert extends AbstractAssert<BackendAssert, ContainerSnapshot> {

    private BackendAssert(ContainerSnapshot actual) {
        super(actual, BackendAssert.class);
    }

    public static BackendAssert assertThat(ContainerSnapshot actual) {
        return new BackendAssert(actual);
    }

    /** Same container, same start, same main process, no second server, the port still published by it; else {@link Changed}. */
    public BackendAssert isSameBackendAs(ContainerSnapshot before, int port) {
        isNotNull();
        List<Problem> changes = ContainerIdentity.differences(before, actual, port);
        if (!changes.isEmpty()) {
            throw new Changed(changes);
        }
        return this;
    }

    /** The assertion's failure, carrying each change as a problem of its own (a watch keeps every distinct one it saw). */
    public static final class Changed extends ServiceFailure {
        Changed(List<Problem> changes) {
            super(changes, null);
        }
    }
}
