package dev.notionsync.core.restore;

import java.time.Duration;
import java.util.Map;

/**
 * What a restore reports while it runs. The stream of {@link NotionRestore#restore(RestoreSpec)} starts with
 * {@link Started} and, unless it fails, ends with {@link Finished}.
 *
 * @since 0.9
 */
public sealed interface RestoreEvent {

    /**
     * The restore began.
     *
     * @param objects exported pages, rows and databases it covers
     * @param resumed whether a restore log of an earlier run was found
     */
    record Started(int objects, boolean resumed) implements RestoreEvent {
    }

    /**
     * A page, row or database was created (or found created by an earlier run, {@code earlier = true}).
     *
     * @param oldId the exported id
     * @param newId the id in the target workspace
     * @param kind page, row or database
     * @param title the title
     * @param earlier whether an earlier run had created it
     */
    record Restored(String oldId, String newId, String kind, String title, boolean earlier) implements RestoreEvent {
    }

    /**
     * Something of an object that the API cannot restore, or a reference left as a link to its original URL.
     *
     * @param objectId the exported object it belongs to
     * @param what what is lost, for instance {@code property "Score" (formula)}
     * @param why why
     */
    record NotRestored(String objectId, String what, String why) implements RestoreEvent {
    }

    /**
     * An object could not be restored; the restore goes on with the others.
     *
     * @param objectId the exported object
     * @param reason the error
     */
    record Failed(String objectId, String reason) implements RestoreEvent {
    }

    /**
     * The plan of a dry run.
     *
     * @param objects pages, rows and databases to create
     * @param blocks blocks to create, by type
     * @param files files to upload
     * @param comments comments to create
     * @param requests API requests it needs, about
     * @param estimated the time those take at the client's rate limit
     */
    record Plan(int objects, Map<String, Integer> blocks, int files, int comments, long requests, Duration estimated)
            implements RestoreEvent {
    }

    /**
     * The restore ended.
     *
     * @param summary the counts
     */
    record Finished(Summary summary) implements RestoreEvent {
    }

    /**
     * Counts of one run (objects found done from an earlier run count as restored).
     *
     * @param objects pages, rows and databases restored
     * @param blocks blocks created in this run
     * @param files files uploaded in this run
     * @param comments comments created in this run
     * @param notRestored things the API cannot restore, and references left as links
     * @param failed objects that failed
     * @param requests API requests sent
     * @param elapsed how long it took
     */
    record Summary(int objects, int blocks, int files, int comments, int notRestored, int failed, long requests,
            Duration elapsed) {
    }
}
