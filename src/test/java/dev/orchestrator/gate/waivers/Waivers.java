package dev.orchestrator.gate.waivers;

import dev.orchestrator.gate.catalogue.Outcome;
import dev.orchestrator.gate.catalogue.Problem;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The waivers of one run, with the day they are judged on (fixed when the file is read, so a run that crosses
 * midnight judges every criterion by the same date). Decides, per criterion's outcome, what its waiver does.
 */
public final class Waivers {

    private static final Waivers NONE = new Waivers(List.of(), LocalDate.MIN, Optional.empty());

    private final List<Waiver> waivers;
    private final LocalDate today;
    private final Optional<Path> file;

    Waivers(List<Waiver> waivers, LocalDate today, Optional<Path> file) {
        this.waivers = List.copyOf(waivers);
        this.today = today;
        this.file = file;
    }

    /** No waiver file. */
    public static Waivers none() {
        return NONE;
    }

    public List<Waiver> list() {
        return waivers;
    }

    /** The file they were read from (the report names it), when there is one. */
    public Optional<Path> file() {
        return file;
    }

    /** What {@code criterion}'s waiver does to this outcome; empty when it has none. */
    public Optional<WaiverUse> use(String criterion, Outcome outcome) {
        return waivers.stream().filter(w -> w.criterion().equals(criterion)).findFirst().map(w -> use(w, outcome));
    }

    private WaiverUse use(Waiver w, Outcome outcome) {
        String id = w.criterion();
        return switch (outcome.status()) {
            case failed -> {
                if (w.expiredOn(today)) {
                    yield WaiverUse.of(w, WaiverUse.State.expired, "waiver for " + id + " expired on " + w.expires() + ": it waives nothing", List.of());
                }
                List<String> notCovered = w.notCovered(outcome.problems()).stream().map(Problem::line).distinct().toList();
                if (!notCovered.isEmpty()) {
                    yield WaiverUse.of(w, WaiverUse.State.not_covered, "not covered by the waiver for " + id + ": " + String.join("; ", notCovered),
                            notCovered);
                }
                yield WaiverUse.of(w, WaiverUse.State.applied, "waived: " + w.line(), List.of());
            }
            case passed -> WaiverUse.of(w, WaiverUse.State.unneeded, "waiver for " + id + " is no longer needed: " + id + " passed", List.of());
            default -> WaiverUse.of(w, WaiverUse.State.not_applied, "waiver for " + id + " not applied: " + id + " is "
                    + outcome.status().name().replace('_', ' ') + " (a waiver covers a failure only)", List.of());
        };
    }
}
