package dev.orchestrator.gate.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.orchestrator.gate.config.SecretMasker;
import dev.orchestrator.gate.process.Folders;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the report as JSON (validated against the published schema), Markdown and a
 * self-contained HTML page, into a timestamped folder and refreshes {@code latest/}.
 */
public final class ReportWriter {

    public static final String JSON_FILE = "acceptance-report.json";
    public static final String MD_FILE = "acceptance-report.md";
    public static final String HTML_FILE = "acceptance-report.html";
    public static final String SCHEMA = "report/acceptance-report.schema.json";
    static final int KEEP_RUNS = 20;
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final SecretMasker masker;

    public ReportWriter(SecretMasker masker) {
        this.masker = masker;
    }

    /** Writes the report's files (its trend computed against the earlier runs in {@code reportsDir}); returns the report as written and its folder. */
    ReportFinisher.Written write(Report computed, Path reportsDir) {
        try {
            Report report = computed.withTrend(Trend.of(new ObjectMapper().readTree(mapper().writeValueAsString(computed)), reportsDir));
            String json = masker.mask(mapper().writeValueAsString(report));
            List<String> problems = validate(new ObjectMapper().readTree(json));
            if (!problems.isEmpty()) {
                throw new IllegalStateException("report does not match " + SCHEMA + ": " + problems);
            }
            Map<String, Object> view = new ReportView(report).model();
            Path runDir = reportsDir.resolve(ZonedDateTime.now(ZoneOffset.UTC).format(FOLDER));
            if (Files.exists(runDir)) {
                runDir = reportsDir.resolve(runDir.getFileName() + "-" + ProcessHandle.current().pid());
            }
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve(JSON_FILE), json);
            for (CriterionReport criterion : report.criteria()) {
                for (CriterionResult.Attachment a : criterion.attachments()) {
                    Files.write(runDir.resolve(a.file()), a.content());
                }
            }
            Files.writeString(runDir.resolve(MD_FILE), masker.mask(render("report/report.md.mustache", view)));
            Files.writeString(runDir.resolve(HTML_FILE), masker.mask(render("report/report.html.mustache", view)));
            Files.writeString(runDir.resolve(JUnitXml.FILE), masker.mask(JUnitXml.render(report)));
            refreshLatest(runDir, reportsDir.resolve("latest"));
            prune(reportsDir);
            return new ReportFinisher.Written(report, runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report under " + reportsDir, e);
        }
    }

    /** Schema problems of a report (empty when it conforms). */
    public static List<String> validate(JsonNode report) {
        try (InputStream schema = ReportWriter.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            JsonSchema jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            Set<ValidationMessage> messages = jsonSchema.validate(report);
            return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The short Markdown a CI shows (GitHub's step summary): verdict, headline, checklist, trend. */
    public static String summary(Report report, SecretMasker masker) {
        return masker.mask(render("report/summary.md.mustache", new ReportView(report).model()));
    }

    private static String render(String template, Map<String, Object> view) {
        MustacheFactory factory = new DefaultMustacheFactory();
        Mustache mustache = factory.compile(template);
        StringWriter out = new StringWriter();
        mustache.execute(out, view);
        return out.toString();
    }

    /** How often latest/ is swapped again when another run swapped it at the same moment. */
    private static final int LATEST_SWAPS = 10;

    /**
     * latest/ becomes a copy of {@code runDir}, moved into place by rename: a reader never sees one run's files mixed
     * with another's (two runs on two ports share the report folder). The copy is made beside it, the old latest/ is
     * renamed away and the copy renamed in; a run that swapped it meanwhile makes this one try again.
     */
    static void refreshLatest(Path runDir, Path latest) throws IOException {
        String unique = ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path fresh = latest.resolveSibling(".latest-new-" + unique);
        Files.createDirectories(fresh);
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path p : files.toList()) {
                Files.copy(p, fresh.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path old = latest.resolveSibling(".latest-old-" + unique);
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(latest, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException gone) {
                // no latest/ yet, or another run has just moved it away
            }
            try {
                Files.move(fresh, latest, StandardCopyOption.ATOMIC_MOVE);
                break;
            } catch (FileSystemException raced) {
                // another run moved its own latest/ in meanwhile: renaming onto a directory that is not empty fails with ENOTEMPTY, which
                // Linux reports as a plain FileSystemException ("Directory not empty"), other systems as FileAlreadyExistsException
                if (attempt == LATEST_SWAPS) {
                    Folders.deleteTree(fresh);
                    throw raced;
                }
            } finally {
                if (Files.exists(old)) {
                    Folders.deleteTree(old);
                }
            }
        }
    }

    /** Keeps the newest {@link #KEEP_RUNS} timestamped folders. */
    static void prune(Path reportsDir) throws IOException {
        List<Path> runs;
        try (Stream<Path> dirs = Files.list(reportsDir)) {
            runs = dirs.filter(Files::isDirectory).filter(p -> p.getFileName().toString().matches("\\d{8}T\\d{6}Z.*"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        for (Path old : runs.stream().skip(KEEP_RUNS).toList()) {
            Folders.deleteTree(old);
        }
    }

    static String readResource(String name) {
        try (InputStream in = ReportWriter.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
