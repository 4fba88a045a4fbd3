package dev.notionsync.core.export;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.List;

/**
 * An assembled object, whether it was fetched now or replayed from the export state, whether all of it could be read,
 * and what the walk met in a fetched page's content (null for anything else), which its checkpoint keeps.
 */
record Assembled(PageExport export, boolean fresh, Instant fetchedAt, boolean complete,
        List<ExportState.Found> walk) {

    Assembled(PageExport export, boolean fresh, Instant fetchedAt) {
        this(export, fresh, fetchedAt, true, null);
    }

    /** The snapshot of an object that has not changed since the last run, if the state has one. */
    static Mono<PageExport> unchanged(ExportSpec spec, ExportState state, String id, Instant edited) {
        // an object named by only(ids) is known to have changed, even within the minute Notion rounds edits to
        if (spec.full() || spec.only().contains(FileNames.normalizeId(id)) || !state.unchanged(id, edited)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> state.snapshots().read(id))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty);
    }
}
