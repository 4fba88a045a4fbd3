package dev.notionsync.core.export;

import dev.notionsync.core.BlockTree;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
     * An object was handed to the writers complete: fetched from Notion in this run, or unchanged since the previous
     * run and replayed from the export state. Each object is announced once. The placeholder of a linked database
     * is not announced here: it is a {@link Skipped} with reason {@link Reasons#LINKED_DATABASE}, and counts as
     * that only.
     *
     * @param id the object id
     * @param kind page, row or database
     * @param title its title
     * @param blocks how many blocks it has
     * @param unchanged {@code true} when it was replayed from the export state because its
     *     {@code last_edited_time} did not move, {@code false} when it was fetched in this run
     */
    record PageExported(String id, PageExport.Kind kind, String title, int blocks, boolean unchanged)
            implements ExportEvent {

        /**
         * An object fetched in this run.
         *
         * @param id the object id
         * @param kind page, row or database
         * @param title its title
         * @param blocks how many blocks it has
         */
        public PageExported(String id, PageExport.Kind kind, String title, int blocks) {
            this(id, kind, title, blocks, false);
        }
    }

    /**
     * A writer wrote a file, or found it already on disk with the same content and left it alone.
     *
     * @param id the object the file belongs to
     * @param writer the writer's name, for instance {@code markdown}
     * @param file the file, relative to the output folder
     * @param changed {@code true} when the file was created or its content changed, {@code false} when it already
     *     held exactly this content and was not touched (see {@link ExportFiles#write(Path, ExportFiles.Content)})
     */
    record PageWritten(String id, String writer, Path file, boolean changed) implements ExportEvent {

        /**
         * A file created or changed.
         *
         * @param id the object the file belongs to
         * @param writer the writer's name
         * @param file the file, relative to the output folder
         */
        public PageWritten(String id, String writer, Path file) {
            this(id, writer, file, true);
        }
    }

    /**
     * A writer wrote a file of the whole export rather than of one object (an index, the site's data and assets,
     * the users). The summary does not count it; the export remembers it, so a rerun that finds nothing changed
     * writes everything again when such a file is missing or was changed since.
     *
     * @param writer the writer's name, for instance {@code html}
     * @param file the file, relative to the output folder
     * @param changed {@code true} when the file was created or its content changed
     * @since 0.12
     */
    record OutputWritten(String writer, Path file, boolean changed) implements ExportEvent {
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
     * Something was left out on purpose or could only be partly rendered: an unsupported block, a linked database
     * (its writers get a placeholder, which counts only as this skip), a page gone since the previous run. An
     * object unchanged since the previous run is not skipped: it is {@link PageExported} with
     * {@link PageExported#unchanged()} set.
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
     * Notion stopped answering: the last answers were all 5xx, resets or timeouts. Nothing more is sent but a
     * single probe request now and then; the export's requests wait without spending their retries, so no object
     * fails because of the outage. Followed by {@link OutageProbeFailed} for each probe that finds the API still
     * unavailable, and by {@link OutageEnded} when one finds it back. An outage longer than
     * {@link dev.notionsync.core.NotionClientOptions#maxOutage()} stops the export with a
     * {@link dev.notionsync.core.NotionTransientException} of kind {@link dev.notionsync.core.FailureKind#OUTAGE},
     * keeping what it wrote: a rerun resumes.
     *
     * @param retryIn when the next probe is sent
     * @since 0.2
     */
    record OutageStarted(Duration retryIn) implements ExportEvent {
    }

    /**
     * A probe during an outage found the API still unavailable; the export keeps waiting.
     *
     * @param elapsed how long the outage has lasted
     * @param retryIn when the next probe is sent (the wait doubles from probe to probe, up to a bound)
     * @since 0.2
     */
    record OutageProbeFailed(Duration elapsed, Duration retryIn) implements ExportEvent {
    }

    /**
     * A probe found the API back after an outage: the held requests go on, at the full rate.
     *
     * @param duration how long the outage lasted
     * @param heldRequests how many times requests of this export were held back instead of being sent
     * @since 0.2
     */
    record OutageEnded(Duration duration, long heldRequests) implements ExportEvent {
    }

    /**
     * How far the export is: raised about once a second while it runs, and once more when it is done, just before
     * {@link Finished}. The total is what the export knows of so far (listed by search or a data-source query, or
     * met by the walk), so it can grow while the export runs; it never falls below {@link #done()}.
     * <p>
     * A rerun that hands its objects to the writers after the crawl has a second stage, {@link Stage#WRITING}: its
     * figures count the objects handed to the writers of those the crawl left to write, and its object rate and ETA
     * are those of that stage alone.
     *
     * @param known objects (pages, rows, databases) known so far; in the writing stage, those to write
     * @param done of those, the ones finished: exported, unchanged, skipped or failed; in the writing stage, written
     * @param requests API answers received so far, 429s and errors included
     * @param elapsed time since the export started, waits for throttling and outages included
     * @param stage what the export is doing
     * @param stageElapsed time since the stage started (the export's elapsed time in the crawl)
     * @since 0.3
     */
    record Progress(long known, long done, long requests, Duration elapsed, Stage stage, Duration stageElapsed)
            implements ExportEvent {

        /** What an export is doing. */
        public enum Stage {
            /** Listing, fetching and (unless a rerun keeps them for later) writing objects. */
            CRAWLING,
            /** Handing to the writers the objects a rerun's crawl kept for after it. */
            WRITING
        }

        /**
         * Checks the figures.
         */
        public Progress {
            if (known < done || done < 0 || requests < 0 || elapsed.isNegative() || stageElapsed.isNegative()
                    || stageElapsed.compareTo(elapsed) > 0) {
                throw new IllegalArgumentException("inconsistent progress: " + done + " of " + known + ", "
                        + requests + " requests, " + elapsed + ", " + stage + " for " + stageElapsed);
            }
        }

        /**
         * Figures of the crawl, the stage of every export.
         *
         * @param known objects known so far
         * @param done of those, the ones finished
         * @param requests API answers received so far
         * @param elapsed time since the export started
         */
        public Progress(long known, long done, long requests, Duration elapsed) {
            this(known, done, requests, elapsed, Stage.CRAWLING, elapsed);
        }

        /**
         * Returns the share of the known objects that are done.
         *
         * @return 0 to 100; 0 while nothing is known
         */
        public double percent() {
            return known == 0 ? 0 : 100.0 * done / known;
        }

        /**
         * Returns the objects done per second since the stage started.
         *
         * @return the rate, 0 before any time has passed
         */
        public double objectsPerSecond() {
            long millis = stageElapsed.toMillis();
            return millis <= 0 ? 0 : done * 1000.0 / millis;
        }

        /**
         * Returns the API answers per second since the export started.
         *
         * @return the rate, 0 before any time has passed
         */
        public double requestsPerSecond() {
            long millis = elapsed.toMillis();
            return millis <= 0 ? 0 : requests * 1000.0 / millis;
        }

        /**
         * Returns the time left for the known objects not yet done, at the stage's rate so far.
         *
         * @return the estimate; empty while no object is done (there is no rate yet); zero once all known are done
         */
        public Optional<Duration> eta() {
            if (done == known) {
                return Optional.of(Duration.ZERO);
            }
            double rate = objectsPerSecond();
            if (rate <= 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.round((known - done) / rate * 1000)));
        }

    }

    /**
     * The export ended.
     *
     * @param summary its figures
     */
    record Finished(Summary summary) implements ExportEvent {
    }

    /**
     * The figures of a finished export. Every object of the export is counted once: as exported (fetched in this
     * run), unchanged (replayed from the export state), skipped or failed; {@link #pages()}, {@link #rows()} and
     * {@link #databases()} count what the export holds after the run, exported and unchanged alike, as the HTML
     * index does.
     *
     * @param pages pages in the export, rows included, fetched or unchanged
     * @param rows database rows in the export, fetched or unchanged
     * @param databases databases in the export, fetched or unchanged; the placeholder of a linked database is not
     *     one (it is counted in {@code skipped} as {@link Reasons#LINKED_DATABASE})
     * @param unchanged of the pages and databases, those replayed from the export state rather than fetched
     * @param blocks blocks of the pages in the export
     * @param files files created or changed by all writers (and attachments downloaded)
     * @param filesUnchanged files the writers produced that were already on disk with the same content, left alone
     * @param apiRequests API answers received, 429s and errors included
     * @param retries requests tried again
     * @param throttled 429 and 529 answers
     * @param failures objects that could not be exported, by reason
     * @param skipped objects left out or partly rendered, by reason
     * @param duration wall time
     * @since 0.1
     */
    record Summary(long pages, long rows, long databases, long unchanged, long blocks, long files,
            long filesUnchanged, long apiRequests, long retries, long throttled, Map<String, Long> failures,
            Map<String, Long> skipped, Duration duration) {

        /**
         * Copies the maps.
         */
        public Summary {
            failures = Map.copyOf(failures);
            skipped = Map.copyOf(skipped);
        }

        /**
         * The figures without the unchanged counts: as if every object was fetched and every file changed.
         *
         * @param pages pages exported, rows included
         * @param rows database rows exported
         * @param databases databases exported
         * @param blocks blocks exported
         * @param files files written
         * @param apiRequests API answers received
         * @param retries requests tried again
         * @param throttled 429 and 529 answers
         * @param failures failures by reason
         * @param skipped skips by reason
         * @param duration wall time
         */
        public Summary(long pages, long rows, long databases, long blocks, long files, long apiRequests,
                long retries, long throttled, Map<String, Long> failures, Map<String, Long> skipped,
                Duration duration) {
            this(pages, rows, databases, 0, blocks, files, 0, apiRequests, retries, throttled, failures, skipped,
                    duration);
        }

        /**
         * Returns the pages and databases fetched from Notion in this run.
         *
         * @return pages (rows included) and databases, less the unchanged ones
         */
        public long exported() {
            return pages + databases - unchanged;
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
         * Returns the number of skips of every reason.
         *
         * @return the total
         */
        public long skippedCount() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * Returns API requests per page or database in the export.
         *
         * @return the ratio, 0 when the export holds nothing
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
        /** A view of a database, or its rows, could not be read through the Views API; the database is exported. */
        public static final String VIEWS_UNREADABLE = "views_unreadable";
        /** A truncated property value could not be completed. */
        public static final String TRUNCATED_VALUE = "truncated_value";
        /** A file could not be written. */
        public static final String WRITE_FAILED = "write_failed";
        /**
         * Unchanged since the previous run: written from the export state, not fetched again. Not a reason of a
         * {@link Skipped} event but the status of such an object in the export report; see
         * {@link PageExported#unchanged()}.
         */
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
