package dev.notionsync.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoverageTests {

    private static final Set<String> BLOCK_TYPES = Set.of("paragraph", "heading_1", "heading_2", "heading_3",
            "heading_4", "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote", "callout", "code",
            "equation", "divider", "breadcrumb", "table_of_contents", "column_list", "column", "tab", "table",
            "table_row", "template", "child_page", "child_database", "link_to_page", "synced_block", "image", "video",
            "audio", "pdf", "file", "bookmark", "embed", "link_preview", "meeting_notes", "unsupported");
    private static final Set<String> PROPERTY_TYPES = Set.of("title", "rich_text", "number", "select",
            "multi_select", "status", "date", "people", "files", "checkbox", "url", "email", "phone_number", "formula",
            "relation", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id",
            "verification", "place", "button");

    @Test
    void coveragePagesHoldEveryBlockAndPropertyType() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small());
        assertTrue(workspace.blockTypes().containsAll(BLOCK_TYPES), missing(BLOCK_TYPES, workspace.blockTypes()));
        assertTrue(workspace.propertyTypes().containsAll(PROPERTY_TYPES),
                missing(PROPERTY_TYPES, workspace.propertyTypes()));
        Workspace bare = Workspace.generate(WorkspaceSpec.small().withCoverage(false).withHostileTitles(false));
        assertFalse(bare.blockTypes().contains("meeting_notes"));
    }

    @Test
    void coverageRichTextHasEveryMentionType() {
        Workspace workspace = Workspace.demo();
        String page = workspace.pageIds().filter(id -> workspace.title(id).equals("Coverage: every block type"))
                .findFirst().orElseThrow();
        String all = workspace.children(page).toString();
        for (String mention : List.of("user", "page", "database", "date", "link_preview", "link_mention",
                "template_mention", "custom_emoji")) {
            assertTrue(all.contains("\"mention\":{\"type\":\"" + mention + "\""), mention);
        }
        assertTrue(all.contains("\"type\":\"equation\""));
        assertTrue(all.contains("\"block_type\":\"form\""));
        assertTrue(all.contains("\"language\":\"mermaid\""));
        assertTrue(all.contains("\"list_start_index\":3"));
    }

    @Test
    void hostileTitlesArePresent() {
        Workspace workspace = Workspace.generate(WorkspaceSpec.small());
        List<String> titles = workspace.pageIds().map(workspace::title).collect(Collectors.toList());
        for (String hostile : List.of("../../etc/passwd", "CON", "<script>alert(1)</script>", "emoji 🎉 title",
                "a/b\\c:d*e?f\"g<h>i|j", "trailing dot.")) {
            assertTrue(titles.contains(hostile), hostile);
        }
        assertEquals(2, titles.stream().filter("Duplicate title"::equals).count());
        assertTrue(titles.stream().anyMatch(t -> t.length() == 300));
    }

    @Test
    void demoWorkspaceIsSmallReadableAndDeterministic() {
        Workspace demo = Workspace.demo();
        List<String> titles = demo.pageIds().map(demo::title).collect(Collectors.toList());
        assertTrue(titles.containsAll(List.of("Team Handbook", "Engineering", "On-call runbook", "Website relaunch")));
        String projects = demo.dataSourceIds().filter(id -> demo.title(id).equals("Projects")).findFirst().orElseThrow();
        assertEquals(12, demo.rowIds(projects).size());
        JsonNode team = demo.page(demo.rowIds(projects).get(0)).orElseThrow().at("/properties/Team/relation/0/id");
        assertTrue(demo.title(team.asText()).length() > 0);
        assertEquals(demo.pageIds().collect(Collectors.toList()), Workspace.demo().pageIds().collect(Collectors.toList()));
        long regularPages = demo.pageIds().filter(id -> !demo.page(id).orElseThrow().at("/parent/type").asText()
                .equals("data_source_id")).count();
        assertTrue(regularPages >= 10 && regularPages <= 25, "pages: " + regularPages);
        try (FakeNotionServer server = FakeNotionServer.start(demo)) {
            Api api = new Api(server);
            String welcome = demo.pageIds().filter(id -> demo.title(id).equals("Welcome")).findFirst().orElseThrow();
            JsonNode comments = api.getJson("/v1/comments?block_id=" + welcome);
            assertEquals(2, comments.get("results").size());
            assertEquals(comments.at("/results/0/discussion_id"), comments.at("/results/1/discussion_id"));
        }
    }

    private static String missing(Set<String> expected, Set<String> actual) {
        return "missing: " + expected.stream().filter(t -> !actual.contains(t)).sorted().collect(Collectors.toList());
    }
}
