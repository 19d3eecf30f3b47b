package dev.orchestrator.gate.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A self-test's table of what the user saw, written as Markdown under reports/selftest/. */
final class SelfTestTable {

    private SelfTestTable() {
    }

    /** Writes {@code reports/selftest/<file>}: a heading, the columns (a Markdown header row without its separator) and the rows. */
    static void write(String file, String heading, String columns, List<String> rows) throws IOException {
        Path out = GateRuns.PROJECT.resolve("reports/selftest").resolve(file);
        Files.createDirectories(out.getParent());
        String separator = columns.replaceAll("[^|]+", "---");
        Files.writeString(out, "# " + heading + "\n\n" + columns + "\n" + separator + "\n" + String.join("\n", rows) + "\n");
    }
}
