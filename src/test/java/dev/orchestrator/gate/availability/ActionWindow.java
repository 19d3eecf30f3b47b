package dev.orchestrator.gate.availability;

import java.util.List;
import java.util.Optional;

/**
 * One action that can disturb the service (a deploy, the resets, a reboot, ...), the time it ran, and what each lane
 * saw then: every gap that overlaps it, counted from the action's start, to its end whenever that came.
 */
public record ActionWindow(String criterion, String action, double fromS, double toS, List<LaneOutage> lanes) {

    /** The outage of {@code lane}, when the lane was followed. */
    public Optional<LaneOutage> lane(Lane lane) {
        return lanes.stream().filter(l -> l.lane().equals(lane.label())).findFirst();
    }
}
