package dev.notionsync.writers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.notionsync.core.export.ExportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Closing a spool runs while an export ends, often because of another failure (a full disk): it must never fail
 * itself, or its failure would be the one reported.
 */
class SpoolCleanupTests {

    @TempDir
    Path dir;

    @Test
    void aSpoolThatCannotBeRemovedClosesQuietlyAndIsNamedForTheNextRunToRemove() throws IOException {
        LineSpool spool = LineSpool.create(dir, "rows");
        spool.append(JsonNodeFactory.instance.objectNode().put("id", "a"));
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        assertThat(file.getFileName().toString()).startsWith(ExportFiles.TEMP_PREFIX).endsWith(".tmp");
        // the file cannot be removed: a non-empty folder stands where it was
        spool.release();
        Files.delete(file);
        Files.createDirectories(file.resolve("blocker"));

        assertThatCode(spool::close).doesNotThrowAnyException();
    }
}
