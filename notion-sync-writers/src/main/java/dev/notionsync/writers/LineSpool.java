package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.ExportFiles;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One temporary file of JSON lines, named by {@link ExportFiles#temporaryName(String)}, that keeps what a writer needs
 * again when the stream completes, so memory does not grow with the workspace. A rerun removes a leftover by that
 * name. Not thread-safe: the owner synchronises.
 */
final class LineSpool implements AutoCloseable {

    private final Path file;
    private Writer writer;
    private boolean closed;
    private long size;

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
        Path file = dir.resolve(ExportFiles.temporaryName(label));
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
     * Where a line is in the file, for reading it back alone with {@link #line(FileChannel, Place)}.
     *
     * @param offset the byte offset of its first byte
     * @param length its length in bytes, without the line break
     */
    record Place(long offset, int length) {
    }

    /**
     * Appends a value as one line of compact JSON, opening the file again after {@link #release()}.
     *
     * @param value the value
     * @return where the line is
     * @throws UncheckedIOException if the file cannot be written: what was read back would be incomplete
     */
    Place append(JsonNode value) {
        int length = -1;
        try {
            if (writer == null) {
                if (closed) {
                    throw new IOException("the spool is closed");
                }
                writer = open(file);
            }
            String json = JsonFileWriter.MAPPER.writeValueAsString(value);
            // compact JSON escapes line breaks, so a line is exactly one value
            length = json.getBytes(StandardCharsets.UTF_8).length;
            writer.write(json);
            writer.write('\n');
            Place place = new Place(size, length);
            size += length + 1L;
            return place;
        } catch (IOException e) {
            if (ExportFiles.isDiskFull(e)) {
                throw ExportFiles.diskFull(file.getParent(), length < 0 ? 0 : length + 1L, e);
            }
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

    /**
     * Writes out buffered lines and opens the file for reading lines by place.
     *
     * @return the channel, for the caller to close
     * @throws IOException if the file cannot be flushed or opened
     */
    FileChannel channel() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /**
     * Reads one line back.
     *
     * @param channel a channel from {@link #channel()}
     * @param place where the line is
     * @return the value the line holds
     * @throws IOException if the file cannot be read or ends before the line
     */
    static JsonNode line(FileChannel channel, Place place) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(place.length());
        long position = place.offset();
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new EOFException("the temporary file ends before byte " + (place.offset() + place.length()));
            }
            position += read;
        }
        return JsonFileWriter.MAPPER.readTree(buffer.array());
    }

    /**
     * Closes and deletes the file; closing again does nothing. It never fails: it runs while an export ends, often
     * because of another failure (a full disk), which must stay the one reported; a file it cannot remove is a
     * leftover the next run removes.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Writer open = writer;
        writer = null;
        try {
            if (open != null) {
                open.close();
            }
        } catch (IOException discarded) {
            // the lines are being thrown away: failing to write out their buffer changes nothing
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException leftover) {
            // removed by the next run, which deletes temporary files by their name
        }
    }
}
