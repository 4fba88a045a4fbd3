package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.ViewQueryPage;
import dev.notionsync.core.model.View;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the views of a database as its users see them: the tabs ({@code GET /v1/views?database_id=}, references
 * only), each view, and for views that show rows their rows in view order. Only views that show rows are queried,
 * so forms, charts and dashboards cost one request each. What cannot be read is reported as skipped
 * ({@code views_unreadable}) and the database exports without it. The views are part of the database's snapshot:
 * a rerun that replays the database replays its views and asks nothing.
 */
final class ViewReader {

    /** Layouts whose query gives rows worth keeping. */
    private static final Set<String> ROW_LAYOUTS = Set.of("table", "board", "calendar", "list", "gallery",
            "timeline", "map");

    private final NotionClient client;
    private final ExportRun run;
    private final boolean enabled;

    ViewReader(NotionClient client, ExportRun run) {
        this.client = client;
        this.run = run;
        this.enabled = View.readableWith(client.options().notionVersion());
    }

    /** Whether the API version has the Views API. */
    boolean enabled() {
        return enabled;
    }

    /** The database with its views read; unchanged when the API version has no views or they cannot be listed. */
    Mono<PageExport> withViews(PageExport database) {
        if (!enabled) {
            return Mono.just(database);
        }
        return views(database.id())
                .map(database::withViews)
                .onErrorResume(ViewReader::perObject, error -> {
                    run.emit(new ExportEvent.Skipped(database.id(), ExportEvent.Reasons.VIEWS_UNREADABLE,
                            "the views of database " + database.id() + " are not readable: "
                                    + Failures.message(error)));
                    return Mono.just(database);
                });
    }

    /** Every view of a database (or linked-database block) in tab order, each with its rows. */
    Mono<List<DatabaseView>> views(String databaseId) {
        return client.databaseViews(databaseId)
                .concatMap(id -> client.view(id).flatMap(this::rows)
                        .onErrorResume(ViewReader::perObject, error -> {
                            run.emit(new ExportEvent.Skipped(id, ExportEvent.Reasons.VIEWS_UNREADABLE,
                                    "view " + id + " of database " + databaseId + " is not readable: "
                                            + Failures.message(error)));
                            return Mono.empty();
                        }), 0)
                .collectList();
    }

    private Mono<DatabaseView> rows(View view) {
        if (view.dataSourceId().isEmpty() || !ROW_LAYOUTS.contains(view.type())) {
            return Mono.just(new DatabaseView(view, List.of(), true));
        }
        List<String> rows = new ArrayList<>();
        AtomicBoolean incomplete = new AtomicBoolean();
        return client.viewQuery(view.id())
                .doOnNext(page -> {
                    rows.addAll(page.rowIds());
                    if (page.incomplete()) {
                        incomplete.set(true);
                    }
                })
                .map(ViewQueryPage::queryId)
                .then(Mono.fromSupplier(() -> {
                    if (incomplete.get()) {
                        run.emit(new ExportEvent.Skipped(view.id(), ExportEvent.Reasons.VIEWS_UNREADABLE,
                                "view \"" + view.name() + "\" shows more rows than the 10,000 Notion's view query "
                                        + "reads; its first " + rows.size() + " are exported in view order"));
                    }
                    return new DatabaseView(view, rows, !incomplete.get());
                }))
                .onErrorResume(ViewReader::perObject, error -> {
                    run.emit(new ExportEvent.Skipped(view.id(), ExportEvent.Reasons.VIEWS_UNREADABLE,
                            "the rows of view \"" + view.name() + "\" are not readable: " + Failures.message(error)));
                    return Mono.just(new DatabaseView(view, List.of(), false));
                });
    }

    /** A failure of this database's views alone; a refused token, an outage or a full disk stops the export. */
    private static boolean perObject(Throwable error) {
        return !Failures.stopsExport(error) && !ExportFiles.isDiskFull(error);
    }
}
