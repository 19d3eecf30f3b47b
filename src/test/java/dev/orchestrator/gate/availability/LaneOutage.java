package dev.orchestrator.gate.availability;

import java.util.List;

/** What one lane saw during an action: how long it was not up in all and at most at once, and each gap ({@code stillDown}: at the time it was read). */
public record LaneOutage(String lane, double outageS, double longestS, List<Gap> gaps, boolean stillDown) {

    /** "users: no route for 31.2 s (12:00:01.2 x stopped -> 12:00:32.4 x healthy)", or "application: none". */
    public String line(Availability.Clock clock) {
        Lane lane = Lane.of(this.lane);
        if (gaps.isEmpty()) {
            return lane.label() + ": no outage";
        }
        Gap first = gaps.get(0);
        Gap last = gaps.get(gaps.size() - 1);
        String span = clock.wall(first.fromS()) + " " + first.downBecause() + " -> "
                + (last.toS() == null ? "still " + lane.downWord() : clock.wall(last.toS()) + " " + last.upBecause());
        return String.format("%s: %s for %.1f s%s (%s)", lane.label(), lane.downWord(), outageS, gaps.size() > 1 ? " in " + gaps.size() + " gaps" : "", span);
    }
}
