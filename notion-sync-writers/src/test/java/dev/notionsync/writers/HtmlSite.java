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

    static final String SONG_URL = "https://s3.example.com/song.mp3?X-Amz-Signature=2";
    static final String SONG_PATH = "files/cd/song.mp3";
    static final String CLIP_URL = "https://s3.example.com/clip.mp4?X-Amz-Signature=3";
    static final String CLIP_PATH = "files/cd/clip.mp4";
    static final String REPORT_URL = "https://s3.example.com/report.pdf?X-Amz-Signature=4";
    static final String REPORT_PATH = "files/cd/report.pdf";
    /** Equations whose backslashes a Markdown round trip used to eat. */
    static final String INTEGRAL = "\\int_{a}^{b} x^2 \\,dx";
    static final List<String> INLINE_MATH = List.of("50\\%", "a \\\\ b", "\\{x \\mid x > 0\\}");

    private static String equation(String expression) {
        return """
                {"type": "equation", "equation": {"expression": %s}, "annotations": {}, "plain_text": %s}"""
                .formatted(quoted(expression), quoted(expression));
    }

    static String quoted(String text) {
        return JsonFileWriter.MAPPER.getNodeFactory().textNode(text).toString();
    }

    static PageExport child() {
        return Fixtures.parse("child", """
                {"files": {"%s": "%s", "%s": "%s", "%s": "%s"},
                 "page": {"object": "page", "id": "%s", "parent": {"type": "page_id", "page_id": "%s"},
                          "icon": {"type": "emoji", "emoji": "🐈"},
                          "cover": {"type": "external", "external": {"url": "https://example.com/cover.jpg"}},
                          "properties": {"title": {"id": "title", "type": "title", "title": "Child"}}},
                 "blocks": [
                   {"type": "paragraph", "paragraph": {"rich_text": "<img src=x onerror=alert(5)> back to"}},
                   {"type": "paragraph", "paragraph": {"rich_text": [%s]}},
                   {"type": "toggle", "toggle": {"rich_text": "More"},
                    "children": [{"type": "paragraph", "paragraph": {"rich_text": "Hidden inside"}}]},
                   {"type": "heading_2", "heading_2": {"rich_text": "Folded", "is_toggleable": true},
                    "children": [{"type": "paragraph", "paragraph": {"rich_text": "Under the heading"}}]},
                   {"type": "column_list", "column_list": {}, "children": [
                     {"type": "column", "column": {}, "children": [
                       {"type": "paragraph", "paragraph": {"rich_text": "Left side"}}]},
                     {"type": "column", "column": {}, "children": [
                       {"type": "paragraph", "paragraph": {"rich_text": "Right side"}}]}]},
                   {"type": "audio", "audio": {"type": "file", "file": {"url": "%s"}, "caption": "Our song"}},
                   {"type": "video", "video": {"type": "file", "file": {"url": "%s"}}},
                   {"type": "video", "video": {"type": "external",
                                               "external": {"url": "https://www.youtube.com/watch?v=x"}}},
                   {"type": "bookmark", "bookmark": {"url": "https://example.com/b", "caption": "A bookmark"},
                    "children": [{"type": "paragraph", "paragraph": {"rich_text": "Below the bookmark"}}]},
                   {"type": "pdf", "pdf": {"type": "file", "file": {"url": "%s"}, "caption": "The report"}},
                   {"type": "paragraph", "paragraph": {"color": "yellow_background", "rich_text": [
                     {"type": "text", "text": {"content": "Red words"}, "annotations": {"color": "red"},
                      "plain_text": "Red words"},
                     {"type": "mention", "mention": {"type": "date", "date": {"start": "2024-05-01"}},
                      "annotations": {}, "plain_text": "2024-05-01"}]}},
                   {"type": "equation", "equation": {"expression": %s}},
                   {"type": "paragraph", "paragraph": {"rich_text": [%s, %s, %s]}}
                 ]}
                """.formatted(SONG_URL, SONG_PATH, CLIP_URL, CLIP_PATH, REPORT_URL, REPORT_PATH, CHILD, HOME,
                mention(HOME, "Home"), SONG_URL, CLIP_URL, REPORT_URL, quoted(INTEGRAL),
                equation(INLINE_MATH.get(0)), equation(INLINE_MATH.get(1)), equation(INLINE_MATH.get(2)))).export();
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
                            "Notes": {"id": "nt", "type": "rich_text", "rich_text": [{"type": "text",
                              "text": {"content": "Bold <note>"}, "annotations": {"bold": true},
                              "plain_text": "Bold <note>"}]},
                            "Due": {"id": "du", "type": "formula",
                                    "formula": {"type": "date", "date": {"start": "2024-06-01"}}},
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
