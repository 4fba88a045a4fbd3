package dev.notionsync.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ExportFilesTests {

    @TempDir
    Path out;

    @Test
    void aFullDiskNamesTheFolderAndTheSpaceNeededAndKeepsItsCauseOverACleanupFailure() throws IOException {
        Path target = out.resolve("json/page.json");
        Files.createDirectories(target.getParent());

        Throwable error = catchThrowable(() -> ExportFiles.write(target, stream -> {
            // more than a content held in memory: the temporary file exists
            stream.write(new byte[60_000]);
            // the temporary file cannot be removed afterwards: a non-empty folder stands in its place
            Path temp = temporaryFileIn(target.getParent());
            Files.delete(temp);
            Files.createDirectories(temp.resolve("blocker"));
            throw new IOException("No space left on device");
        }));

        assertThat(error).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("No space left on device in " + target.getParent())
                .hasMessageContaining("needs at least 58.6 KB")
                .hasMessageMatching(".*[0-9.]+ (bytes|KB|MB|GB|TB) free.*");
        assertThat(ExportFiles.isDiskFull(error)).isTrue();
        assertThat(error.getCause()).hasMessage("No space left on device");
        assertThat(error.getCause().getSuppressed()).singleElement().isInstanceOf(DirectoryNotEmptyException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void otherFailuresStayCheckedAndTheTemporaryFileIsRemoved() throws IOException {
        Path target = out.resolve("page.md");

        Throwable error = catchThrowable(() -> ExportFiles.write(target, stream -> {
            throw new IOException("Input/output error");
        }));

        assertThat(error).isInstanceOf(IOException.class).hasMessage("Input/output error");
        assertThat(ExportFiles.isDiskFull(error)).isFalse();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aSymbolicLinkBelowAFolderOfTheToolDoesNotLeadOut() throws IOException {
        Path root = Files.createDirectories(out.resolve("backup"));
        Path elsewhere = Files.createDirectories(out.resolve("elsewhere"));
        Files.createDirectories(root.resolve("files"));
        Files.createSymbolicLink(root.resolve("files/ab"), elsewhere);

        assertThat(catchThrowable(() -> ExportFiles.inside(root, "files/ab/abc.png")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves the output folder");
        assertThat(catchThrowable(() -> ExportFiles.inside(root, "files/ab/new/abc.png")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ExportFiles.inside(root, "files/cd/abc.png")).isEqualTo(root.resolve("files/cd/abc.png"));
        assertThat(ExportFiles.inside(root, "json/page.json")).isEqualTo(root.resolve("json/page.json"));
    }

    @Test
    void anOutputFolderReachedThroughALinkIsInsideItself() throws IOException {
        Path real = Files.createDirectories(out.resolve("real"));
        Files.createDirectories(real.resolve("json"));
        Path link = Files.createSymbolicLink(out.resolve("link"), real);
        Path elsewhere = Files.createDirectories(out.resolve("elsewhere"));
        Files.createSymbolicLink(real.resolve("files"), elsewhere);

        assertThat(ExportFiles.inside(link, "json/page.json")).isEqualTo(link.resolve("json/page.json"));
        assertThat(ExportFiles.inside(link, "markdown/page.md")).isEqualTo(link.resolve("markdown/page.md"));
        assertThat(catchThrowable(() -> ExportFiles.inside(link, "files/ab/abc.png")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentWrittenByteByByteArrivesWholeAndFoldersAreMadeOnce() throws IOException {
        Path target = out.resolve("deep/er/page.md");
        byte[] text = "# Title\n\nSome text, written a byte at a time.\n".repeat(2000)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(ExportFiles.write(target, stream -> {
            for (byte b : text) {
                stream.write(b);
            }
        })).isTrue();
        assertThat(ExportFiles.write(out.resolve("deep/er/other.md"), "x")).isTrue();

        assertThat(Files.readAllBytes(target)).isEqualTo(text);
        assertThat(ExportFiles.write(target, stream -> stream.write(text))).isFalse();
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("page.md",
                    "other.md");
        }
    }

    @Test
    void aSmallFileFoundUnchangedLeavesItsFolderUntouchedAndOneThatChangedIsReplacedWhole() throws IOException {
        Path target = out.resolve("markdown/page.md");
        assertThat(ExportFiles.write(target, "same size, first")).isTrue();
        // a temporary file made and removed would change the folder's modification time
        FileTime longAgo = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        Files.setLastModifiedTime(target.getParent(), longAgo);

        assertThat(ExportFiles.write(target, "same size, first")).isFalse();

        assertThat(Files.getLastModifiedTime(target.getParent())).isEqualTo(longAgo);
        assertThat(ExportFiles.write(target, "same size, again")).isTrue();
        assertThat(Files.readString(target)).isEqualTo("same size, again");
        assertThat(ExportFiles.write(target, "shorter")).isTrue();
        assertThat(Files.readString(target)).isEqualTo("shorter");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("page.md");
        }
    }

    @Test
    void temporaryNamesAreTheirOwnShapeAndDiffer() {
        String plain = ExportFiles.temporaryName("");
        String labelled = ExportFiles.temporaryName("index");

        assertThat(ExportFiles.isTemporary(plain)).as(plain).isTrue();
        assertThat(ExportFiles.isTemporary(labelled)).as(labelled).isTrue();
        assertThat(labelled).contains("-index-");
        assertThat(Stream.generate(() -> ExportFiles.temporaryName("")).limit(1000).distinct()).hasSize(1000);
        assertThat(catchThrowable(() -> ExportFiles.temporaryName("Bad")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Path temporaryFileIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".notion-sync-")).findFirst()
                    .orElseThrow();
        }
    }
}
