package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An export folder read for comparison: documents by id, and content flattened to comparable text. */
final class RestoredExports {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Block types a restore cannot create (notion-api-2026-12.md §3.2); compared apart. */
    static final Set<String> NOT_CREATABLE = Set.of("child_page", "child_database", "link_preview", "meeting_notes",
            "transcription", "unsupported");

    final Path root;
    final Map<String, JsonNode> documents = new HashMap<>();
    final Map<String, String> titles = new HashMap<>();

    RestoredExports(Path root) {
        this.root = root;
        try {
            JsonNode index = MAPPER.readTree(root.resolve("json/index.json").toFile());
            for (JsonNode entry : index.path("objects")) {
                JsonNode document = MAPPER.readTree(root.resolve(entry.path("files").path("json").asText()).toFile());
                documents.put(entry.path("id").asText(), document);
                titles.put(entry.path("id").asText(), entry.path("title").asText());
                ((com.fasterxml.jackson.databind.node.ObjectNode) document).set("$entry", entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The restore log's old → new ids. */
    static Map<String, String> ids(Path exportFolder) throws IOException {
        Map<String, String> ids = new HashMap<>();
        for (String line : Files.readAllLines(exportFolder.resolve("restore-log.jsonl"))) {
            JsonNode json = MAPPER.readTree(line);
            if ("map".equals(json.path("t").asText())) {
                ids.put(json.path("old").asText(), json.path("new").asText());
            } else if ("maps".equals(json.path("t").asText())) {
                for (int i = 0; i < json.path("old").size(); i++) {
                    ids.put(json.path("old").get(i).asText(), json.path("new").get(i).asText());
                }
            }
        }
        return ids;
    }

    /** Every block of a page in document order as "type: text", without the types a restore cannot create. */
    static List<String> blocks(JsonNode document) {
        List<String> out = new ArrayList<>();
        walk(document.path("blocks"), out, false);
        return out;
    }

    private static void walk(JsonNode blocks, List<String> out, boolean insideCopy) {
        for (JsonNode block : blocks) {
            String type = block.path("type").asText();
            if (NOT_CREATABLE.contains(type)) {
                continue;
            }
            out.add(type + ": " + text(block.path(type)));
            walk(block.path("children"), out, insideCopy);
        }
    }

    /** The plain text of a block body: rich text, caption, cells, URL or expression. */
    static String text(JsonNode body) {
        StringBuilder text = new StringBuilder();
        for (String field : List.of("rich_text", "caption")) {
            for (JsonNode item : body.path(field)) {
                text.append(item.path("plain_text").asText());
            }
        }
        for (JsonNode cell : body.path("cells")) {
            text.append('|');
            cell.forEach(item -> text.append(item.path("plain_text").asText()));
        }
        text.append(body.path("url").asText("")).append(body.path("expression").asText(""));
        return text.toString();
    }

    /** Block counts by type, as {@link #blocks} sees them. */
    static Map<String, Integer> countByType(List<String> blocks) {
        Map<String, Integer> counts = new TreeMap<>();
        blocks.forEach(b -> counts.merge(b.substring(0, b.indexOf(':')), 1, Integer::sum));
        return counts;
    }

    /**
     * Property values compared by content: relations by the titles of their targets, people the target has; computed
     * ones left out.
     */
    Map<String, String> values(JsonNode page, java.util.function.Predicate<String> knownUser) {
        Map<String, String> out = new TreeMap<>();
        page.path("properties").properties().forEach(field -> {
            JsonNode property = field.getValue();
            String type = property.path("type").asText();
            JsonNode value = property.path(type);
            switch (type) {
                case "formula", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by",
                        "unique_id", "button", "verification" -> {
                    // computed or stamped by Notion: a documented exception
                }
                case "title", "rich_text" -> {
                    StringBuilder text = new StringBuilder();
                    value.forEach(item -> text.append(mentionedTitle(item).orElse(item.path("plain_text").asText())));
                    out.put(field.getKey(), text.toString());
                }
                case "relation" -> {
                    List<String> related = new ArrayList<>();
                    value.forEach(r -> related.add(titles.getOrDefault(r.path("id").asText(), "?")));
                    related.sort(String::compareTo);
                    out.put(field.getKey(), related.toString());
                }
                case "select", "status" -> out.put(field.getKey(), value.path("name").asText("-"));
                case "multi_select" -> {
                    List<String> names = new ArrayList<>();
                    value.forEach(o -> names.add(o.path("name").asText()));
                    out.put(field.getKey(), names.toString());
                }
                case "people" -> {
                    List<String> ids = new ArrayList<>();
                    // a person the target workspace does not have cannot be set: a documented exception
                    value.forEach(o -> {
                        if (knownUser.test(o.path("id").asText())) {
                            ids.add(o.path("id").asText());
                        }
                    });
                    out.put(field.getKey(), ids.toString());
                }
                case "files" -> {
                    List<String> names = new ArrayList<>();
                    value.forEach(o -> names.add(o.path("name").asText()));
                    out.put(field.getKey(), names.toString());
                }
                default -> out.put(field.getKey(), value.toString());
            }
        });
        return out;
    }

    /**
     * A mention of an exported page or database by its target's title (Notion shows a mention with the title the
     * target has now, whatever the text was when it was written); empty for any other item.
     */
    private java.util.Optional<String> mentionedTitle(JsonNode item) {
        String kind = item.path("mention").path("type").asText();
        String title = "page".equals(kind) || "database".equals(kind)
                ? titles.get(item.path("mention").path(kind).path("id").asText()) : null;
        return java.util.Optional.ofNullable(title).map(t -> "[[" + t + "]]");
    }

    /** The bytes of every attachment of an object, in index order. */
    List<byte[]> files(JsonNode document) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode attachment : document.path("$entry").path("attachments")) {
            out.add(Files.readAllBytes(root.resolve(attachment.path("path").asText())));
        }
        return out;
    }
}
