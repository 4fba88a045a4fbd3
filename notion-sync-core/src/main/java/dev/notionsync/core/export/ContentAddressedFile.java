package dev.notionsync.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A download being written: bytes go to a temporary file while their SHA-256 is computed; on commit the file moves to
 * {@code files/<first two hex digits>/<sha256><ext>}, or is dropped when that content is already stored.
 */
final class ContentAddressedFile {

    private final Path outputDir;
    private final Path temp;
    private final OutputStream out;
    private final MessageDigest digest;
    private final long maxBytes;
    private final long expected;
    private long size;
    private boolean committed;

    private ContentAddressedFile(Path outputDir, Path temp, OutputStream out, long maxBytes, long expected) {
        this.outputDir = outputDir;
        this.expected = expected;
        this.temp = temp;
        this.out = out;
        this.maxBytes = maxBytes;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Starts a download's file in {@code files/}.
     *
     * @param expected the size the file host announced, or -1
     */
    static ContentAddressedFile open(Path outputDir, long maxBytes, long expected) {
        Path dir = outputDir.resolve("files");
        try {
            ExportFiles.createFolder(dir);
            Path temp = dir.resolve(ExportFiles.temporaryName(""));
            return new ContentAddressedFile(outputDir, temp, Files.newOutputStream(temp), maxBytes, expected);
        } catch (IOException e) {
            throw failure(dir, Math.max(expected, 0), e);
        }
    }

    private static UncheckedIOException failure(Path dir, long needed, IOException e) {
        return ExportFiles.isDiskFull(e) ? ExportFiles.diskFull(dir, needed, e)
                : new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
    }

    void write(byte[] chunk) {
        size += chunk.length;
        if (size > maxBytes) {
            throw new Attachments.TooLarge(size);
        }
        digest.update(chunk);
        try {
            out.write(chunk);
        } catch (IOException e) {
            throw failure(temp.getParent(), Math.max(expected, size), e);
        }
    }

    /** Moves the content into place and returns its path relative to the output folder, with '/' separators. */
    String commit(String extension) {
        try {
            out.close();
        } catch (IOException e) {
            throw failure(temp.getParent(), Math.max(expected, size), e);
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        String relative = "files/" + hash.substring(0, 2) + "/" + hash + extension;
        Path target = ExportFiles.inside(outputDir, relative);
        try {
            ExportFiles.createFolder(target.getParent());
            // a file already there has the same content (its name is the hash), so replacing it changes nothing
            ExportFiles.moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw failure(target.getParent(), size, e);
        }
        committed = true;
        return relative;
    }

    void discard() {
        try {
            out.close();
            if (!committed) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException ignored) {
            // a leftover temp file is removed by the next run
        }
    }
}
