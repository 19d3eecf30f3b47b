package dev.orchestrator.gate;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house as docs/architecture.md draws it: the packages in layers, each depending only on layers below it (no package
 * imports one that imports it back), drawn from the compiled classes by the JDK's own jdeps (the tests themselves left out).
 */
class ArchitectureTest {

    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));
    private static final String BASE = "dev.orchestrator.gate.";
    /** The layer block of docs/architecture.md: a fenced "layers" block, one layer a line, top first. */
    private static final Pattern LAYERS = Pattern.compile("```layers\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EDGE = Pattern
            .compile("^\\s*dev\\.orchestrator\\.gate\\.([a-z]+)\\.([A-Za-z0-9_$]+)\\s+->\\s+dev\\.orchestrator\\.gate\\.([a-z]+)\\.");

    /** Package -> the packages its (non-test) classes use, from jdeps -verbose:class over the compiled classes. */
    static Map<String, Set<String>> graph() {
        Path classes = PROJECT.resolve("target/test-classes");
        StringWriter out = new StringWriter();
        int exit = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "-verbose:class", "-e", "dev\\.orchestrator\\.gate\\..*", classes.toString());
        assertThat(exit).as("jdeps over %s", classes).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String from = m.group(1);
            String cls = m.group(2).replaceFirst("\\$.*", "");
            if (cls.endsWith("Test") || cls.endsWith("IT") || cls.startsWith("Test")) {
                continue; // a test may use what it tests, from anywhere
            }
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            graph.computeIfAbsent(m.group(3), k -> new TreeSet<>());
            if (!from.equals(m.group(3))) {
                graph.get(from).add(m.group(3));
            }
        }
        return graph;
    }

    /** The layers docs/architecture.md draws, top first: package -> its layer's number (0 = top). */
    static Map<String, Integer> documentedLayers() throws Exception {
        Matcher block = LAYERS.matcher(Files.readString(PROJECT.resolve("docs/architecture.md")));
        assertThat(block.find()).as("docs/architecture.md has a ```layers block").isTrue();
        Map<String, Integer> layers = new LinkedHashMap<>();
        int n = 0;
        for (String line : block.group(1).split("\n")) {
            String packages = line.replaceFirst("#.*", "").strip();
            if (packages.isEmpty()) {
                continue;
            }
            for (String p : packages.split("\\s+")) {
                assertThat(layers.put(p, n)).as("package %s drawn once", p).isNull();
            }
            n++;
        }
        return layers;
    }

    @Test
    void everyPackageDependsOnlyOnLayersBelowItAsTheArchitecturePageDrawsThem() throws Exception {
        Map<String, Set<String>> graph = graph();
        Map<String, Integer> layers = documentedLayers();
        assertThat(layers.keySet()).as("the packages docs/architecture.md draws are the code's").containsExactlyInAnyOrderElementsOf(graph.keySet());
        List<String> upward = new ArrayList<>();
        graph.forEach((from, tos) -> tos.forEach(to -> {
            if (layers.get(to) <= layers.get(from)) {
                upward.add(from + " -> " + to);
            }
        }));
        assertThat(upward).as("dependencies that do not go down a layer (a cycle, or a package using its sibling or one above it)").isEmpty();
    }
}
