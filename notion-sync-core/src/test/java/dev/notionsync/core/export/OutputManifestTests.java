package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifest vouches for an output only as the last complete run left it. */
class OutputManifestTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PAGE = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path out;

    @Test
    void aWriterWithoutFingerprintLeavesNoDigest() {
        assertThat(OutputManifest.digest(spec(writer("a", "a 1"), writer("b", null)), "2026-12-01", List.of()))
                .isEmpty();
        assertThat(OutputManifest.digest(spec(writer("a", "a 1")), "2026-12-01", List.of())).isPresent();
    }

    @Test
    void theDigestFollowsWhatTheFilesDependOnButNotTheOrderOfTheUsers() {
        ExportSpec spec = spec(writer("a", "a 1"));
        String digest = OutputManifest.digest(spec, "2026-12-01", List.of(user("1", "Ada"), user("2", "Bob")))
                .orElseThrow();

        assertThat(OutputManifest.digest(spec, "2026-12-01", List.of(user("2", "Bob"), user("1", "Ada"))))
                .contains(digest);
        assertThat(OutputManifest.digest(spec, "2026-12-01", List.of(user("1", "Ada"), user("2", "Bobby"))))
                .isNotEqualTo(Optional.of(digest));
        assertThat(OutputManifest.digest(spec, "2025-09-03", List.of(user("1", "Ada"), user("2", "Bob"))))
                .isNotEqualTo(Optional.of(digest));
        assertThat(OutputManifest.digest(spec(writer("a", "a 2")), "2026-12-01",
                List.of(user("1", "Ada"), user("2", "Bob")))).isNotEqualTo(Optional.of(digest));
        assertThat(OutputManifest.digest(spec.mutate().frontMatter(!spec.frontMatter()).build(), "2026-12-01",
                List.of(user("1", "Ada"), user("2", "Bob")))).isNotEqualTo(Optional.of(digest));
    }

    @Test
    void itVouchesForTheSameObjectsAndUntouchedFilesOnly() throws IOException {
        Path file = completeRun("d");

        assertThat(vouches("d", List.of(PAGE), List.of())).isTrue();
        assertThat(vouches("other", List.of(PAGE), List.of())).as("another digest").isFalse();
        assertThat(vouches("d", List.of(PAGE, "99999999-2222-3333-4444-555555555555"), List.of()))
                .as("an object more").isFalse();
        assertThat(vouches("d", List.of(), List.of())).as("an object less").isFalse();

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertThat(vouches("d", List.of(PAGE), List.of())).as("a file touched").isFalse();
    }

    @Test
    void aRunThatDidNotEndLeavesNothingToVouchWith() throws IOException {
        completeRun("d");
        OutputManifest stopped = OutputManifest.open(state());
        stopped.exported(new ExportEvent.PageExported(PAGE, PageExport.Kind.PAGE, "Page", 1, false));
        stopped.close();

        assertThat(OutputManifest.open(state()).vouchesFor("d", List.of(PAGE), List.of())).isFalse();
    }

    @Test
    void aQuietRunKeepsTheManifestAndTellsWhatTheWritersDid() throws IOException {
        completeRun("d");
        OutputManifest quiet = OutputManifest.open(state());
        assertThat(quiet.vouchesFor("d", List.of(PAGE), List.of())).isTrue();

        StepVerifier.create(quiet.events())
                .expectNext(new ExportEvent.PageExported(PAGE, PageExport.Kind.PAGE, "Page", 3, true))
                .expectNext(new ExportEvent.PageWritten(PAGE, "a", Path.of("a/Page.md"), false))
                .expectNext(new ExportEvent.Skipped("block-1", ExportEvent.Reasons.UNSUPPORTED_BLOCK, "ai_block"))
                .verifyComplete();
        quiet.keep();

        assertThat(vouches("d", List.of(PAGE), List.of())).isTrue();
    }

    private Path completeRun(String digest) throws IOException {
        Path file = out.resolve("a").resolve("Page.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# Page\n");
        OutputManifest run = OutputManifest.open(state());
        run.exported(new ExportEvent.PageExported(PAGE, PageExport.Kind.PAGE, "Page", 3, false));
        run.written(new ExportEvent.PageWritten(PAGE, "a", Path.of("a/Page.md"), true));
        // written again by a relink: one file
        run.written(new ExportEvent.PageWritten(PAGE, "a", Path.of("a/Page.md"), false));
        run.written(new ExportEvent.Skipped("block-1", ExportEvent.Reasons.UNSUPPORTED_BLOCK, "ai_block"));
        run.complete(digest);
        return file;
    }

    /** Whether the next run's manifest vouches for the output; that run then leaves it as it found it. */
    private boolean vouches(String digest, List<String> objects, List<PageExport> kept) {
        OutputManifest next = OutputManifest.open(state());
        try {
            return next.vouchesFor(digest, objects, kept);
        } finally {
            next.keep();
        }
    }

    private Path state() {
        try {
            return Files.createDirectories(out.resolve(StateDirectory.NAME));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ExportSpec spec(ExportWriter... writers) {
        return ExportSpec.builder().outputDir(out).writers(writers).build();
    }

    private static ExportWriter writer(String name, String fingerprint) {
        return new ExportWriter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
                return exports.thenMany(Flux.empty());
            }

            @Override
            public Optional<String> fingerprint() {
                return Optional.ofNullable(fingerprint);
            }
        };
    }

    private static User user(String id, String name) {
        ObjectNode json = MAPPER.createObjectNode().put("object", "user").put("id", id).put("name", name);
        return new User(json);
    }
}
