package dev.notionsync.core.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Safe file output for writers: every file is written to a temporary name in its target folder and then moved
 * into place, so a crash never leaves a half-written file under a real name; a file whose content did not change
 * is not touched; and every path is checked to stay inside the output folder. A full disk stops the export with
 * one message naming the folder and the space it needs.
 *
 * @since 0.1
 */
public final class ExportFiles {

    /**
     * Prefix of temporary files. Names are made by {@link #temporaryName(String)} only; a rerun deletes leftovers
     * whose whole name has that shape, never another file that merely starts with this prefix.
     */
    public static final String TEMP_PREFIX = ".notion-sync-tmp-";

    /** This process's run id, part of every temporary name, so a leftover can be told from a user's file. */
    static final String RUN_ID = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);

    /** Write buffer of a file: most exported files fit, so they take one write call. */
    private static final int BUFFER_BYTES = 32 * 1024;

    private static final HexFormat HEX = HexFormat.of();

    private static final Pattern LABEL = Pattern.compile("[a-z]{0,16}");

    private static final Pattern TEMPORARY = Pattern.compile(Pattern.quote(TEMP_PREFIX)
            + "[0-9a-f]{12}-(?:[a-z]{1,16}-)?[0-9a-f]{32}\\.tmp");

    /** How an operating system says the disk (or the user's quota on it) is full. */
    private static final String[] DISK_FULL = {"no space left on device", "not enough space on the disk",
        "disk quota exceeded"};

    private ExportFiles() {
    }

    /**
     * Returns a fresh temporary file name: {@code .notion-sync-tmp-<run id>-[<label>-]<random>.tmp}.
     *
     * @param label what the file holds, lower-case letters (at most 16), or empty
     * @return the file name, without a folder
     * @throws IllegalArgumentException if {@code label} is not lower-case letters
     */
    public static String temporaryName(String label) {
        // compiled once: every file written asks for a name
        if (!label.isEmpty() && !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("label must be at most 16 lower-case letters, was '" + label + "'");
        }
        // the name only has to differ from every other temporary name of this run; a random UUID would draw its
        // bits from the system's secure random source, a lock and a hash per file for nothing
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return TEMP_PREFIX + RUN_ID + "-" + (label.isEmpty() ? "" : label + "-") + HEX.toHexDigits(random.nextLong())
                + HEX.toHexDigits(random.nextLong()) + ".tmp";
    }

    /**
     * The SHA-256 of a file's content, in lower-case hex; null when it cannot be read (it was moved or removed
     * meanwhile), which a later check reports as a missing file.
     *
     * @param file the file
     * @return the hash, or null
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return null;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether a file name is one {@link #temporaryName(String)} makes. */
    static boolean isTemporary(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }

    /**
     * Writes content produced by a callback to a file atomically.
     *
     * @param target the file
     * @param content writes the content to the stream it is given
     * @return {@code true} when the file was created or its content changed, {@code false} when it already held
     *     exactly this content and was left alone
     * @throws IOException if writing or moving fails; the temporary file is removed
     * @throws UncheckedIOException when the disk is full (see {@link #isDiskFull(Throwable)}): no later file can be
     *         written either, so the export should stop
     */
    public static boolean write(Path target, Content content) throws IOException {
        assert OffTheEventLoop.check(target.toString());
        Path dir = target.toAbsolutePath().getParent();
        createFolder(dir);
        Path temp = dir.resolve(temporaryName(""));
        Staged out = new Staged(temp);
        try {
            try (out) {
                content.writeTo(out);
            }
            if (!out.spilled()) {
                if (Files.isRegularFile(target) && out.sameAs(target)) {
                    // unchanged content: leave the file (and its modification time) alone, no temporary file made
                    return false;
                }
                out.writeTo(temp);
            } else if (Files.isRegularFile(target) && Files.mismatch(temp, target) == -1) {
                deleteTemporary(temp, null);
                return false;
            }
            moveIntoPlace(temp, target);
            return true;
        } catch (IOException | RuntimeException error) {
            deleteTemporary(temp, error);
            if (error instanceof IOException io && isDiskFull(io)) {
                throw diskFull(dir, out.written(), io);
            }
            throw error;
        }
    }

    /**
     * A file's content, held in memory while it fits the write buffer (most exported files do) and then written on
     * to the temporary file. A content that fits is compared with the file on disk before any temporary file exists:
     * a rerun that renders an unchanged file creates and removes none, which on some file systems (an ext4 without a
     * journal skips the inodes freed in the last minutes when it makes a file) costs more than the rendering.
     */
    private static final class Staged extends OutputStream {

        private final Path temp;
        private byte[] bytes = new byte[4096];
        private int count;
        private long written;
        /** The temporary file, once the content outgrew the buffer. */
        private OutputStream file;

        Staged(Path temp) {
            this.temp = temp;
        }

        @Override
        public void write(int b) throws IOException {
            if (file == null && count == BUFFER_BYTES) {
                write(new byte[] {(byte) b}, 0, 1);
                return;
            }
            written++;
            if (file != null) {
                file.write(b);
                return;
            }
            room(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int length) throws IOException {
            written += length;
            if (file == null) {
                if (count + length <= BUFFER_BYTES) {
                    room(length);
                    System.arraycopy(b, offset, bytes, count, length);
                    count += length;
                    return;
                }
                // buffered: the file channel's stream makes one system call per write, however small
                file = new BufferedOutputStream(Files.newOutputStream(temp), BUFFER_BYTES);
                file.write(bytes, 0, count);
                bytes = null;
            }
            file.write(b, offset, length);
        }

        private void room(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(BUFFER_BYTES, Math.max(bytes.length * 2,
                        count + more)));
            }
        }

        boolean spilled() {
            return file != null;
        }

        long written() {
            return written;
        }

        /** Whether a file holds exactly the content held in memory. */
        boolean sameAs(Path target) throws IOException {
            return Files.size(target) == count && Arrays.equals(Files.readAllBytes(target), 0, count,
                    bytes, 0, count);
        }

        /** Writes the content held in memory to the temporary file, in one call. */
        void writeTo(Path path) throws IOException {
            try (OutputStream out = Files.newOutputStream(path)) {
                out.write(bytes, 0, count);
            }
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                file.close();
            }
        }
    }

    /**
     * Creates a folder and its parents unless it exists: {@link Files#createDirectories} tries to create the folder
     * first, which for a folder that is there (nearly every file) costs a failed system call and an exception.
     *
     * @param dir the folder
     * @throws IOException if it cannot be created
     */
    static void createFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Removes a temporary file; a failure to do so is added to the error that ended the write, never hides it.
     */
    private static void deleteTemporary(Path temp, Exception error) throws IOException {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
            if (error == null) {
                throw cleanup;
            }
            error.addSuppressed(cleanup);
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
     * @throws UncheckedIOException when the disk is full
     */
    public static boolean write(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(target, out -> out.write(bytes));
    }

    /**
     * Tells whether a failure, or one of its causes, is the operating system saying the disk or the user's quota on
     * it is full.
     *
     * @param error the failure
     * @return whether it is a full disk
     */
    public static boolean isDiskFull(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof DiskFull) {
                return true;
            }
            String message = current instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : current.getMessage();
            if (current instanceof IOException && message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                for (String text : DISK_FULL) {
                    if (lower.contains(text)) {
                        return true;
                    }
                }
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    /**
     * Describes a full disk in one line that names the folder, the space the file being written needs at least, and
     * what the folder's file store reports free, for instance {@code No space left on device in /backup/json: the
     * file being written needs at least 1.2 MB, 0 bytes free; free some space and run again}.
     *
     * @param folder the folder being written
     * @param needed the size of the file being written, as far as known (0 when not known)
     * @param cause the failure
     * @return the exception that stops the export
     */
    public static UncheckedIOException diskFull(Path folder, long needed, IOException cause) {
        return new DiskFull(folder, needed, cause);
    }

    /**
     * Resolves a relative path against a root and refuses any result outside the root, by its name or through a
     * symbolic link among its folders.
     *
     * @param root the output folder
     * @param relative a relative path made of safe names
     * @return the absolute, normalised path
     * @throws IllegalArgumentException if the result would leave the root
     */
    public static Path inside(Path root, String relative) {
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base) || !reallyInside(base, resolved.getParent())) {
            throw new IllegalArgumentException("path leaves the output folder: " + relative);
        }
        return resolved;
    }

    /** Whether the nearest existing folder of a path is, with every link followed, inside the root. */
    private static boolean reallyInside(Path base, Path folder) {
        Path existing = folder;
        while (existing != null && existing.startsWith(base) && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.startsWith(base) || existing.equals(base)) {
            return true;
        }
        try {
            Path real = existing.toRealPath();
            // no link on the way (the common case): it is inside by its name, checked above, without resolving the
            // root as well
            return real.equals(existing) || real.startsWith(base.toRealPath());
        } catch (IOException unreadable) {
            // a folder that cannot be read fails on writing, with its own message
            return true;
        }
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
