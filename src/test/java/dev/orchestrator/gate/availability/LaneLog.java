package dev.orchestrator.gate.availability;

import java.util.ArrayList;
import java.util.List;

/**
 * The state changes of one lane, on this JVM's monotonic clock: up or not, and why (the answer, the Docker event),
 * recorded only when the state changes. Written by the lane's own thread, read by any.
 */
final class LaneLog {

    /** A change of state: from {@code atNanos} on, the lane is {@code up} (or not), because of {@code why}. */
    record Change(long atNanos, boolean up, String why) {
    }

    /** A time the lane was not up: from a change to down until the next change to up ({@code toNanos} -1 while it lasts). */
    record Interval(long fromNanos, long toNanos, String downWhy, String upWhy) {
        boolean open() {
            return toNanos < 0;
        }

        long endOr(long now) {
            return open() ? now : toNanos;
        }
    }

    private final List<Change> changes = new ArrayList<>();

    /** Records what the lane saw at {@code atNanos}: a change when its state differs from the last one. */
    synchronized void observe(boolean up, long atNanos, String why) {
        if (changes.isEmpty() || changes.get(changes.size() - 1).up() != up) {
            changes.add(new Change(atNanos, up, why));
        }
    }

    synchronized boolean started() {
        return !changes.isEmpty();
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Every time the lane was not up, in order. */
    synchronized List<Interval> downIntervals() {
        List<Interval> out = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (!c.up()) {
                Change next = i + 1 < changes.size() ? changes.get(i + 1) : null;
                out.add(new Interval(c.atNanos(), next == null ? -1 : next.atNanos(), c.why(), next == null ? "" : next.why()));
            }
        }
        return out;
    }
}
