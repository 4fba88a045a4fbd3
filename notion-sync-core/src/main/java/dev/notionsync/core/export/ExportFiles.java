package dev.notionsync.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Safe file output for writers: every file is written to a temporary name in its target folder and then moved
 * into place, so a crash never leaves a half-written file under a real name; a file whose content did not change
 * is not touched; and every path is checked to stay inside the output folder.
 *
 * @since 0.1
 */
public final class ExportFiles {

    /** Prefix of temporary files; a rerun deletes leftovers with it. */
    public static final String TEMP_PREFIX = ".notion-sync-";

    private ExportFiles() {
    }

    /**
     * Writes content produced by a callback to a file atomically.
     *
     * @param target the file
     * @param content writes the content to the stream it is given
     * @return {@code true} when the file was created or its content changed, {@code false} when it already held
     *     exactly this content and was left alone
     * @throws IOException if writing or moving fails; the temporary file is removed
     */
    public static boolean write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            if (Files.isRegularFile(target) && Files.mismatch(temp, target) == -1) {
                // unchanged content: leave the file (and its modification time) alone
                return false;
            }
            moveIntoPlace(temp, target);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Moves a finished temporary file over its target, atomically where the file system can. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes a string as UTF-8 to a file atomically.
     *
     * @param target the file
     * @param text the content
     * @return {@code true} when the file was created or its content changed, {@code false} when it was left alone
     * @throws IOException if writing fails
     */
    public static boolean write(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(target, out -> out.write(bytes));
    }

    /**
     * Resolves a relative path against a root and refuses any result outside the root.
     *
     * @param root the output folder
     * @param relative a relative path made of safe names
     * @return the absolute, normalised path
     * @throws IllegalArgumentException if the result would leave the root
     */
    public static Path inside(Path root, String relative) {
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new IllegalArgumentException("path leaves the output folder: " + relative);
        }
        return resolved;
    }

    /**
     * Produces file content.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream, closed by the caller
         * @throws IOException on failure
         */
        void writeTo(OutputStream out) throws IOException;
    }
}
