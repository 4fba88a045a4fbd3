package dev.notionsync.core.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A full disk: it ends the export, because no later file can be written either. Its message is the one line a user
 * needs: the folder, what the file being written needs at least, and what the folder's file store reports free.
 */
final class DiskFull extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    DiskFull(Path folder, long needed, IOException cause) {
        super(message(folder, needed), cause);
    }

    /**
     * A full disk met outside {@link ExportFiles} (the state log, a writer's own file) as a {@code DiskFull} of the
     * output folder; any other failure as it is.
     */
    static Throwable named(Throwable error, Path outputDir) {
        if (error instanceof DiskFull || !ExportFiles.isDiskFull(error)) {
            return error;
        }
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof DiskFull full) {
                return full;
            }
            if (current instanceof IOException io) {
                DiskFull full = new DiskFull(outputDir, 0, io);
                if (current != error) {
                    full.addSuppressed(error);
                }
                return full;
            }
        }
        return error;
    }

    private static String message(Path folder, long needed) {
        StringBuilder text = new StringBuilder("No space left on device in ").append(folder).append(": ");
        if (needed > 0) {
            text.append("the file being written needs at least ").append(size(needed)).append(", ");
        }
        long free = free(folder);
        if (free >= 0) {
            text.append(size(free)).append(" free");
        } else {
            text.append("free space unknown");
        }
        return text.append("; free some space and run again").toString();
    }

    /** What the file store of the folder (or of its nearest existing parent) reports usable, or -1. */
    private static long free(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return -1;
        }
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | SecurityException unknown) {
            return -1;
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
