package dev.orchestrator.gate.availability;

import java.util.List;

/**
 * An action the record marked, read when asked: what each lane saw during it as the record knows it then (once the
 * record has closed, every probed lane's first look after the action is in it, as AC-19 reads it).
 */
public record MarkedAction(Availability record, Availability.Mark mark) {

    /** What each lane saw during the action, as the record knows it now. */
    public ActionWindow window() {
        return record.windowOf(mark);
    }

    /** The evidence lines of {@code window} (one per lane, and how the users' lane is known). */
    public List<String> lines(ActionWindow window) {
        return record.describe(window);
    }
}
