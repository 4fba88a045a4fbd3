package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The only mutable state of a workspace: edits made by incremental-sync tests, applied when objects are read. */
final class Overlay {

    final Map<String, String> titles = new ConcurrentHashMap<>();
    /** New titles of database containers, by database id. */
    final Map<String, String> databaseTitles = new ConcurrentHashMap<>();
    /** Rich-text properties added to data source schemas, by data source id, in the order added. */
    final Map<String, List<String>> addedProperties = new ConcurrentHashMap<>();
    final Map<String, String> texts = new ConcurrentHashMap<>();
    final Map<String, Long> edited = new ConcurrentHashMap<>();
    final Set<String> trashed = ConcurrentHashMap.newKeySet();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Objects search does not return though they exist, as when Notion's index lags. */
    final Set<String> unsearchable = ConcurrentHashMap.newKeySet();
    volatile boolean searchEmpty;
    /** Whether search also lists database rows, as Notion's own search does. */
    volatile boolean searchRows;
    /** Whether search misses deep pages (lists only top-level pages, their direct children and data sources). */
    volatile boolean searchShallow;
    /** Pages edited at or after this minute are not listed by search yet; {@code Long.MAX_VALUE} when off. */
    volatile long searchLagFrom = Long.MAX_VALUE;

    boolean isGone(String id) {
        return deleted.contains(id);
    }

    boolean isHidden(String id) {
        return deleted.contains(id) || trashed.contains(id);
    }

    /** Applies title, trash and time overrides to a page node in place. */
    ObjectNode page(ObjectNode page) {
        String id = page.get("id").asText();
        String title = titles.get(id);
        if (title != null) {
            ObjectNode property = titleProperty(page);
            if (property != null) {
                property.set("title", Rt.plain(title));
            }
        }
        stamp(page, id);
        if (trashed.contains(id)) {
            page.put("in_trash", true);
        }
        return page;
    }

    /** Applies title and time overrides to a database container in place. */
    ObjectNode database(ObjectNode database) {
        String id = database.get("id").asText();
        String title = databaseTitles.get(id);
        if (title != null) {
            database.set("title", Rt.plain(title));
        }
        stamp(database, id);
        return database;
    }

    /** Applies schema and time overrides to a data source in place. */
    ObjectNode dataSource(ObjectNode source) {
        String id = source.get("id").asText();
        List<String> added = addedProperties.get(id);
        if (added != null && source.get("properties") instanceof ObjectNode schema) {
            for (int i = 0; i < added.size(); i++) {
                GeneratedSchemas.prop(schema, added.get(i), "add" + i, "rich_text");
            }
        }
        Long minute = edited.get(id);
        if (minute != null) {
            // not stamp(): a schema's last_edited_time property holds its configuration, not a time
            source.put("last_edited_time", Json.iso(minute));
        }
        return source;
    }

    /** Applies text and time overrides to a block node in place. */
    ObjectNode block(ObjectNode block) {
        String id = block.get("id").asText();
        String text = texts.get(id);
        if (text != null) {
            ((ObjectNode) block.get(block.get("type").asText())).set("rich_text", Rt.plain(text));
        }
        stamp(block, id);
        return block;
    }

    private void stamp(ObjectNode node, String id) {
        Long minute = edited.get(id);
        if (minute != null) {
            node.put("last_edited_time", Json.iso(minute));
            JsonNode properties = node.get("properties");
            if (properties != null) {
                for (JsonNode property : properties) {
                    if ("last_edited_time".equals(property.path("type").asText())) {
                        ((ObjectNode) property).put("last_edited_time", Json.iso(minute));
                    }
                }
            }
        }
    }

    static ObjectNode titleProperty(ObjectNode page) {
        JsonNode properties = page.get("properties");
        if (properties == null) {
            return null;
        }
        for (Iterator<JsonNode> it = properties.elements(); it.hasNext();) {
            JsonNode property = it.next();
            if ("title".equals(property.path("type").asText())) {
                return (ObjectNode) property;
            }
        }
        return null;
    }
}
