package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.SearchQuery;
import dev.notionsync.core.DataSourceQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks an export folder on its own: every file the state lists is there with the content it recorded, no
 * temporary file is left, no local link in Markdown or HTML points at a missing file, every attachment the index
 * names is present and intact, and the report agrees with the state. {@link #online(NotionClient)} also lists what
 * Notion has that the export lacks, from the listings alone.
 *
 * <pre>{@code
 * ExportVerifier.Verification result = ExportVerifier.of(Path.of("backup")).verify();
 * result.problems().forEach(p -> System.out.println(p.kind() + " " + p.path() + ": " + p.detail()));
 * }</pre>
 */
public final class ExportVerifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What can be wrong with an export folder. */
    public enum Kind {
        /** No export state: the folder was not written by notion-sync, or its state is gone. */
        NO_STATE,
        /** A file the state lists is not there. */
        MISSING,
        /** A file's content differs from the hash the state recorded for it. */
        CHANGED,
        /** A temporary file of a write that never finished (a killed run; a rerun removes it). */
        TEMPORARY,
        /** A local link in Markdown or HTML points at a file that is not there. */
        DANGLING_LINK,
        /** An attachment named by {@code json/index.json} is not there, or its content does not match its name. */
        ATTACHMENT,
        /** The report and the state disagree (an object one lists and the other does not). */
        REPORT,
        /** Notion lists an object the export does not hold ({@link #online} only). */
        NOT_EXPORTED
    }

    /**
     * One problem.
     *
     * @param kind what is wrong
     * @param path the file or object concerned, relative to the export folder, or an object id
     * @param detail one line that says what was expected
     */
    public record Problem(Kind kind, String path, String detail) {
    }

    /**
     * The result of {@link #verify()}.
     *
     * @param problems what is wrong, in a stable order; empty when the export is sound
     * @param files files the state lists that were checked
     * @param links local links checked
     * @param attachments attachments checked
     */
    public record Verification(List<Problem> problems, int files, int links, int attachments) {

        /** Whether nothing is wrong. */
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private final Path dir;

    private ExportVerifier(Path dir) {
        this.dir = dir;
    }

    /**
     * A verifier of one export folder.
     *
     * @param outputDir the folder an export wrote
     * @return the verifier; nothing is read until {@link #verify()}
     */
    public static ExportVerifier of(Path outputDir) {
        return new ExportVerifier(Objects.requireNonNull(outputDir, "outputDir").toAbsolutePath().normalize());
    }

    /**
     * Checks the folder without any request to Notion.
     *
     * @return what was found
     * @throws UncheckedIOException if the folder cannot be read
     */
    public Verification verify() {
        List<Problem> problems = new ArrayList<>();
        try {
            Recorded state = recorded();
            if (state == null) {
                problems.add(new Problem(Kind.NO_STATE, StateDirectory.NAME + "/state.jsonl",
                        "no export state: not a notion-sync export folder"));
                return new Verification(problems, 0, 0, 0);
            }
            int files = checkFiles(state, problems);
            temporaries(problems);
            int links = LocalLinks.check(dir, problems);
            int attachments = attachments(problems);
            report(state, problems);
            return new Verification(List.copyOf(problems), files, links, attachments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lists what Notion has that the export lacks: pages and data sources from search, rows from each data
     * source's query. Costs the listing only (one request per 100 objects). Cold: nothing is asked before
     * subscription.
     *
     * @param client a client with the token the export used
     * @return one {@link Kind#NOT_EXPORTED} problem per missing object
     */
    public Flux<Problem> online(NotionClient client) {
        Objects.requireNonNull(client, "client");
        return Mono.fromCallable(this::recorded).subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(state -> client.search(SearchQuery.all()).concatMap(found -> {
                    if ("data_source".equals(found.object())) {
                        String database = found.json().path("parent").path("database_id").asText(found.id());
                        Flux<Problem> self = state.known(database) ? Flux.empty()
                                : Flux.just(notExported("database", database));
                        return self.concatWith(client.query(found.id(), DataSourceQuery.all())
                                .filter(row -> !state.known(row.id()) && !row.inTrash())
                                .map(row -> notExported("row", row.id())));
                    }
                    return state.known(found.id()) || found.inTrash() ? Flux.empty()
                            : Flux.just(notExported(found.object(), found.id()));
                }))
                .distinct(Problem::path);
    }

    private static Problem notExported(String kind, String id) {
        return new Problem(Kind.NOT_EXPORTED, id, "Notion lists this " + kind.replace('_', ' ')
                + ", the export does not hold it");
    }

    /** The state as the checkpoint log records it: objects still exported and the last hash of each file. */
    private static final class Recorded {
        final Set<String> objects = new HashSet<>();
        final Set<String> removed = new HashSet<>();
        final Map<String, String> owner = new LinkedHashMap<>();
        final Map<String, String> hash = new HashMap<>();
        final Set<String> withFiles = new HashSet<>();

        boolean known(String id) {
            String key = FileNames.normalizeId(id);
            // a linked view's database document has files and a snapshot but no checkpoint of its own
            return objects.contains(key) || withFiles.contains(key) && !removed.contains(key);
        }
    }

    private Recorded recorded() throws IOException {
        Path log = dir.resolve(StateDirectory.NAME).resolve("state.jsonl");
        if (!Files.isRegularFile(log)) {
            return null;
        }
        Recorded state = new Recorded();
        ExportState.forEachRecord(log, record -> {
            String id = FileNames.normalizeId(record.get("id").asText());
            if (record.path("removed").asBoolean(false)) {
                state.objects.remove(id);
                state.removed.add(id);
            } else if (record.has("kind")) {
                state.objects.add(id);
                state.removed.remove(id);
            }
            if (record.hasNonNull("dropped")) {
                // renamed: the file under the old name is gone, or another object's now
                String file = record.get("dropped").asText();
                if (state.owner.remove(file, id)) {
                    state.hash.remove(file);
                }
            }
            if (record.hasNonNull("file")) {
                String file = record.get("file").asText();
                state.owner.put(file, id);
                state.withFiles.add(id);
                if (record.hasNonNull("sha256")) {
                    state.hash.put(file, record.get("sha256").asText());
                }
            }
        });
        return state;
    }

    private int checkFiles(Recorded state, List<Problem> problems) {
        int checked = 0;
        for (Map.Entry<String, String> file : state.owner.entrySet()) {
            if (state.removed.contains(file.getValue())) {
                continue; // moved aside with its object; its pages hold a note now
            }
            checked++;
            Path path = dir.resolve(file.getKey()).normalize();
            if (!path.startsWith(dir) || !Files.isRegularFile(path)) {
                problems.add(new Problem(Kind.MISSING, file.getKey(), "the state lists this file of object "
                        + file.getValue() + "; it is not there"));
                continue;
            }
            String expected = state.hash.get(file.getKey());
            String actual = expected == null ? null : ExportFiles.sha256(path);
            if (expected != null && !expected.equals(actual)) {
                problems.add(new Problem(Kind.CHANGED, file.getKey(), "content differs from what the export wrote"
                        + " (sha256 " + expected.substring(0, 12) + "…, found " + (actual == null ? "unreadable"
                        : actual.substring(0, 12) + "…") + ")"));
            }
        }
        return checked;
    }

    private void temporaries(List<Problem> problems) throws IOException {
        Path removed = dir.resolve(StateDirectory.NAME).resolve("removed");
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.filter(path -> !path.startsWith(removed))
                    .filter(path -> ExportFiles.isTemporary(path.getFileName().toString()))
                    .map(path -> dir.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .forEach(path -> problems.add(new Problem(Kind.TEMPORARY, path, "left by a write that did not"
                            + " finish (a killed run); the next export removes it")));
        }
    }

    private int attachments(List<Problem> problems) throws IOException {
        Path index = dir.resolve("json").resolve("index.json");
        if (!Files.isRegularFile(index)) {
            return 0;
        }
        JsonNode objects;
        try {
            objects = MAPPER.readTree(index.toFile()).path("objects");
        } catch (IOException malformed) {
            problems.add(new Problem(Kind.CHANGED, "json/index.json", "not valid JSON: " + malformed.getMessage()));
            return 0;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode object : objects) {
            for (JsonNode attachment : object.path("attachments")) {
                String relative = attachment.path("path").asText("");
                if (relative.isEmpty() || !seen.add(relative)) {
                    continue;
                }
                Path path = dir.resolve(relative).normalize();
                String name = path.getFileName().toString();
                String expected = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                if (!path.startsWith(dir) || !Files.isRegularFile(path)) {
                    problems.add(new Problem(Kind.ATTACHMENT, relative, "attachment of " + object.path("id").asText()
                            + " (" + attachment.path("name").asText("file") + ") is not there"));
                } else if (expected.length() == 64 && !expected.equals(ExportFiles.sha256(path))) {
                    problems.add(new Problem(Kind.ATTACHMENT, relative, "content does not match its name (the"
                            + " file is damaged)"));
                }
            }
        }
        return seen.size();
    }

    private void report(Recorded state, List<Problem> problems) throws IOException {
        Path file = dir.resolve(ReportFile.NAME);
        if (!Files.isRegularFile(file)) {
            problems.add(new Problem(Kind.REPORT, ReportFile.NAME, "no report: the last export did not finish"));
            return;
        }
        JsonNode report;
        try {
            report = MAPPER.readTree(file.toFile());
        } catch (IOException malformed) {
            problems.add(new Problem(Kind.REPORT, ReportFile.NAME, "not valid JSON: " + malformed.getMessage()));
            return;
        }
        Set<String> listed = new HashSet<>();
        for (JsonNode object : report.path("objects")) {
            String id = FileNames.normalizeId(object.path("id").asText());
            String status = object.path("status").asText();
            listed.add(id);
            if (("exported".equals(status) || ExportEvent.Reasons.UNCHANGED.equals(status)) && !state.known(id)) {
                problems.add(new Problem(Kind.REPORT, object.path("id").asText(), "the report lists it as " + status
                        + ", the state does not hold it"));
            }
        }
        if (!ReportFile.INTERRUPTED.equals(report.path("status").asText())) {
            state.objects.stream().filter(id -> !listed.contains(id)).sorted()
                    .forEach(id -> problems.add(new Problem(Kind.REPORT, id, "the state holds it, the report of the"
                            + " last export does not list it")));
        }
    }
}
