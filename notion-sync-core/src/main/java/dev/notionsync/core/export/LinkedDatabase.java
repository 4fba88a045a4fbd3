package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Database;

import java.util.List;

/**
 * A linked database is a view of a database that lives elsewhere, and the API cannot read it. Pages link to it all
 * the same, so every writer gets a placeholder: a database object with the block's title, no data sources, a
 * description saying what happened, and {@code "notion_sync_placeholder": "linked_database"} so the JSON never
 * passes it off as something Notion returned.
 */
final class LinkedDatabase {

    static final String MARKER = "notion_sync_placeholder";

    private LinkedDatabase() {
    }

    static PageExport placeholder(Work.DatabaseWork work, FileNames names) {
        String title = names.title(work.id()).filter(text -> !text.isBlank()).orElse("Linked database");
        names.assign(work.id(), title);
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode database = json.objectNode()
                .put("object", "database")
                .put("id", work.id())
                .put(MARKER, ExportEvent.Reasons.LINKED_DATABASE);
        database.putArray("title").add(text(title));
        database.putArray("description").add(text("A linked database: a view of a database that lives elsewhere "
                + "in the workspace. The Notion API cannot read linked views; the database itself is exported "
                + "where the integration can see it."));
        if (work.parentId() != null) {
            database.putObject("parent").put("type", "page_id").put("page_id", work.parentId());
        }
        database.put("is_inline", true);
        database.putArray("data_sources");
        return PageExport.ofDatabase(new Database(database), List.of());
    }

    /** A plain rich-text segment, as Notion writes one. */
    static ObjectNode text(String content) {
        ObjectNode segment = JsonNodeFactory.instance.objectNode().put("type", "text");
        segment.putObject("text").put("content", content).putNull("link");
        segment.put("plain_text", content);
        segment.putNull("href");
        return segment;
    }
}
