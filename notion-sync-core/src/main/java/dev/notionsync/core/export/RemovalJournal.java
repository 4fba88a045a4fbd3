package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Moving a removed object's files aside and writing the notes that replace them, as one journaled step: the step
 * is written to {@code .notion-sync/removal-journal.jsonl} (synchronously) before any file moves, and marked done
 * after its last note. A run killed in between leaves the step in the journal, and the next run redoes it before
 * anything else; every part of the step can be done twice without harm.
 */
final class RemovalJournal {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NAME = "removal-journal.jsonl";

    /** One file of a removed object: where it is, and where it goes. Both relative to the output folder. */
    record Move(String file, String aside) {
    }

    /** A removal as the journal holds it. */
    record Step(String id, String title, List<Move> moves) {
    }

    private final Path outputDir;
    private final Path journal;
    private final Consumer<Path> afterMove;

    private RemovalJournal(Path outputDir, Consumer<Path> afterMove) throws IOException {
        this.outputDir = outputDir;
        this.journal = StateDirectory.of(outputDir).resolve(NAME);
        this.afterMove = afterMove;
    }

    /**
     * @param afterMove called after each file is moved and before its note is written (a seam for tests that stop
     *     a run at that point)
     */
    static RemovalJournal open(Path outputDir, Consumer<Path> afterMove) throws IOException {
        return new RemovalJournal(outputDir, afterMove);
    }

    /** Runs one removal: journaled, then carried out, then marked done; the state forgets the object. */
    void remove(Step step, ExportState state) throws IOException {
        ObjectNode record = MAPPER.createObjectNode().put("id", step.id()).put("title", step.title());
        ArrayNode moves = record.putArray("moves");
        step.moves().forEach(move -> moves.addObject().put("file", move.file()).put("aside", move.aside()));
        append(record);
        carryOut(step, state);
        append(MAPPER.createObjectNode().put("id", step.id()).put("done", true));
    }

    /** Completes the removals a killed run left unfinished, then empties the journal. */
    List<String> resume(ExportState state) throws IOException {
        if (!Files.exists(journal)) {
            return List.of();
        }
        Map<String, Step> open = new LinkedHashMap<>();
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            JsonNode record;
            try {
                record = MAPPER.readTree(line);
            } catch (IOException torn) {
                // the last line of a killed run: its step had not begun moving files
                continue;
            }
            if (record == null || !record.hasNonNull("id")) {
                continue;
            }
            String id = record.get("id").asText();
            if (record.path("done").asBoolean(false)) {
                open.remove(id);
            } else {
                List<Move> moves = new ArrayList<>();
                record.path("moves").forEach(move -> moves.add(new Move(move.path("file").asText(),
                        move.path("aside").asText())));
                open.put(id, new Step(id, record.path("title").asText(""), moves));
            }
        }
        for (Step step : open.values()) {
            carryOut(step, state);
        }
        Files.deleteIfExists(journal);
        return List.copyOf(open.keySet());
    }

    /** Empties the journal once every step in it is done. */
    void close() throws IOException {
        Files.deleteIfExists(journal);
    }

    private void carryOut(Step step, ExportState state) throws IOException {
        for (Move move : step.moves()) {
            if (Removal.reserved(move.file())) {
                // a journal of an older version may name the export's own index: it stays where it is
                continue;
            }
            Path current = ExportFiles.inside(outputDir, move.file());
            Path moved = ExportFiles.inside(outputDir, move.aside());
            // moved already (the journal is replayed): moving again would bury the real file under its note
            if (Files.exists(current) && !Files.exists(moved)) {
                Files.createDirectories(moved.getParent());
                Files.move(current, moved, StandardCopyOption.REPLACE_EXISTING);
            }
            afterMove.accept(current);
            String note = Removal.note(move.file(), step.title(), move.aside());
            if (note != null && !Files.exists(current) && Files.exists(moved)) {
                ExportFiles.write(current, note);
            }
        }
        state.snapshots().delete(step.id());
        state.removed(step.id());
    }

    private void append(ObjectNode record) throws IOException {
        // DSYNC: the step is on disk before the first file moves
        Files.writeString(journal, record + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
    }
}
