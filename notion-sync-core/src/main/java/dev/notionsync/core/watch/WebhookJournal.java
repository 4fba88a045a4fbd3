package dev.notionsync.core.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook events a watch accepted, in {@code .notion-sync/webhook-events.jsonl}: one line per accepted event
 * ({@code {"accepted":…, "event":{…}}}), written and forced to disk before Notion gets its 200, and one line per
 * event applied ({@code {"done":"<id>"}}). A {@code kill -9} at any instant leaves it valid (a torn last line is
 * ignored), so a restart applies every event that was acknowledged and not yet done. Opening it rewrites it with
 * the pending events and the ids of the latest done ones (Notion may deliver an event again), so it stays small.
 */
final class WebhookJournal implements AutoCloseable {

    /** Its name inside the state directory. */
    static final String NAME = "webhook-events.jsonl";
    /** Ids of applied events kept to recognise a repeated delivery. */
    private static final int DONE_KEPT = 10_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An accepted event and when it arrived. */
    record Entry(String id, Instant accepted, ObjectNode event) {
    }

    private final Path file;
    private final Map<String, Entry> pending = new LinkedHashMap<>();
    private final Set<String> done = new LinkedHashSet<>();
    private final FileChannel channel;

    private WebhookJournal(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                read(line);
            }
        }
        compact();
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    static WebhookJournal open(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        return new WebhookJournal(stateDir.resolve(NAME));
    }

    private void read(String line) {
        JsonNode record;
        try {
            record = MAPPER.readTree(line);
        } catch (IOException torn) {
            // the last line of a killed process
            return;
        }
        if (record == null) {
            return;
        }
        if (record.hasNonNull("done")) {
            String id = record.get("done").asText();
            pending.remove(id);
            remember(id);
        } else if (record.path("event").isObject() && record.path("event").hasNonNull("id")) {
            ObjectNode event = (ObjectNode) record.get("event");
            String id = event.get("id").asText();
            if (!done.contains(id)) {
                pending.put(id, new Entry(id, Instant.parse(record.path("accepted").asText(Instant.EPOCH.toString())),
                        event));
            }
        }
    }

    private void remember(String id) {
        done.add(id);
        if (done.size() > DONE_KEPT) {
            String oldest = done.iterator().next();
            done.remove(oldest);
        }
    }

    private void compact() throws IOException {
        Path temp = file.resolveSibling(NAME + ".tmp");
        StringBuilder text = new StringBuilder();
        for (String id : done) {
            text.append(MAPPER.createObjectNode().put("done", id)).append('\n');
        }
        for (Entry entry : pending.values()) {
            text.append(line(entry)).append('\n');
        }
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String line(Entry entry) {
        ObjectNode record = MAPPER.createObjectNode().put("accepted", entry.accepted().toString());
        record.set("event", entry.event());
        return record.toString();
    }

    /** The events accepted and not yet applied, in the order they arrived. */
    synchronized List<Entry> pending() {
        return new ArrayList<>(pending.values());
    }

    /**
     * Records an accepted event on disk before returning.
     *
     * @return false when the event was accepted before (a repeated delivery): nothing is written
     */
    synchronized boolean accept(Entry entry) throws IOException {
        if (pending.containsKey(entry.id()) || done.contains(entry.id())) {
            return false;
        }
        append(line(entry));
        pending.put(entry.id(), entry);
        return true;
    }

    /** Records that an event was applied: its objects were fetched after it arrived. */
    synchronized void done(String id) throws IOException {
        if (pending.remove(id) != null) {
            append(MAPPER.createObjectNode().put("done", id).toString());
            remember(id);
        }
    }

    private void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
