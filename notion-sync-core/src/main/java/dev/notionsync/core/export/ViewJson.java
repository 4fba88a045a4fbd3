package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.View;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a database's views, the same in the export state and in {@code json/}: one entry per view,
 * {@code {"view": <the view as Notion returned it>, "rows": [<row ids in view order>], "rows_complete": true}}.
 * The view object stays untouched, so fields this library does not model pass through.
 */
public final class ViewJson {

    private ViewJson() {
    }

    /**
     * Writes views.
     *
     * @param views the views in tab order
     * @return the array
     */
    public static ArrayNode write(List<DatabaseView> views) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (DatabaseView view : views) {
            ObjectNode entry = array.addObject();
            entry.set("view", view.view().json());
            ArrayNode rows = entry.putArray("rows");
            view.rowIds().forEach(rows::add);
            entry.put("rows_complete", view.complete());
        }
        return array;
    }

    /**
     * Reads views written by {@link #write}; a missing or damaged array is no views.
     *
     * @param array the array
     * @return the views in tab order
     */
    public static List<DatabaseView> read(JsonNode array) {
        List<DatabaseView> views = new ArrayList<>();
        for (JsonNode entry : array) {
            if (entry.path("view") instanceof ObjectNode view) {
                List<String> rows = new ArrayList<>();
                entry.path("rows").forEach(row -> rows.add(row.asText()));
                views.add(new DatabaseView(new View(view), rows, entry.path("rows_complete").asBoolean(true)));
            }
        }
        return views;
    }
}
