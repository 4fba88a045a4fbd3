package dev.notionsync.writers;

import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Writes the files of one writer's subscription, one at a time: atomically, inside the output folder, turning a
 * failure into a {@link ExportEvent.PageFailed} event. When the same kind of failure repeats for
 * {@value #MAX_REPEATS} files in a row (a full or read-only disk) it stops the export instead of reporting every
 * remaining file. Not thread-safe: a writer calls it from one item at a time.
 */
final class FileSink {

    /** Consecutive failures of one kind after which the export stops. */
    static final int MAX_REPEATS = 3;

    private final Path outputDir;
    private final String writer;
    private Class<?> lastFailure;
    private int repeats;

    FileSink(Path outputDir, String writer) {
        this.outputDir = outputDir;
        this.writer = writer;
    }

    /**
     * Writes one file.
     *
     * @param id the object the file belongs to
     * @param relative the path below the output folder, with {@code /} separators
     * @param content the content
     * @return {@link ExportEvent.PageWritten} (saying whether the content changed), or {@link ExportEvent.PageFailed}
     *     when the file could not be written
     * @throws UncheckedIOException when this is the {@value #MAX_REPEATS}th failure of one kind in a row
     */
    ExportEvent write(String id, String relative, ExportFiles.Content content) {
        Path target;
        try {
            target = ExportFiles.inside(outputDir, relative);
        } catch (IllegalArgumentException e) {
            return new ExportEvent.PageFailed(id, ExportEvent.Reasons.WRITE_FAILED, e.getMessage());
        }
        boolean changed;
        try {
            changed = ExportFiles.write(target, content);
        } catch (IOException e) {
            return failed(id, relative, target, e);
        }
        lastFailure = null;
        repeats = 0;
        return new ExportEvent.PageWritten(id, writer, Path.of(relative), changed);
    }

    /**
     * Writes a file of the whole export (an index, an asset), not of one object.
     *
     * @param id what a failure names, for instance {@code index}
     * @param relative the path below the output folder, with {@code /} separators
     * @param content the content
     * @return {@link ExportEvent.OutputWritten}, or {@link ExportEvent.PageFailed} when the file could not be written
     * @throws UncheckedIOException when this is the {@value #MAX_REPEATS}th failure of one kind in a row
     */
    ExportEvent writeWhole(String id, String relative, ExportFiles.Content content) {
        ExportEvent event = write(id, relative, content);
        return event instanceof ExportEvent.PageWritten written
                ? new ExportEvent.OutputWritten(written.writer(), written.file(), written.changed()) : event;
    }

    private ExportEvent failed(String id, String relative, Path target, IOException e) {
        repeats = e.getClass().equals(lastFailure) ? repeats + 1 : 1;
        lastFailure = e.getClass();
        if (repeats >= MAX_REPEATS) {
            throw new UncheckedIOException("cannot write to " + target.getParent() + ": " + reason(e)
                    + " (" + repeats + " files in a row)", e);
        }
        return new ExportEvent.PageFailed(id, ExportEvent.Reasons.WRITE_FAILED,
                "cannot write " + relative + ": " + reason(e));
    }

    /**
     * Wraps the stream of a file being written for text, for a {@link ExportFiles.Content} that writes characters.
     *
     * @param out the file's stream
     * @return a buffered UTF-8 writer; the caller flushes it, and {@link ExportFiles} closes the stream
     */
    static Writer text(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /**
     * Describes an I/O failure in a few words.
     *
     * @param e the failure
     * @return for instance {@code No space left on device} or {@code AccessDeniedException: /out/markdown}
     */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
