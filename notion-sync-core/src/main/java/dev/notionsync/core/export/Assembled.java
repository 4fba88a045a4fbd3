package dev.notionsync.core.export;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;

/**
 * An assembled object, whether it was fetched now or replayed from the export state, and whether all of it could be
 * read.
 */
record Assembled(PageExport export, boolean fresh, Instant fetchedAt, boolean complete) {

    Assembled(PageExport export, boolean fresh, Instant fetchedAt) {
        this(export, fresh, fetchedAt, true);
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
