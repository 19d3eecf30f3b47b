package dev.orchestrator.gate.waivers;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.orchestrator.gate.catalogue.ProblemCode;
import dev.orchestrator.gate.config.GateConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates the operator's waiver file (YAML, read by Jackson): a list under {@code waivers:}, each entry
 * with {@code criterion}, {@code problems} (the problem codes of its failure it covers, from the criterion's
 * vocabulary), {@code justification}, {@code owner} and {@code expires} (YYYY-MM-DD, at most {@code max-days} ahead).
 * Anything else is refused with one line naming the file, the entry and the field. An expired waiver is valid: it is
 * read, and reported as expired.
 */
public final class WaiverFile {

    /** The configuration key that names the file (the refusals say it). */
    public static final String KEY = "acceptance.waivers";
    private static final List<String> FIELDS = List.of("criterion", "problems", "justification", "owner", "expires");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The longest a waiver may be set to last (acceptance.waivers.max-days): a waiver is a short exception, not a switch. */
    public static final int MAX_DAYS_BOUND = 90;

    private final Function<String, Optional<Set<ProblemCode>>> vocabulary;
    private final String range;

    /**
     * A reader that accepts the criteria {@code vocabulary} knows, each with the problem codes its failures may carry
     * ({@code range} names the criteria in a refusal: "AC-01..AC-20").
     */
    public WaiverFile(Function<String, Optional<Set<ProblemCode>>> vocabulary, String range) {
        this.vocabulary = vocabulary;
        this.range = range;
    }

    /** The waivers of {@code file}, judged on {@code today}; none when {@code file} is empty. */
    public Waivers read(Optional<Path> file, int maxDays, LocalDate today) {
        if (maxDays > MAX_DAYS_BOUND) {
            throw new GateConfigException("acceptance.waivers.max-days", "acceptance.waivers.max-days must be at most " + MAX_DAYS_BOUND
                    + ", got " + maxDays + ": a waiver is a short exception with a date to look again");
        }
        if (file.isEmpty()) {
            return Waivers.none();
        }
        Path path = file.get();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(path));
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String problem = e.getOriginalMessage().lines().reduce((a, b) -> b).orElse("").strip(); // YAML's last line says what it expected
            throw refused(path, "is not valid YAML" + where + ": " + problem);
        } catch (IOException e) {
            throw refused(path, "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || !root.path("waivers").isArray() || root.size() != 1) {
            throw refused(path, "must hold one list, 'waivers:', of entries with " + String.join(", ", FIELDS));
        }
        List<Waiver> waivers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (JsonNode entry : root.path("waivers")) {
            n++;
            Waiver w = entry(path, n, entry, maxDays, today);
            if (!seen.add(w.criterion())) {
                throw refused(path, "waiver " + n + ": a second waiver for " + w.criterion() + " (one per criterion)");
            }
            waivers.add(w);
        }
        return new Waivers(waivers, today, file);
    }

    private Waiver entry(Path path, int n, JsonNode entry, int maxDays, LocalDate today) {
        if (!entry.isObject()) {
            throw refused(path, "waiver " + n + " is not a mapping of " + String.join(", ", FIELDS));
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("summary-matches")) {
                throw refused(path, "waiver " + n + ": summary-matches is gone: a waiver names the problem codes it covers (problems: [...]),"
                        + " and covers a failure only when it names every one of its problems");
            }
            if (!FIELDS.contains(name)) {
                throw refused(path, "waiver " + n + ": unknown field '" + name + "' (fields: " + String.join(", ", FIELDS) + ")");
            }
        }
        String criterion = required(path, n, entry, "criterion");
        String where = "waiver " + n + " (" + criterion + ")";
        Optional<Set<ProblemCode>> codes = vocabulary.apply(criterion);
        if (codes.isEmpty()) {
            throw refused(path, where + ": unknown criterion '" + criterion + "' (" + range + ")");
        }
        Set<ProblemCode> covers = problems(path, where, entry, codes.get());
        String justification = required(path, n, entry, "justification");
        String owner = required(path, n, entry, "owner");
        String expiresText = required(path, n, entry, "expires");
        LocalDate expires;
        try {
            expires = LocalDate.parse(expiresText);
        } catch (DateTimeParseException e) {
            throw refused(path, where + ": expires '" + expiresText + "' is not a date (YYYY-MM-DD)");
        }
        if (expires.isAfter(today.plusDays(maxDays))) {
            throw refused(path, where + ": expires " + expires + " is more than " + maxDays + " days ahead (acceptance.waivers.max-days):"
                    + " a waiver is a short exception with a date to look again");
        }
        return new Waiver(criterion, justification, owner, expires, covers);
    }

    /** The problem codes an entry names: a non-empty list, each from its criterion's vocabulary. */
    private static Set<ProblemCode> problems(Path path, String where, JsonNode entry, Set<ProblemCode> vocabulary) {
        JsonNode list = entry.get("problems");
        String known = String.join(", ", vocabulary.stream().map(ProblemCode::code).toList());
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw refused(path, where + ": problems is missing: name the problem codes of the failure it covers (the criterion's codes: " + known + ")");
        }
        Set<ProblemCode> covers = new LinkedHashSet<>();
        for (JsonNode item : list) {
            String code = item.asText("").strip();
            Optional<ProblemCode> known1 = ProblemCode.of(code).filter(vocabulary::contains);
            if (known1.isEmpty()) {
                throw refused(path, where + ": problems: '" + code + "' is not a problem code of its criterion (its codes: " + known + ")");
            }
            covers.add(known1.get());
        }
        return covers;
    }

    private static String required(Path path, int n, JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            String which = entry.hasNonNull("criterion") && !field.equals("criterion") ? " (" + entry.get("criterion").asText() + ")" : "";
            throw refused(path, "waiver " + n + which + ": " + field + " is missing");
        }
        return value.asText().strip();
    }

    private static GateConfigException refused(Path path, String problem) {
        return new GateConfigException(KEY, KEY + ": " + path + (problem.startsWith("waiver") ? ": " : " ") + problem);
    }
}
