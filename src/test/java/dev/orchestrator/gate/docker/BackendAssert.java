package dev.orchestrator.gate.docker;

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

    /** Same container, same start, same main process, no second server, the port still published by it. */
    public BackendAssert isSameBackendAs(ContainerSnapshot before, int port) {
        isNotNull();
        List<String> changes = ContainerIdentity.differences(before, actual, port);
        if (!changes.isEmpty()) {
            failWithMessage("expected the same backend as %s, found: %s", before.name() + " (" + before.shortId() + ")", String.join("; ", changes));
        }
        return this;
    }
}
