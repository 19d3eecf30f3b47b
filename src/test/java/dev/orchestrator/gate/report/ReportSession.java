package dev.orchestrator.gate.report;

import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.Optional;

/**
 * Connects the report to the launcher session (Failsafe's, or the one {@code GateMain} opens): the
 * session's store holds the current plan's {@link RunRecord}, where the report listener puts it and
 * the gate's extension finds it (scope LAUNCHER_SESSION). No static state carries the run.
 */
public final class ReportSession implements LauncherSessionListener {

    /** The store namespace; the extension reads it as {@code ExtensionContext.Namespace.create(NAMESPACE)}. */
    public static final String NAMESPACE = "dev.orchestrator.gate.report";
    public static final String RECORD = "record";
    public static final String SETTINGS = "settings";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        session.getLauncher().registerTestExecutionListeners(new ReportListener(session.getStore()));
    }

    static void put(NamespacedHierarchicalStore<Namespace> store, RunRecord record, RunSettings settings) {
        store.put(Namespace.create(NAMESPACE), RECORD, record);
        store.put(Namespace.create(NAMESPACE), SETTINGS, settings);
    }

    /** The record of the last plan run in {@code session}, if one had criteria. */
    public static Optional<RunRecord> record(LauncherSession session) {
        return Optional.ofNullable(session.getStore().get(Namespace.create(NAMESPACE), RECORD, RunRecord.class));
    }
}
