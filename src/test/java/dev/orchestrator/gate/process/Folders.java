package dev.orchestrator.gate.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting a folder with everything in it (a run's temporary folder, a browser profile, an old report). */
public final class Folders {

    private Folders() {
    }

    /** Deletes {@code dir} and its content, deepest first; a folder already gone is not an error. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
