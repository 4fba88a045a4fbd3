package dev.notionsync.core.export;

import dev.notionsync.core.model.View;

import java.util.List;
import java.util.Objects;

/**
 * One view of an exported database as its users see it: the view object as Notion returned it and the ids of the
 * rows it shows, in its order (its own filter and sorts applied by Notion).
 *
 * @param view the view, possibly partial
 * @param rowIds the row page ids in view order; empty for views that show no rows (forms, charts, dashboards)
 * @param complete whether every row the view shows was read: {@code false} when its query was cut at Notion's
 *     10,000-row cache or could not be read
 * @since 0.9
 */
public record DatabaseView(View view, List<String> rowIds, boolean complete) {

    /**
     * Creates a database view.
     *
     * @param view the view
     * @param rowIds the rows in view order
     * @param complete whether all rows were read
     */
    public DatabaseView {
        Objects.requireNonNull(view, "view");
        rowIds = List.copyOf(rowIds);
    }
}
