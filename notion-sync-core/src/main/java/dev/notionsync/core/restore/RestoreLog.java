package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The restore's journal in the export folder: one JSON object per line, each written whole and forced to disk before
 * the next request, so that {@code kill -9} at any instant leaves a valid prefix. Lines: {@code map} (old id → new
 * id), {@code intent} (a create about to be sent: after a crash or a timeout the restore looks for its result before
 * sending it again) and {@code done} (a step finished). A torn last line is cut off when the log is opened.
 */
final class RestoreLog implements AutoCloseable {

    static final String FILE = "restore-log.jsonl";

    private final ObjectMapper mapper;
    private final FileChannel channel;
    private final Map<String, String> newIds = new HashMap<>();
    /** When each old id was mapped, in log order: a reference written before its target existed needs a fix. */
    private final Map<String, Integer> order = new HashMap<>();
    private final Set<String> known = new HashSet<>();
    private final Set<String> intents = new HashSet<>();
    private final Set<String> done = new HashSet<>();
    private final Map<String, java.util.LinkedHashMap<String, String>> lost = new java.util.LinkedHashMap<>();
    private final String parent;
    private final boolean resumed;

    private RestoreLog(ObjectMapper mapper, FileChannel channel, String parent, boolean resumed) {
        this.mapper = mapper;
        this.channel = channel;
        this.parent = parent;
        this.resumed = resumed;
    }

    /**
     * Opens the log of {@code folder}, replaying what earlier runs wrote.
     *
     * @throws IllegalStateException if the log restores into another parent
     */
    static RestoreLog open(Path folder, String parentPageId, ObjectMapper mapper) {
        Path file = folder.resolve(FILE);
        try {
            long valid = 0;
            String parent = null;
            RestoreLog log;
            Map<String, String> ids = new java.util.LinkedHashMap<>();
            Set<String> intents = new HashSet<>();
            Set<String> done = new HashSet<>();
            Set<String> extra = new HashSet<>();
            java.util.List<JsonNode> lostLines = new java.util.ArrayList<>();
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                int start = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] != '\n') {
                        continue;
                    }
                    JsonNode line;
                    try {
                        line = mapper.readTree(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    } catch (IOException torn) {
                        break;
                    }
                    switch (line.path("t").asText()) {
                        case "start" -> parent = line.path("parent").asText();
                        case "map" -> ids.put(line.path("old").asText(), line.path("new").asText());
                        case "maps" -> {
                            for (int k = 0; k < line.path("old").size(); k++) {
                                ids.put(line.path("old").get(k).asText(), line.path("new").get(k).asText());
                            }
                            line.path("known").forEach(id -> extra.add(id.asText()));
                            line.path("done").forEach(key -> done.add(key.asText()));
                        }
                        case "lost" -> lostLines.add(line);
                        case "intent" -> intents.add(line.path("key").asText());
                        case "done" -> done.add(line.path("key").asText());
                        default -> {
                            // a line of a newer version: keep it, ignore it
                        }
                    }
                    start = i + 1;
                    valid = start;
                }
            }
            if (parent != null && !parent.equals(parentPageId)) {
                throw new IllegalStateException("the restore log " + file + " restores into page " + parent
                        + ", not " + parentPageId + "; move it away to restore into another page");
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // a line torn by a kill is cut off, so the next line does not join it
            channel.truncate(valid);
            channel.position(valid);
            log = new RestoreLog(mapper, channel, parentPageId, parent != null);
            ids.forEach(log::remember);
            log.known.addAll(ids.values());
            log.known.addAll(extra);
            lostLines.forEach(line -> log.lost.computeIfAbsent(line.path("owner").asText(),
                    k -> new java.util.LinkedHashMap<>()).put(line.path("what").asText(), line.path("why").asText()));
            log.intents.addAll(intents);
            log.done.addAll(done);
            if (parent == null) {
                log.write(mapper.createObjectNode().put("t", "start").put("parent", parentPageId));
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the restore log " + file + ": " + e.getMessage(), e);
        }
    }

    private void remember(String oldId, String newId) {
        newIds.put(oldId, newId);
        order.putIfAbsent(oldId, order.size());
    }

    /** Whether {@code target} was created after {@code referrer}, both by this restore (this run or earlier). */
    boolean createdAfter(String target, String referrer) {
        Integer t = order.get(target);
        Integer r = order.get(referrer);
        return t != null && r != null && t > r;
    }

    boolean resumed() {
        return resumed;
    }

    String parent() {
        return parent;
    }

    Optional<String> newId(String oldId) {
        return Optional.ofNullable(newIds.get(oldId));
    }

    /** Whether an id of the target workspace was created by this restore (so it is not adopted twice). */
    boolean isKnown(String newId) {
        return known.contains(newId);
    }

    boolean hasIntent(String key) {
        return intents.contains(key);
    }

    boolean isDone(String key) {
        return done.contains(key);
    }

    void map(String oldId, String newId, String kind) {
        write(mapper.createObjectNode().put("t", "map").put("old", oldId).put("new", newId).put("kind", kind));
        remember(oldId, newId);
        known.add(newId);
    }

    /** Records several mappings in one line, so that a kill keeps all of them or none. */
    void mapAll(java.util.List<String> oldIds, java.util.List<String> newIdsInOrder, java.util.List<String> others,
            String kind) {
        mapAll(oldIds, newIdsInOrder, others, java.util.List.of(), kind);
    }

    /** Records mappings, ids made that map to nothing, and steps done, in one line. */
    void mapAll(java.util.List<String> oldIds, java.util.List<String> newIdsInOrder, java.util.List<String> others,
            java.util.List<String> doneKeys, String kind) {
        ObjectNode line = mapper.createObjectNode().put("t", "maps").put("kind", kind);
        doneKeys.forEach(line.putArray("done")::add);
        done.addAll(doneKeys);
        oldIds.forEach(line.putArray("old")::add);
        newIdsInOrder.forEach(line.putArray("new")::add);
        others.forEach(line.putArray("known")::add);
        write(line);
        known.addAll(others);
        for (int i = 0; i < oldIds.size(); i++) {
            remember(oldIds.get(i), newIdsInOrder.get(i));
            known.add(newIdsInOrder.get(i));
        }
    }

    /**
     * Records something not restored, once per object and item: a rerun that converts the object again does not
     * repeat it, and the report of a rerun still lists what earlier runs could not restore.
     *
     * @return whether it is new
     */
    boolean lost(String owner, String what, String why) {
        Map<String, String> items = lost.computeIfAbsent(owner, k -> new java.util.LinkedHashMap<>());
        if (items.containsKey(what)) {
            return false;
        }
        items.put(what, why);
        write(mapper.createObjectNode().put("t", "lost").put("owner", owner).put("what", what).put("why", why));
        return true;
    }

    /** Everything not restored, by object, in the order it was found. */
    Map<String, ? extends Map<String, String>> lost() {
        return lost;
    }

    void intent(String key) {
        if (intents.add(key)) {
            write(mapper.createObjectNode().put("t", "intent").put("key", key));
        }
    }

    void done(String key) {
        if (done.add(key)) {
            write(mapper.createObjectNode().put("t", "done").put("key", key));
        }
    }

    private void write(ObjectNode line) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap((mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the restore log: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
