package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON export read back: {@code json/index.json} names every object and its file; each file holds the object as
 * Notion returned it (a page with its block tree and comments, or a database with its data sources); the index's
 * {@code attachments} say which downloaded file in {@code files/} belongs where.
 */
final class ExportFolder {

    /** One exported object: its index entry and its document. */
    record Entry(String id, String kind, String title, String parentId, ObjectNode document, List<JsonNode> attachments) {

        boolean isDatabase() {
            return "database".equals(kind);
        }

        ObjectNode object() {
            return (ObjectNode) document.get(isDatabase() ? "database" : "page");
        }
    }

    final Path root;
    final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Data source id → the database entry that holds it. */
    final Map<String, String> databaseOfSource = new HashMap<>();
    /** Data source id → its rows, in export order. */
    final Map<String, List<String>> rows = new HashMap<>();
    final Map<String, String> userNames = new HashMap<>();

    private ExportFolder(Path root) {
        this.root = root;
    }

    /**
     * Reads an export folder.
     *
     * @throws IllegalArgumentException with one line saying why, when the folder is not a JSON export
     */
    static ExportFolder read(Path root, ObjectMapper mapper) {
        Path index = root.resolve("json").resolve("index.json");
        if (!Files.isRegularFile(index)) {
            throw new IllegalArgumentException(root + " is not a JSON export: json/index.json is missing"
                    + " (export with --format json first)");
        }
        ExportFolder folder = new ExportFolder(root);
        try {
            JsonNode indexJson = mapper.readTree(index.toFile());
            if (!"export_index".equals(indexJson.path("object").asText())) {
                throw new IllegalArgumentException(index + " is not an export index");
            }
            for (JsonNode object : indexJson.path("objects")) {
                String file = object.path("files").path("json").asText(null);
                if (file == null || !Files.isRegularFile(root.resolve(file))) {
                    continue;
                }
                ObjectNode document = (ObjectNode) mapper.readTree(root.resolve(file).toFile());
                List<JsonNode> attachments = new ArrayList<>();
                object.path("attachments").forEach(attachments::add);
                Entry entry = new Entry(object.path("id").asText(), object.path("kind").asText(),
                        object.path("title").asText(""), object.path("parent_id").asText(null), document, attachments);
                folder.entries.put(entry.id(), entry);
            }
            Path users = root.resolve("json").resolve("users.json");
            if (Files.isRegularFile(users)) {
                for (JsonNode user : mapper.readTree(users.toFile()).path("results")) {
                    folder.userNames.put(user.path("id").asText(), user.path("name").asText(
                            user.path("person").path("email").asText("")));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(root + " is not a readable JSON export: " + e.getMessage(), e);
        }
        for (Entry entry : folder.entries.values()) {
            if (entry.isDatabase()) {
                for (JsonNode source : entry.document().path("data_sources")) {
                    folder.databaseOfSource.put(source.path("id").asText(), entry.id());
                }
            }
        }
        for (Entry entry : folder.entries.values()) {
            String source = entry.object().path("parent").path("data_source_id").asText(null);
            if (!entry.isDatabase() && source != null) {
                folder.rows.computeIfAbsent(source, k -> new ArrayList<>()).add(entry.id());
            }
        }
        return folder;
    }

    boolean isRow(Entry entry) {
        return !entry.isDatabase() && entry.object().path("parent").has("data_source_id");
    }

    /** The local copy of a file used in {@code place} ({@code icon}, {@code cover}, a block id), or null. */
    Path attachment(Entry entry, String usedIn, String blockOrProperty, int nth) {
        int seen = 0;
        for (JsonNode attachment : entry.attachments()) {
            boolean match = usedIn.equals(attachment.path("used_in").asText())
                    && (blockOrProperty == null || blockOrProperty.equals(attachment.path("block_id").asText(
                            attachment.path("property").asText(attachment.path("comment_id").asText("")))));
            if (match && seen++ == nth) {
                Path path = root.resolve(attachment.path("path").asText());
                return Files.isRegularFile(path) ? path : null;
            }
        }
        return null;
    }

    /** Pages and databases whose parent is not in the export: they go directly under the target page. */
    List<Entry> roots() {
        List<Entry> roots = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (!isRow(entry) && (entry.parentId() == null || !entries.containsKey(entry.parentId())
                    || !mentionsChild(entries.get(entry.parentId()), entry.id()))) {
                roots.add(entry);
            }
        }
        return roots;
    }

    /** Whether the parent's content holds the child's child_page or child_database block. */
    private static boolean mentionsChild(Entry parent, String childId) {
        return parent.document().path("blocks").toString().contains("\"id\":\"" + childId + "\"");
    }
}
