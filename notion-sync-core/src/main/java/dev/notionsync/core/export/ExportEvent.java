package dev.notionsync.core.export;

import dev.notionsync.core.BlockTree;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What an export reports while it runs. The stream returned by {@link NotionSync#export(ExportSpec)} starts with
 * {@link Started} and, unless it fails, ends with {@link Finished}.
 *
 * @since 0.1
 */
public sealed interface ExportEvent {

    /**
     * The export began.
     *
     * @param at when
     * @param outputDir where it writes
     */
    record Started(Instant at, Path outputDir) implements ExportEvent {
    }

    /**
     * An object was fetched completely and handed to the writers.
     *
     * @param id the object id
     * @param kind page, row or database
     * @param title its title
     * @param blocks how many blocks it has
     */
    record PageExported(String id, PageExport.Kind kind, String title, int blocks) implements ExportEvent {
    }

    /**
     * A writer wrote a file.
     *
     * @param id the object the file belongs to
     * @param writer the writer's name, for instance {@code markdown}
     * @param file the file, relative to the output folder
     */
    record PageWritten(String id, String writer, Path file) implements ExportEvent {
    }

    /**
     * Something was not exported, or not completely. The export goes on.
     *
     * @param id the object (page, database, block, file) concerned
     * @param reason a stable machine-readable reason, see {@link Reasons}
     * @param message a human-readable explanation
     */
    record PageFailed(String id, String reason, String message) implements ExportEvent {
    }

    /**
     * Something was left out on purpose or could only be partly rendered: an unchanged object on a rerun, an
     * unsupported block, a linked database.
     *
     * @param id the object concerned
     * @param reason a stable machine-readable reason, see {@link Reasons}
     * @param message a human-readable explanation
     */
    record Skipped(String id, String reason, String message) implements ExportEvent {
    }

    /**
     * Notion asked the client to slow down; every request waits.
     *
     * @param delay how long
     * @param reason Notion's rate-limit reason
     */
    record Throttled(Duration delay, String reason) implements ExportEvent {
    }

    /**
     * The export ended.
     *
     * @param summary its figures
     */
    record Finished(Summary summary) implements ExportEvent {
    }

    /**
     * The figures of a finished export.
     *
     * @param pages pages exported (rows included)
     * @param rows database rows exported
     * @param databases databases exported
     * @param blocks blocks exported
     * @param files files written by all writers
     * @param apiRequests API answers received, 429s and errors included
     * @param retries requests tried again
     * @param throttled 429 and 529 answers
     * @param failures objects that could not be exported, by reason
     * @param skipped objects left out or partly rendered, by reason
     * @param duration wall time
     * @since 0.1
     */
    record Summary(long pages, long rows, long databases, long blocks, long files, long apiRequests, long retries,
            long throttled, Map<String, Long> failures, Map<String, Long> skipped, Duration duration) {

        /**
         * Copies the maps.
         */
        public Summary {
            failures = Map.copyOf(failures);
            skipped = Map.copyOf(skipped);
        }

        /**
         * Returns the number of failures of every reason.
         *
         * @return the total
         */
        public long failureCount() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * Returns API requests per exported page or database.
         *
         * @return the ratio, 0 when nothing was exported
         */
        public double requestsPerPage() {
            long objects = pages + databases;
            return objects == 0 ? 0 : (double) apiRequests / objects;
        }
    }

    /**
     * The reasons used in {@link PageFailed} and {@link Skipped} events and in the export report.
     *
     * @since 0.1
     */
    final class Reasons {
        /** 404: deleted, or not shared with the integration. */
        public static final String UNSHARED = "unshared";
        /** 403: the token lacks a capability or permission. */
        public static final String FORBIDDEN = "forbidden";
        /** A linked database: a view of a database elsewhere, which the API cannot read. */
        public static final String LINKED_DATABASE = "linked_database";
        /** 400: Notion refused the request. */
        public static final String BAD_REQUEST = "bad_request";
        /** Retries were used up on 5xx, timeouts or throttling. */
        public static final String GAVE_UP = "gave_up";
        /**
         * Notion (or something in its place) kept answering 200 with a body that breaks the endpoint's shape: an
         * empty object, a list without results, an error object, invalid JSON. Retried, then reported; never taken
         * for an empty result.
         */
        public static final String MALFORMED_RESPONSE = "malformed_response";
        /** A listing handed out the same {@code next_cursor} twice; it was stopped instead of read forever. */
        public static final String CURSOR_LOOP = "cursor_loop";
        /** A block type the API does not expose ({@code unsupported}). */
        public static final String UNSUPPORTED_BLOCK = "unsupported_block";
        /** A file could not be downloaded. */
        public static final String DOWNLOAD_FAILED = "download_failed";
        /** A file larger than {@link ExportSpec#maxFileBytes()}: not downloaded, it stays a link. */
        public static final String FILE_TOO_LARGE = "file_too_large";
        /** A truncated property value could not be completed. */
        public static final String TRUNCATED_VALUE = "truncated_value";
        /** A file could not be written. */
        public static final String WRITE_FAILED = "write_failed";
        /** Unchanged since the previous run: written from the export state, not fetched again. */
        public static final String UNCHANGED = "unchanged";
        /** Gone from Notion since the previous run (deleted, trashed or unshared); its files were moved aside. */
        public static final String REMOVED = "removed";
        /** A block nested deeper than {@link ExportSpec#maxDepth()}: its children were not read. */
        public static final String TOO_DEEP = BlockTree.TOO_DEEP;
        /** A block met twice in one page's tree (it lists itself, or a cycle leads back to it): exported once. */
        public static final String BLOCK_CYCLE = BlockTree.CYCLE;
        /** Search listed nothing although the previous run exported content: a fault, not a deletion. */
        public static final String EMPTY_LISTING = "empty_listing";
        /**
         * Not reached by this run's walk, but Notion still has it: it is kept (and exported again), not moved aside.
         */
        public static final String KEPT = "kept";
        /**
         * Not reached by this run and not moved aside, because nothing proves it gone (the walk had a listing fault,
         * or Notion did not answer clearly), or because the removal would be a mass removal; see
         * {@link ExportSpec#allowMassRemoval()}.
         */
        public static final String REMOVAL_HELD = "removal_held";

        private Reasons() {
        }
    }
}
