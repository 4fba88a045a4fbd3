package dev.notionsync.core.export;

import dev.notionsync.core.BlockTree;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.model.Block;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.TreeHazard;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Block trees that never end (cycles) or end very deep are walked to a bound, reported, and the page exported. */
class TreeWalkTests {

    private FakeNotionServer server;
    private NotionClient client;

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small().withPages(0).withDatabases(0)
                .withCoverage(false).withHostileTitles(false)));
        client = Exports.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = TreeHazard.class, names = {"SELF_CHILD", "BLOCK_CYCLE", "SYNCED_CYCLE"})
    void aCycleIsReportedOnceAndThePageIsExported(TreeHazard hazard) {
        String page = server.workspace().addHazardPage(hazard);
        TextWriter writer = new TextWriter();

        Exports.Run run = export(ExportSpec.builder().outputDir(out).writers(writer).build());

        assertThat(writer.texts(page)).startsWith("Before the hazard").endsWith("After the hazard");
        assertThat(writer.byId.get(FileNames.normalizeId(page)).blocks()).extracting(Block::id)
                .doesNotHaveDuplicates();
        assertThat(run.reasons(ExportEvent.Reasons.BLOCK_CYCLE)).hasSize(1);
        assertThat(run.summary().pages()).isEqualTo(1);
    }

    @Test
    void aChainTenThousandDeepIsReadToTheBoundAndTheRestOfThePageExported() {
        String page = server.workspace().addHazardPage(TreeHazard.DEEP_CHAIN);
        TextWriter writer = new TextWriter();

        Exports.Run run = export(ExportSpec.builder().outputDir(out).writers(writer).build());

        List<String> texts = writer.texts(page);
        assertThat(texts).startsWith("Before the hazard", "Level 0").endsWith("Level 255", "After the hazard")
                .hasSize(ExportSpec.DEFAULT_MAX_DEPTH + 2);
        assertThat(run.reasons(ExportEvent.Reasons.TOO_DEEP)).singleElement()
                .satisfies(event -> assertThat(event).isInstanceOf(ExportEvent.PageFailed.class));
        assertThat(server.requestCountsByRoute().get("GET /v1/blocks/{id}/children"))
                .isLessThanOrEqualTo(ExportSpec.DEFAULT_MAX_DEPTH + 1L);
    }

    @Test
    void theDepthBoundIsAnOptionOfTheSpec() {
        String page = server.workspace().addHazardPage(TreeHazard.DEEP_CHAIN);
        TextWriter writer = new TextWriter();

        export(ExportSpec.builder().outputDir(out).writers(writer).maxDepth(3).build());

        assertThat(writer.texts(page)).containsExactly("Before the hazard", "Level 0", "Level 1", "Level 2",
                "After the hazard");
    }

    @Test
    void theClientsBlockTreeStopsAtCyclesAndAtItsBound() {
        String cycle = server.workspace().addHazardPage(TreeHazard.BLOCK_CYCLE);
        String deep = server.workspace().addHazardPage(TreeHazard.DEEP_CHAIN);
        List<BlockTree.Gap> gaps = new CopyOnWriteArrayList<>();

        StepVerifier.create(client.blockTree(cycle).map(Block::type))
                .expectNext("paragraph", "toggle", "toggle", "paragraph")
                .verifyComplete();
        StepVerifier.create(client.blockTree(deep, 40, gaps::add).count())
                .expectNext(42L)
                .verifyComplete();

        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.reason()).isEqualTo(BlockTree.TOO_DEEP);
            assertThat(gap.block().depth()).isEqualTo(39);
        });
    }

    @Test
    void aNestedBlockWhoseChildrenAreNotSharedLosesOnlyThoseAndThePageIsFetchedAgainNextRun() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small().withHostileTitles(false));
        server.close();
        server = FakeNotionServer.start(workspace);
        client = Exports.client(server);
        String page = workspace.pageIds().filter(id -> workspace.title(id).equals("Coverage: every block type"))
                .findFirst().orElseThrow();
        String toggle = workspace.children(page).stream()
                .filter(block -> block.path("has_children").asBoolean()
                        && block.path("type").asText().startsWith("heading"))
                .findFirst().orElseThrow().path("id").asText();
        server.faults().notFound(toggle);
        ExportSpec spec = ExportSpec.builder().outputDir(out).writers(new TextWriter()).build();

        TextWriter first = new TextWriter();
        Exports.Run partial = export(spec.mutate().writers(first).build());
        server.faults().clear();
        server.resetCounters();
        TextWriter second = new TextWriter();
        Exports.Run rerun = export(spec.mutate().writers(second).build());

        assertThat(first.texts(page)).contains("CV.TH Toggleable heading", "CV.TH4 Toggleable heading four")
                .doesNotContain("CV.TH.1 Hidden under the toggleable heading");
        assertThat(partial.reasons(ExportEvent.Reasons.UNSHARED)).extracting(Exports.Run::id).contains(toggle);
        assertThat(second.texts(page)).contains("CV.TH.1 Hidden under the toggleable heading");
        assertThat(rerun.reasons(ExportEvent.Reasons.UNCHANGED)).extracting(Exports.Run::id)
                .doesNotContain(page).isNotEmpty();
    }

    @Test
    void theTreeHoldsThePartsOfMeetingNotesOneLevelBelowThemAndAnUnreadablePartIsAGap() {
        Workspace workspace = serveCoverage();
        String page = coveragePage(workspace);
        Block meeting = workspace.children(page).stream().map(json -> new Block(json, 0))
                .filter(block -> "meeting_notes".equals(block.type())).findFirst().orElseThrow();
        Map<String, String> parts = meeting.meetingNotesParts();
        assertThat(parts).containsOnlyKeys("summary", "notes", "transcript");

        List<Block> tree = client.blockTree(page).collectList().block(Duration.ofSeconds(30));

        List<Block> below = tree.subList(tree.indexOf(tree.stream().filter(block -> block.id().equals(meeting.id()))
                .findFirst().orElseThrow()) + 1, tree.size()).stream()
                .takeWhile(block -> block.depth() > meeting.depth()).toList();
        List<String> expected = parts.values().stream().flatMap(id -> workspace.children(id).stream())
                .map(json -> json.path("id").asText()).toList();
        assertThat(below).extracting(Block::id).containsExactlyElementsOf(expected);
        assertThat(below).allSatisfy(block -> {
            assertThat(block.depth()).isEqualTo(meeting.depth() + 1);
            assertThat(parts.values()).contains(block.json().path("parent").path("block_id").asText());
        });
        long listings = 1 + tree.stream().filter(block -> block.hasChildren() && !block.isChildObject()
                && block.meetingNotesParts().isEmpty()).count() + parts.size();
        assertThat(server.requestCountsByRoute().get("GET /v1/blocks/{id}/children")).isEqualTo(listings);

        server.faults().notFound(parts.get("transcript"));
        List<BlockTree.Gap> gaps = new CopyOnWriteArrayList<>();
        List<String> withoutTranscript = client.blockTree(page, BlockTree.DEFAULT_MAX_DEPTH, gaps::add)
                .map(Block::id).collectList().block(Duration.ofSeconds(30));

        List<String> transcript = workspace.children(parts.get("transcript")).stream()
                .map(json -> json.path("id").asText()).toList();
        assertThat(withoutTranscript).doesNotContainAnyElementsOf(transcript)
                .containsAll(expected.stream().filter(id -> !transcript.contains(id)).toList())
                .hasSize(tree.size() - transcript.size());
        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.reason()).isEqualTo(BlockTree.UNSHARED);
            assertThat(gap.block().id()).isEqualTo(parts.get("transcript"));
            assertThat(gap.message()).contains("transcript").contains(meeting.id());
        });
    }

    @Test
    void aTranscriptNotionRefusesIsReportedAndThePageExportsWithTheOtherParts() {
        Workspace workspace = serveCoverage();
        String page = coveragePage(workspace);
        Map<String, String> parts = workspace.children(page).stream().map(json -> new Block(json, 0))
                .filter(block -> "meeting_notes".equals(block.type())).findFirst().orElseThrow().meetingNotesParts();
        server.faults().failNext(1, 403, parts.get("transcript") + "/children");
        TextWriter writer = new TextWriter();

        Exports.Run run = export(ExportSpec.builder().outputDir(out).writers(writer).attachments(false).build());

        assertThat(writer.texts(page)).contains("CV.MN.1 Summary: ship the exporter",
                "CV.MN.3 Notes: meeting notes are exported").doesNotContain("CV.MN.4 Transcript: Ada: shall we ship it?");
        assertThat(run.reasons(ExportEvent.Reasons.FORBIDDEN)).extracting(Exports.Run::id)
                .containsExactly(parts.get("transcript"));
        assertThat(run.events()).noneMatch(event -> event instanceof ExportEvent.PageFailed failed
                && failed.id().equals(page));
    }

    /** Serves the coverage pages alone (they hold the meeting notes). */
    private Workspace serveCoverage() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small().withPages(0).withDatabases(0)
                .withHostileTitles(false));
        server.close();
        server = FakeNotionServer.start(workspace);
        client = Exports.client(server);
        return workspace;
    }

    private static String coveragePage(Workspace workspace) {
        return workspace.pageIds().filter(id -> workspace.title(id).equals("Coverage: every block type"))
                .findFirst().orElseThrow();
    }

    private Exports.Run export(ExportSpec spec) {
        return Exports.export(NotionSync.create(client), spec);
    }
}
