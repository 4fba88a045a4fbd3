package dev.notionsync.writers;

import dev.notionsync.core.export.PageExport;

import java.util.List;

/**
 * A small hostile workspace for the HTML writer: a home page with headings, a table of contents, mentions, links
 * with script schemes, a local image, code, a callout whose icon is markup and an equation holding a script; a
 * child page; a page titled {@code <script>alert(1)</script>} with a comment; and a database with three rows, the
 * first related to the second, the second with a {@code javascript:} URL.
 */
final class HtmlSite {

    static final String HOME = "d0000000-0000-4000-8000-000000000001";
    static final String CHILD = "d0000000-0000-4000-8000-000000000002";
    static final String HOSTILE = "d0000000-0000-4000-8000-000000000003";
    static final String DATABASE = "d0000000-0000-4000-8000-000000000004";
    static final String SOURCE = "d0000000-0000-4000-8000-000000000005";
    static final String ROW_1 = "d0000000-0000-4000-8000-000000000011";
    static final String ROW_2 = "d0000000-0000-4000-8000-000000000012";
    static final String ROW_3 = "d0000000-0000-4000-8000-000000000013";
    static final String IMAGE_URL = "https://s3.example.com/cat.png?X-Amz-Signature=1";
    static final String IMAGE_PATH = "files/ab/abcd.png";

    private HtmlSite() {
    }

    private static String link(String text, String url) {
        return """
                {"type": "text", "text": {"content": "%s", "link": {"url": "%s"}}, "annotations": {},
                 "plain_text": "%s", "href": "%s"}""".formatted(text, url, text, url);
    }

    private static String mention(String id, String title) {
        return """
                {"type": "mention", "mention": {"type": "page", "page": {"id": "%s"}}, "annotations": {},
                 "plain_text": "%s", "href": "https://www.notion.so/%s"}""".formatted(id, title, id.replace("-", ""));
    }

    static PageExport home() {
        return Fixtures.parse("home", """
                {"files": {"%s": "%s"},
                 "page": {"object": "page", "id": "%s", "parent": {"type": "workspace", "workspace": true},
                          "properties": {"title": {"id": "title", "type": "title", "title": "Home"}}},
                 "blocks": [
                   {"type": "table_of_contents", "table_of_contents": {}},
                   {"type": "heading_1", "heading_1": {"rich_text": "Intro"}},
                   {"type": "paragraph", "paragraph": {"rich_text": [%s, %s, %s, %s]}},
                   {"type": "bulleted_list_item", "bulleted_list_item": {"rich_text": "first"}},
                   {"type": "to_do", "to_do": {"rich_text": "done", "checked": true}},
                   {"type": "image", "image": {"type": "file", "file": {"url": "%s"}, "caption": "A cat"}},
                   {"type": "code", "code": {"language": "java", "rich_text": "if (a < b) { run(); }"}},
                   {"type": "callout", "callout": {"rich_text": "Careful",
                    "icon": {"type": "emoji", "emoji": "<img src=x onerror=alert(3)>"}}},
                   {"type": "equation", "equation": {"expression": "<script>alert(4)</script>"}},
                   {"type": "heading_1", "heading_1": {"rich_text": "Intro"}},
                   {"type": "child_page", "id": "%s", "child_page": {"title": "Child"}},
                   {"type": "child_page", "id": "%s", "child_page": {"title": "<script>alert(1)</script>"}},
                   {"type": "child_database", "id": "%s", "child_database": {"title": "Tasks"}}
                 ]}
                """.formatted(IMAGE_URL, IMAGE_PATH, HOME, mention(CHILD, "Child"),
                link("click me", "javascript:alert(1)"), link("shout", " JAVASCRIPT:alert(2)"),
                link("vb", "vbscript:msgbox(1)"), IMAGE_URL, CHILD, HOSTILE, DATABASE)).export();
    }

    static PageExport child() {
        return Fixtures.parse("child", """
                {"page": {"object": "page", "id": "%s", "parent": {"type": "page_id", "page_id": "%s"},
                          "properties": {"title": {"id": "title", "type": "title", "title": "Child"}}},
                 "blocks": [
                   {"type": "paragraph", "paragraph": {"rich_text": "<img src=x onerror=alert(5)> back to"}},
                   {"type": "paragraph", "paragraph": {"rich_text": [%s]}}
                 ]}
                """.formatted(CHILD, HOME, mention(HOME, "Home"))).export();
    }

    static PageExport hostile() {
        return Fixtures.parse("hostile", """
                {"page": {"object": "page", "id": "%s", "parent": {"type": "page_id", "page_id": "%s"},
                          "properties": {"title": {"id": "title", "type": "title",
                                                   "title": "<script>alert(1)</script>"}}},
                 "blocks": [{"type": "paragraph", "paragraph": {"rich_text": "Body of <script>alert(7)</script>"}}],
                 "comments": [{"object": "comment", "id": "e0000000-0000-4000-8000-000000000001",
                   "parent": {"type": "page_id", "page_id": "%s"}, "created_time": "2024-05-01T10:00:00.000Z",
                   "created_by": {"object": "user", "id": "u1", "name": "<b>Mallory</b>"},
                   "rich_text": "<iframe src=javascript:alert(8)>"}]}
                """.formatted(HOSTILE, HOME, HOSTILE)).export();
    }

    static PageExport database() {
        return Fixtures.parse("database", """
                {"database": {"object": "database", "id": "%s", "title": "Tasks", "description": "What we do",
                              "parent": {"type": "page_id", "page_id": "%s"},
                              "data_sources": [{"id": "%s", "name": "Task list"}]},
                 "data_sources": [{"object": "data_source", "id": "%s", "title": "Task list",
                   "parent": {"type": "database_id", "database_id": "%s"},
                   "properties": {
                     "Name": {"id": "title", "name": "Name", "type": "title", "title": {}},
                     "Status": {"id": "st", "name": "Status", "type": "select", "select": {"options": []}},
                     "Link": {"id": "ln", "name": "Link", "type": "url", "url": {}},
                     "Related": {"id": "rl", "name": "Related", "type": "relation",
                                 "relation": {"data_source_id": "%s"}}}}]}
                """.formatted(DATABASE, HOME, SOURCE, SOURCE, DATABASE, SOURCE)).export();
    }

    static PageExport row(String id, String title, String link, String related) {
        return Fixtures.parse("row", """
                {"page": {"object": "page", "id": "%s",
                          "parent": {"type": "data_source_id", "data_source_id": "%s", "database_id": "%s"},
                          "properties": {
                            "Related": {"id": "rl", "type": "relation", "relation": [%s]},
                            "Link": {"id": "ln", "type": "url", "url": %s},
                            "Status": {"id": "st", "type": "select", "select": {"name": "Open"}},
                            "Name": {"id": "title", "type": "title", "title": "%s"}}},
                 "blocks": [{"type": "paragraph", "paragraph": {"rich_text": "Row body"}}]}
                """.formatted(id, SOURCE, DATABASE, related == null ? "" : "{\"id\": \"" + related + "\"}",
                link == null ? "null" : "\"" + link + "\"", title)).export();
    }

    /** Every object, rows around their database, in an order no writer can rely on. */
    static List<PageExport> all() {
        return List.of(row(ROW_1, "Row one", "https://example.com/1", ROW_2), home(),
                row(ROW_2, "Row two", "javascript:alert(6)", null), child(), database(), hostile(),
                row(ROW_3, "<i>row</i> three", null, null));
    }
}
