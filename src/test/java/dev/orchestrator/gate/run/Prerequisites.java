package dev.orchestrator.gate.run;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.orchestrator.gate.catalogue.Criterion;
import dev.orchestrator.gate.config.GateSettings;
import dev.orchestrator.gate.docker.DockerEngine;
import dev.orchestrator.gate.failure.GateRefusedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What must be in place before the gate creates anything; each missing one is a one-line refusal (exit 2). */
final class Prerequisites {

    private Prerequisites() {
    }

    /** The report is the gate's product: a run whose report cannot be written must not start. */
    static void reportDirWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
        } catch (IOException | RuntimeException e) {
            throw new GateRefusedException("the report folder " + dir + " is not writable (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "): set acceptance.report.dir to a writable folder");
        }
    }

    /** The browser criteria need Debian's Chromium and its driver at the configured paths; nothing is downloaded at run time. */
    static void browserPresent(GateSettings.Ui ui, Set<String> selected) {
        List<String> browserCriteria = Stream.of(Criterion.AC_07, Criterion.AC_16, Criterion.AC_17)
                .map(Criterion::id).filter(selected::contains).toList();
        if (browserCriteria.isEmpty()) {
            return;
        }
        List<String> missing = Stream.of(ui.chromium(), ui.chromedriver())
                .filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new GateRefusedException("the browser criteria (" + String.join(", ", browserCriteria) + ") need Debian's chromium and chromium-driver, "
                    + String.join(" and ", missing) + " not found: apt-get install chromium chromium-driver (the first README command does, as root),"
                    + " or set acceptance.browser.chromium and acceptance.browser.chromedriver");
        }
    }

    /** A local image the gate needs; it is never pulled. */
    static void imagePresent(DockerEngine engine, String image, String key, String usedFor) {
        try {
            engine.client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new GateRefusedException("the image '" + image + "' for " + usedFor + " is not on the engine (it is never pulled):"
                    + " build it with bash fixtures/prepare.sh, or set " + key + " to a local image");
        }
    }
}
