package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.NotionIds;
import dev.notionsync.core.model.User;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The checkpoint of an export folder: for every exported object its kind, {@code last_edited_time}, when it was
 * fetched, its name and the files written for it. It lives in {@code .notion-sync/state.jsonl}, written append-only
 * and flushed per record, so a {@code kill -9} at any instant leaves it valid: a torn last line is ignored on load.
 * A lock file keeps a second export out of a folder that is being written.
 */
final class ExportState implements AutoCloseable {

    /**
     * Notion rounds {@code last_edited_time} to the minute: an edit made in the minute an object was fetched has the
     * same timestamp as the fetched version. Such objects are fetched again; the margin also absorbs clock skew.
     */
    static final Duration OVERLAP = Duration.ofMinutes(2);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path log;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Snapshots snapshots;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    /** What the walk found in each object's content, by the checkpoint it was read from: see {@link #walk(String)}. */
    private final Map<String, Walk> walks = new ConcurrentHashMap<>();
    /** Objects whose last checkpoint was missing files: fetched again by every run until none is missing. */
    private final Map<String, Missing> missing = new ConcurrentHashMap<>();
    private BufferedWriter writer;

    /**
     * Files an object's last checkpoint went without (their download failed).
     *
     * @param id the object id as Notion gave it
     * @param files the files' URLs without their signature
     */
    record Missing(String id, List<String> files) {
    }

    /**
     * What the walk met in an object's content (child pages and databases with the titles their blocks show, linked
     * and mentioned pages and databases), as read from the checkpoint made at {@code fetched}.
     */
    record Walk(long fetched, List<Step> steps) {
    }

    /**
     * One step of a walk the last run left, as memory keeps it through a rerun (a walk for every object of the
     * workspace): an id in Notion's dashed form is kept as its normalized, interned form, the one the names hold
     * already, and the work is made again when asked. An id in another form is kept whole.
     */
    private record Step(String key, boolean database, Work.Origin origin, String parentId, String hint, Found whole) {

        /** A step read from the state file: its work is a page or a database, without a page object. */
        static Step of(Found found) {
            Work work = found.work();
            String key = FileNames.normalizeId(work.id());
            if (!dashed(key).equals(work.id())) {
                return new Step(null, false, null, null, null, found);
            }
            String parentId = work instanceof Work.DatabaseWork database ? database.parentId() : null;
            return new Step(key, work instanceof Work.DatabaseWork, work.origin(), parentId, found.hint(), null);
        }

        Found found() {
            if (whole != null) {
                return whole;
            }
            String id = dashed(key);
            return new Found(database ? new Work.DatabaseWork(id, origin, parentId) : new Work.PageWork(id, null, origin),
                    hint);
        }

        /** A normalized id in Notion's dashed form (8-4-4-4-12); anything but 32 characters as it is. */
        private static String dashed(String key) {
            return key.length() != 32 ? key : NotionIds.dashed(key);
        }
    }

    /**
     * One thing the walk met: the work it leads to, and the title a child block shows for it (empty for a reference).
     */
    record Found(Work work, String hint) {
    }

    /**
     * What the state knows of one object. Times are epoch milliseconds (0 when unknown): one entry per object of the
     * workspace stays in memory, so it is kept small.
     */
    record Entry(String kind, long edited, long fetched) {

        Entry(String kind, Instant edited, Instant fetched) {
            this(kind.intern(), edited == null ? 0 : edited.toEpochMilli(),
                    fetched == null ? 0 : fetched.toEpochMilli());
        }
    }

    private ExportState(Path stateDir, FileChannel lockChannel, FileLock lock) {
        this.log = stateDir.resolve("state.jsonl");
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.snapshots = new Snapshots(stateDir);
    }

    /**
     * Locks the folder and loads its state into {@code names} (names stay stable across runs).
     *
     * @throws IllegalStateException if another export holds the folder
     */
    static ExportState open(Path outputDir, FileNames names) {
        try {
            Path stateDir = StateDirectory.of(outputDir);
            FileChannel channel = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another export is running in " + outputDir
                        + "; wait for it to finish (or stop it) and run again");
            }
            ExportState state = new ExportState(stateDir, channel, lock);
            state.load(names);
            state.writer = Files.newBufferedWriter(state.log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the output folder " + outputDir + ": " + e.getMessage(), e);
        }
    }

    private void load(FileNames names) throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        Map<String, String> written = new HashMap<>();
        forEachRecord(record -> {
            String id = record.get("id").asText();
            String key = FileNames.normalizeId(id);
            if (record.path("user").isObject()) {
                users.put(key, new User((ObjectNode) record.get("user")));
                return;
            }
            if (record.path("walk").isArray()) {
                walks.put(key, new Walk(instant(record, "fetched") == null ? -1
                        : instant(record, "fetched").toEpochMilli(), steps(found(record.get("walk")))));
                return;
            }
            if (record.path("anchor").asBoolean(false)) {
                // a block an exported link points at keeps its Markdown anchor from the start of the next run
                names.linkTarget(key);
                return;
            }
            if (record.path("removed").asBoolean(false)) {
                entries.remove(key);
                missing.remove(key);
            } else if (record.has("kind")) {
                entries.put(key, new Entry(record.get("kind").asText(), instant(record, "edited"),
                        instant(record, "fetched")));
                // each checkpoint says what its object still lacks; one without the field lacks nothing
                List<String> files = new ArrayList<>();
                record.path("missing").forEach(file -> files.add(file.asText()));
                if (files.isEmpty()) {
                    missing.remove(key);
                } else {
                    missing.put(key, new Missing(id, List.copyOf(files)));
                }
            }
            if (record.hasNonNull("name")) {
                names.restore(id, record.get("name").asText(), record.path("title").asText(""));
            }
            if (record.path("removed").asBoolean(false)) {
                written.remove(key);
            } else if (record.hasNonNull("file")) {
                written.putIfAbsent(key, record.get("file").asText());
            }
        });
        // objects with files but no checkpoint of their own (a linked view's database document) keep the name their
        // files have, so a rerun links to them before it reaches them, as the first run's relink did
        written.forEach((key, file) -> {
            if (names.name(key).isEmpty()) {
                String base = Path.of(file).getFileName().toString();
                names.restoreFromFile(key, base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base);
            }
        });
        // what an earlier run exported has its files (or, once removed, a note) in the folder: links to it are local
        java.util.stream.Stream.concat(entries.keySet().stream(), written.keySet().stream()).forEach(key -> {
            if (names.name(key).isPresent()) {
                names.exported(key, "");
            }
        });
    }

    /** Reads every record of the log in order; a torn line (a run killed while writing it) is skipped. */
    private void forEachRecord(Consumer<JsonNode> action) throws IOException {
        forEachRecord(log, action);
    }

    /** Reads every record of a checkpoint log in order, skipping a torn line; {@code verify} reads it the same way. */
    static void forEachRecord(Path log, Consumer<JsonNode> action) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode record;
                try {
                    record = MAPPER.readTree(line);
                } catch (IOException torn) {
                    continue;
                }
                if (record != null && record.hasNonNull("id")) {
                    action.accept(record);
                }
            }
        }
    }

    Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(FileNames.normalizeId(id)));
    }

    Set<String> knownIds() {
        return new LinkedHashSet<>(entries.keySet());
    }

    Snapshots snapshots() {
        return snapshots;
    }

    /** Users fetched one by one in earlier runs (guests, or everyone when the list is not readable). */
    Collection<User> users() {
        return users.values();
    }

    /** Records a user fetched by id, so later runs do not fetch it again. */
    void user(User user) {
        users.put(FileNames.normalizeId(user.id()), user);
        append(MAPPER.createObjectNode().put("id", user.id()).set("user", user.json()));
    }

    /**
     * Whether an object Notion reports as last edited at {@code edited} is the one in the snapshot: same edit
     * time, fetched after that minute (and the overlap) had passed.
     */
    boolean unchanged(String id, Instant edited) {
        Entry entry = entries.get(FileNames.normalizeId(id));
        return entry != null && edited != null && entry.edited() != 0 && edited.toEpochMilli() == entry.edited()
                && entry.edited() + OVERLAP.toMillis() < entry.fetched()
                && !missing.containsKey(FileNames.normalizeId(id));
    }

    /**
     * Whether an object was checkpointed complete, with nothing missing, more than the overlap after
     * {@code edited}: what a change at that time would be in its snapshot. For a database, whose own edit time no
     * listing shows, asked with its data sources' listed edit times.
     */
    boolean fetchedAfter(String id, Instant edited) {
        Entry entry = entries.get(FileNames.normalizeId(id));
        return entry != null && edited != null && entry.edited() != 0
                && edited.toEpochMilli() + OVERLAP.toMillis() < entry.fetched()
                && !missing.containsKey(FileNames.normalizeId(id));
    }

    /** Whether the state holds no object: a first export, or one into a folder whose objects are all gone. */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The objects whose last checkpoint went without some files, with those files. */
    Collection<Missing> missing() {
        return List.copyOf(missing.values());
    }

    /** Records a freshly fetched object; its snapshot must already be written. */
    void fetched(String id, String kind, Instant edited, Instant fetchedAt, String name, String title) {
        fetched(id, kind, edited, fetchedAt, name, title, List.of());
    }

    /**
     * Records a freshly fetched object that went without some files; its snapshot must already be written. Until a
     * checkpoint without missing files, the object is not {@link #unchanged(String, Instant) unchanged}.
     */
    void fetched(String id, String kind, Instant edited, Instant fetchedAt, String name, String title,
            List<String> missingFiles) {
        String key = FileNames.normalizeId(id);
        entries.put(key, new Entry(kind, edited, fetchedAt));
        ObjectNode record = MAPPER.createObjectNode().put("id", id).put("kind", kind)
                .put("edited", edited == null ? null : edited.toString()).put("fetched", fetchedAt.toString())
                .put("name", name).put("title", title);
        if (missingFiles.isEmpty()) {
            missing.remove(key);
        } else {
            missing.put(key, new Missing(id, List.copyOf(missingFiles)));
            missingFiles.forEach(record.putArray("missing")::add);
        }
        append(record);
    }

    /**
     * What the walk met in an object's content, as its last checkpoint holds it: a rerun that replays the object
     * queues these without reading its snapshot. Empty when no walk was recorded for that checkpoint, and for walks
     * recorded in this run (read by the next one).
     */
    Optional<List<Found>> walk(String id) {
        String key = FileNames.normalizeId(id);
        Entry entry = entries.get(key);
        Walk walk = walks.get(key);
        return entry != null && walk != null && walk.fetched() == entry.fetched() && entry.fetched() != 0
                ? Optional.of(walk.steps().stream().map(Step::found).toList()) : Optional.empty();
    }

    /** Records what the walk met in an object's content, read from its last checkpoint, for the next run. */
    void walk(String id, List<Found> found) {
        String key = FileNames.normalizeId(id);
        Entry entry = entries.get(key);
        if (entry == null || entry.fetched() == 0) {
            return;
        }
        ObjectNode record = MAPPER.createObjectNode().put("id", id)
                .put("fetched", Instant.ofEpochMilli(entry.fetched()).toString());
        com.fasterxml.jackson.databind.node.ArrayNode steps = record.putArray("walk");
        for (Found next : found) {
            ObjectNode step = steps.addObject().put("id", next.work().id())
                    .put("kind", next.work() instanceof Work.DatabaseWork ? "database" : "page")
                    .put("origin", next.work().origin().name());
            if (next.work() instanceof Work.DatabaseWork database && database.parentId() != null) {
                step.put("parent", database.parentId());
            }
            if (!next.hint().isEmpty()) {
                step.put("hint", next.hint());
            }
        }
        // the next run reads it back; this run does not walk an object twice, so memory keeps only the walks the last
        // run left (one per object of the workspace would make a first export's heap grow with it)
        walks.remove(key);
        append(record);
    }

    private static List<Step> steps(List<Found> found) {
        return found.stream().map(Step::of).toList();
    }

    private static List<Found> found(JsonNode steps) {
        List<Found> found = new ArrayList<>(steps.size());
        for (JsonNode step : steps) {
            String id = step.path("id").asText();
            Work.Origin origin = Work.Origin.valueOf(step.path("origin").asText(Work.Origin.REFERENCE.name()));
            Work work = "database".equals(step.path("kind").asText())
                    ? new Work.DatabaseWork(id, origin, step.path("parent").asText(null))
                    : new Work.PageWork(id, null, origin);
            found.add(new Found(work, step.path("hint").asText("")));
        }
        return List.copyOf(found);
    }

    /**
     * Records that an object's snapshot is lost or damaged: the next run fetches it, whatever Notion says of its
     * edit time, as after a checkpoint with a gap.
     */
    void refetch(String id) {
        String key = FileNames.normalizeId(id);
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        entries.put(key, new Entry(entry.kind(), 0, entry.fetched()));
        walks.remove(key);
        append(MAPPER.createObjectNode().put("id", id).put("kind", entry.kind()).putNull("edited")
                .put("fetched", Instant.ofEpochMilli(entry.fetched()).toString()));
    }

    /** Records a name given to an object that has no snapshot of its own (a data source). */
    void named(String id, String name, String title) {
        append(MAPPER.createObjectNode().put("id", id).put("name", name).put("title", title));
    }

    /**
     * Records a file written for an object, so it can be moved aside when the object disappears, with the SHA-256 of
     * its content, so {@code verify} can tell a damaged file from a good one.
     */
    void file(String id, Path file, String sha256) {
        ObjectNode record = MAPPER.createObjectNode().put("id", id).put("file", file.toString().replace('\\', '/'));
        if (sha256 != null) {
            record.put("sha256", sha256);
        }
        append(record);
    }

    /** Records blocks that exported links point at, so the next run anchors them in Markdown before any write. */
    void anchors(Collection<String> blockIds) {
        blockIds.stream().sorted().forEach(id -> append(MAPPER.createObjectNode().put("id", id).put("anchor", true)));
    }

    /**
     * Records that a file written for an object is no longer its own: the object was renamed (see
     * {@link FileNames}), and its file under the old name is gone or belongs to another object now.
     */
    void dropped(String id, Path file) {
        append(MAPPER.createObjectNode().put("id", id).put("dropped", file.toString().replace('\\', '/')));
    }

    /** Records that an object is gone from Notion (deleted, trashed or no longer shared). */
    void removed(String id) {
        entries.remove(FileNames.normalizeId(id));
        missing.remove(FileNames.normalizeId(id));
        append(MAPPER.createObjectNode().put("id", id).put("removed", true));
    }

    /**
     * The known objects in the order their files were first written: each writer writes in the order the objects
     * reach it, so this is the order an earlier run handed them to the writers (a data source's rows in query
     * order). Objects without a recorded file come last.
     *
     * @param known the known objects in that order
     * @param placeholders objects that had files written but are no entries: linked-database placeholders (and data
     *     sources, which no block names)
     */
    record WriteOrder(Set<String> known, Set<String> placeholders) {
    }

    /** Reads the {@link WriteOrder} from the log. */
    WriteOrder writeOrder() throws IOException {
        Set<String> ordered = new LinkedHashSet<>();
        Set<String> placeholders = new HashSet<>();
        synchronized (this) {
            writer.flush();
        }
        forEachRecord(record -> {
            String key = FileNames.normalizeId(record.get("id").asText());
            if (record.hasNonNull("file")) {
                (entries.containsKey(key) ? ordered : placeholders).add(key);
            }
        });
        ordered.addAll(entries.keySet());
        return new WriteOrder(ordered, placeholders);
    }

    /** The files recorded for some objects, read back from the log. */
    Map<String, Set<String>> filesOf(Set<String> ids) throws IOException {
        Map<String, Set<String>> files = new ConcurrentHashMap<>();
        synchronized (this) {
            writer.flush();
        }
        forEachRecord(record -> {
            String key = FileNames.normalizeId(record.get("id").asText());
            if (record.hasNonNull("file") && ids.contains(key)) {
                files.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(record.get("file").asText());
            } else if (record.hasNonNull("dropped") && files.containsKey(key)) {
                files.get(key).remove(record.get("dropped").asText());
            }
        });
        return files;
    }

    private synchronized void append(ObjectNode record) {
        assert OffTheEventLoop.check("the export state");
        try {
            writer.write(record.toString());
            writer.newLine();
            // flushed per record: what a killed run fetched is not fetched again
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export state " + log + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException ignored) {
            // every record was flushed when it was written
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the operating system releases the lock with the process anyway
        }
    }

    private static Instant instant(JsonNode record, String field) {
        String text = record.path(field).asText(null);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
