package dev.notionsync.core.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify} follows a local link to a block into its file: the block's anchor must be there. */
class VerifyAnchorsTests {

    private static final String BLOCK = "0123456789abcdef0123456789abcdef";
    private static final String OTHER = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path dir;

    @Test
    void aLinkToABlockWhoseAnchorIsMissingIsDangling() throws IOException {
        Files.createDirectories(dir.resolve(".notion-sync"));
        Files.writeString(dir.resolve(".notion-sync/state.jsonl"), "");
        Files.createDirectories(dir.resolve("markdown"));
        Files.createDirectories(dir.resolve("html"));
        Files.writeString(dir.resolve("markdown/Target.md"), "# Target\n\n<a id=\"" + BLOCK + "\"></a>\n\nText\n");
        Files.writeString(dir.resolve("markdown/Source.md"), "[here](Target.md#" + BLOCK + ") and [gone](Target.md#"
                + OTHER + ") and [top](Target.md#target)\n");
        Files.writeString(dir.resolve("html/Target.html"), "<p id=\"" + BLOCK + "\">Text</p>\n");
        Files.writeString(dir.resolve("html/Source.html"), "<a href=\"Target.html#" + BLOCK + "\">here</a> <a href=\""
                + "Target.html#" + OTHER + "\">gone</a>\n");

        List<ExportVerifier.Problem> dangling = ExportVerifier.of(dir).verify().problems().stream()
                .filter(problem -> problem.kind() == ExportVerifier.Kind.DANGLING_LINK).toList();

        assertThat(dangling).extracting(ExportVerifier.Problem::path)
                .containsExactlyInAnyOrder("markdown/Source.md", "html/Source.html");
        assertThat(dangling).allSatisfy(problem -> assertThat(problem.detail()).contains(OTHER)
                .contains("anchor is not in that file"));
    }
}
