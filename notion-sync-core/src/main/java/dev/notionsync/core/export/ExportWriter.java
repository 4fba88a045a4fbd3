package dev.notionsync.core.export;

import reactor.core.publisher.Flux;

import java.util.Optional;

/**
 * A sink of an export: it subscribes to the stream of {@link PageExport}s and writes files.
 *
 * <p>Every writer of an export sees every {@link PageExport}, and the stream is paced by the slowest writer, so a
 * writer must consume as it goes and keep no more than a bounded amount in memory. File I/O belongs on
 * {@code Schedulers.boundedElastic()}, never on the thread that delivers the items. Files must be written
 * atomically (temp file, then move); {@link ExportFiles} does that. A step that writes files runs through
 * {@link ExportContext#writing}, and a cleanup through {@link ExportContext#cleanup}, so that a cancelled export
 * leaves its folder quiet once {@code cancel()} returns.
 *
 * @since 0.1
 */
public interface ExportWriter {

    /**
     * Returns the writer's short name, used in events and reports, for instance {@code markdown}.
     *
     * @return the name
     */
    String name();

    /**
     * Writes every item of the stream and completes after the last one is on disk.
     *
     * @param exports the objects to write; subscribe exactly once
     * @param context the output folder, the naming policy and the users of the workspace
     * @return events for the files written and for anything that could not be rendered
     */
    Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context);

    /**
     * Returns whether this writer renders links between exported objects, and so wants the objects that are handed
     * again after the crawl because what they link to was exported after them ({@link PageExport#isRelink()}). The
     * default is {@code false}: the writer sees every object exactly once.
     *
     * @return whether relinked objects are handed to this writer
     */
    default boolean rewritesLinks() {
        return false;
    }

    /**
     * Returns whether this writer writes a file per object, named by {@link FileNames}, as each object reaches it.
     * Names of same-title objects are settled after the crawl (oldest first, whatever the order of discovery), so an
     * object may get another name then: such a writer that does not {@link #rewritesLinks() rewrite links} receives
     * that object once more, marked {@link PageExport#isRenamed()}, writes its file under the new name and lets that
     * entry replace the earlier one in what it aggregates; the export removes the file under the old name. A writer that rewrites links always receives it (as a
     * {@link PageExport#isRenamed() renamed} relink). The default is {@code false}: a writer that names its files
     * only at the end needs nothing.
     *
     * @return whether renamed objects are handed to this writer again
     * @since 0.10
     */
    default boolean writesFilePerObject() {
        return false;
    }

    /**
     * Returns what decides this writer's files besides the objects it is handed and the export's options: its format
     * version and its own options, for instance {@code csv 1 neutralize-formulas}. A writer with a fingerprint
     * promises that its files are a function of the objects, the names and users of the export, the options and
     * this fingerprint only. Then a rerun whose crawl finds nothing changed, with every file the last run wrote still
     * as it was left, hands it nothing: the files on disk are what it would write. Reruns also hand such a writer its
     * objects after the crawl rather than during it, so that rerun can be told before any writer starts. "Every
     * file" is every file the writer announced: {@link ExportEvent.PageWritten} for an object's files and
     * {@link ExportEvent.OutputWritten} for those of the whole export (an index), so a file it writes without
     * announcing it is not checked.
     *
     * <p>The default is empty: the writer sees every object in every run, as it is crawled. A writer that keeps state
     * outside the output folder, or feeds something other than files, should keep it so.
     *
     * @return the fingerprint, or empty
     * @since 0.11
     */
    default Optional<String> fingerprint() {
        return Optional.empty();
    }
}
