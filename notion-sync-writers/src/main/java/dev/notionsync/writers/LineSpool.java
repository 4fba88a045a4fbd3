package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.ExportFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * One temporary file of JSON lines, {@code <dir>/<TEMP_PREFIX><label>-<uuid>.jsonl}, that keeps what a writer needs
 * again when the stream completes, so memory does not grow with the workspace. The name carries
 * {@link ExportFiles#TEMP_PREFIX}, so a rerun removes a leftover. Not thread-safe: the owner synchronises.
 */
final class LineSpool implements AutoCloseable {

    private final Path file;
    private Writer writer;
    private boolean closed;

    private LineSpool(Path file, Writer writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Creates the temporary file.
     *
     * @param dir the folder, which exists
     * @param label what the file holds, part of its name
     * @return the spool, open for appending
     * @throws UncheckedIOException if the file cannot be created
     */
    static LineSpool create(Path dir, String label) {
        Path file = dir.resolve(ExportFiles.TEMP_PREFIX + label + "-" + UUID.randomUUID() + ".jsonl");
        try {
            return new LineSpool(file, open(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + FileSink.reason(e), e);
        }
    }

    private static Writer open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * Appends a value as one line of compact JSON, opening the file again after {@link #release()}.
     *
     * @param value the value
     * @throws UncheckedIOException if the file cannot be written: what was read back would be incomplete
     */
    void append(JsonNode value) {
        try {
            if (writer == null) {
                if (closed) {
                    throw new IOException("the spool is closed");
                }
                writer = open(file);
            }
            writer.write(JsonFileWriter.MAPPER.writeValueAsString(value));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file.getParent() + ": " + FileSink.reason(e), e);
        }
    }

    /**
     * Closes the file without deleting it, to keep the number of open files down; {@link #append(JsonNode)} opens
     * it again.
     *
     * @throws IOException if buffered lines cannot be written
     */
    void release() throws IOException {
        Writer open = writer;
        // forgotten before closing, so a failed close still leaves the file to close() for deletion
        writer = null;
        if (open != null) {
            open.close();
        }
    }

    /**
     * Writes out buffered lines and opens the file for reading, from the first line appended.
     *
     * @return the reader, for the caller to close
     * @throws IOException if the file cannot be flushed or opened
     */
    BufferedReader read() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** Closes and deletes the file; closing again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (writer != null) {
                writer.close();
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + FileSink.reason(e), e);
        }
    }
}
