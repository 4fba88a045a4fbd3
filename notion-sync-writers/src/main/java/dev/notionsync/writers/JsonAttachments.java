package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code attachments} of an index entry: every downloaded copy of a Notion-hosted file of one object, where it
 * is used (icon, cover, a property, a block, a comment), its original file name and its path relative to the output
 * folder. Without it a JSON-only export would hold the files but not say what they belong to, as the JSON keeps
 * Notion's signed URLs.
 */
final class JsonAttachments {

    private static final Set<String> OWN_FIELDS = Set.of("icon", "cover", "properties");

    private JsonAttachments() {
    }

    /**
     * Returns the attachments in a stable order: icon, cover, properties by name, other fields of the object, blocks
     * in document order, comments in order; within one place in the order the files appear there.
     *
     * @param export the object with its local copies
     * @return the entries; empty when nothing was downloaded
     */
    static List<ObjectNode> of(PageExport export) {
        List<ObjectNode> entries = new ArrayList<>();
        Map<String, String> local = export.files();
        if (local.isEmpty()) {
            return entries;
        }
        JsonNode source = export.source().json();
        collect(source.path("icon"), local, entries, entry -> entry.put("used_in", "icon"));
        collect(source.path("cover"), local, entries, entry -> entry.put("used_in", "cover"));
        // sorted by name: the order of the keys in Notion's answer is not promised
        Map<String, JsonNode> properties = new TreeMap<>();
        source.path("properties").properties().forEach(field -> properties.put(field.getKey(), field.getValue()));
        properties.forEach((name, property) -> collect(property, local, entries, entry -> entry
                .put("used_in", "property").put("property", name).put("property_id", property.path("id").asText())));
        // anything else of the object itself (not expected today) is named by its field, so no copy goes unlisted
        source.properties().forEach(field -> {
            if (!OWN_FIELDS.contains(field.getKey())) {
                collect(field.getValue(), local, entries, entry -> entry.put("used_in", field.getKey()));
            }
        });
        for (Block block : export.blocks()) {
            collect(block.json(), local, entries, entry -> entry
                    .put("used_in", "block").put("block_id", block.id()).put("block_type", block.type()));
        }
        for (Comment comment : export.comments()) {
            collect(comment.json(), local, entries, entry -> entry
                    .put("used_in", "comment").put("comment_id", comment.id()));
        }
        return entries;
    }

    /** A hosted file is {@code {..., name?, file: {url}}}; its URL is the key of the local copy. */
    private static void collect(JsonNode node, Map<String, String> local, List<ObjectNode> entries, Consumer<ObjectNode> place) {
        if (node.isObject()) {
            String url = node.path("file").path("url").asText(null);
            String path = url == null ? null : local.get(url);
            if (path != null) {
                ObjectNode entry = JsonFileWriter.MAPPER.createObjectNode();
                place.accept(entry);
                String name = node.path("name").asText("");
                entry.put("name", name.isBlank() ? nameInUrl(url) : name);
                entry.put("path", path);
                entries.add(entry);
                return;
            }
        }
        // into containers only: most values are leaves
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                collect(child, local, entries, place);
            }
        }
    }

    /** Notion's file URLs end in the uploaded file's name, percent-encoded. */
    private static String nameInUrl(String url) {
        try {
            String path = URI.create(url).getRawPath();
            String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /**
     * Puts the attachments into an index entry, when there are any.
     *
     * @param entry the index entry
     * @param export its object
     */
    static void addTo(ObjectNode entry, PageExport export) {
        List<ObjectNode> attachments = of(export);
        if (!attachments.isEmpty()) {
            ArrayNode array = entry.putArray("attachments");
            attachments.forEach(array::add);
        }
    }
}
