package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary, notes and transcript of meeting notes are exported with the page, each under its heading. */
class MeetingNotesTests {

    private FakeNotionServer server;
    private Workspace workspace;
    private String summary;
    private String notes;
    private String transcript;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        workspace = Workspace.generate(WorkspaceSpec.small().withPages(0).withDatabases(0).withHostileTitles(false));
        server = FakeNotionServer.start(workspace);
        String page = workspace.pageIds().filter(id -> workspace.title(id).equals("Coverage: every block type"))
                .findFirst().orElseThrow();
        JsonNode parts = workspace.children(page).stream()
                .filter(block -> "meeting_notes".equals(block.path("type").asText())).findFirst().orElseThrow()
                .path("meeting_notes").path("children");
        summary = parts.path("summary_block_id").asText();
        notes = parts.path("notes_block_id").asText();
        transcript = parts.path("transcript_block_id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSummaryNotesAndTranscriptAreInTheJsonAndUnderTheirHeadingsInHtml() throws IOException {
        Path out = dir.resolve("out");

        CliRun run = export(out);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        String json = all(out.resolve("json"), ".json");
        // block anchors (id="<block id>") left out: the structure is what is checked here
        String html = all(out.resolve("html"), ".html").replaceAll(" id=\"[0-9a-f]{32}\"", "");
        for (String part : List.of(summary, notes, transcript)) {
            for (String text : texts(part)) {
                assertThat(json).contains(text);
                assertThat(html).contains(text);
            }
        }
        assertThat(html).containsSubsequence("<h4 class=\"meeting-part\">Summary</h4>", texts(summary).get(0),
                "<h4 class=\"meeting-part\">Notes</h4>", "<li>" + texts(notes).get(0),
                "<h4 class=\"meeting-part\">Transcript</h4>", texts(transcript).get(0));
    }

    @Test
    void aTranscriptNotionDoesNotFindIsReportedAndTheRestIsExported() throws IOException {
        server.faults().notFound(transcript);
        Path out = dir.resolve("out");

        CliRun run = export(out);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        String json = all(out.resolve("json"), ".json");
        // block anchors (id="<block id>") left out: the structure is what is checked here
        String html = all(out.resolve("html"), ".html").replaceAll(" id=\"[0-9a-f]{32}\"", "");
        for (String text : texts(summary)) {
            assertThat(json).contains(text);
            assertThat(html).contains(text);
        }
        for (String text : texts(transcript)) {
            assertThat(json).doesNotContain(text);
            assertThat(html).doesNotContain(text);
        }
        assertThat(html).contains("<h4 class=\"meeting-part\">Notes</h4>")
                .doesNotContain("<h4 class=\"meeting-part\">Transcript</h4>");
        JsonNode report = new ObjectMapper().readTree(Files.readString(out.resolve("export-report.json")));
        List<JsonNode> skipped = new ArrayList<>();
        report.findParents("status").forEach(entry -> {
            if (transcript.equals(entry.path("id").asText()) && "skipped".equals(entry.path("status").asText())) {
                skipped.add(entry);
            }
        });
        assertThat(skipped).singleElement().satisfies(entry ->
                assertThat(entry.path("reason").asText()).isEqualTo("unshared"));
    }

    private CliRun export(Path out) {
        return CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--rate-limit", "0", "--no-attachments", "--formats", "json,html,markdown", "--out", out.toString());
    }

    private List<String> texts(String part) {
        return workspace.children(part).stream()
                .map(block -> block.path(block.path("type").asText()).path("rich_text").path(0).path("plain_text")
                        .asText())
                .toList();
    }

    private static String all(Path folder, String extension) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(extension)).sorted().map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException error) {
                    throw new UncheckedIOException(error);
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
