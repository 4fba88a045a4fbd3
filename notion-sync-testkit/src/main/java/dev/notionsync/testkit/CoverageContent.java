package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The full-coverage pages: every block type of notion-api.md §6.1 and every rich-text variant of §6.2. */
final class CoverageContent {

    private CoverageContent() {
    }

    /** Builds the coverage pages at the workspace level and returns the root page id. */
    static String build(StaticBuilder b) {
        String root = b.page(null, "Coverage: every block type", "🧪", true);
        String media = b.page(root, "Coverage: media and embeds", "🎞️", true);
        String database = CoverageDatabase.build(b, root);
        headings(b, root);
        richText(b, root, media, database);
        lists(b, root);
        structure(b, root);
        String original = references(b, root, media, database);
        media(b, media, original);
        special(b, root);
        b.linkedDatabase(root, "Linked view of Coverage: every property type", 404, "object_not_found",
                "Could not find database with ID: {id}. Make sure the relevant pages and databases are shared "
                        + "with your integration.");
        b.comment(root, b.person(1), "CV page comment: please review the coverage page.", null,
                b.file("coverage-comment.png", null));
        return root;
    }

    private static void headings(StaticBuilder b, String page) {
        for (int level = 1; level <= 4; level++) {
            b.rich(page, "heading_" + level, Rt.plain("CV.H" + level + " Heading " + level)).body()
                    .put("is_toggleable", false);
        }
        StaticBuilder.Block toggle = b.rich(page, "heading_2", Rt.plain("CV.TH Toggleable heading"));
        toggle.body().put("is_toggleable", true);
        b.text(toggle.id(), "paragraph", "CV.TH.1 Hidden under the toggleable heading");
        StaticBuilder.Block toggle4 = b.rich(page, "heading_4", Rt.plain("CV.TH4 Toggleable heading four"));
        toggle4.body().put("is_toggleable", true);
        b.text(toggle4.id(), "paragraph", "CV.TH4.1 Under heading four");
    }

    private static void richText(StaticBuilder b, String page, String otherPage, String database) {
        b.rich(page, "paragraph", Rt.of(Rt.text("CV.RT1 annotations: "), Rt.styled("bold", "bold"), Rt.text(" "),
                Rt.styled("italic", "italic"), Rt.text(" "), Rt.styled("strike", "strikethrough"), Rt.text(" "),
                Rt.styled("underline", "underline"), Rt.text(" "), Rt.styled("code", "code"), Rt.text(" "),
                Rt.styled("red", "color:red"), Rt.text(" "), Rt.styled("blue background", "color:blue_background"),
                Rt.text(" "), Rt.styled("all at once", "bold", "italic", "strikethrough", "underline", "code"),
                Rt.text(" "), Rt.link("a link", "https://example.com/link"), Rt.text(" and "),
                Rt.equation("e^{i\\pi} + 1 = 0")));
        String guest = b.users.guestId();
        b.rich(page, "paragraph", Rt.of(Rt.text("CV.RT2 mentions: "), Rt.mentionUser(b.person(0), b.users.personName(0)),
                Rt.text(" "), Rt.mentionUser(guest, b.users.name(guest)), Rt.text(" "),
                Rt.mentionPage(otherPage, "Coverage: media and embeds"), Rt.text(" "),
                Rt.mentionDatabase(database, "Coverage: every property type"), Rt.text(" "),
                Rt.mentionDate("2024-05-01", "2024-05-03"), Rt.text(" "),
                Rt.mentionLinkPreview("https://github.com/example/repo/pull/1"), Rt.text(" "),
                Rt.mentionLink("https://example.com/article", "An article"), Rt.text(" "),
                Rt.templateMention("today"), Rt.text(" "), Rt.templateMention("me"), Rt.text(" "),
                Rt.customEmoji("ce-1", "partyparrot", "https://example.com/emoji/partyparrot.gif")));
    }

    private static void lists(StaticBuilder b, String page) {
        String bullet = b.text(page, "bulleted_list_item", "CV.BL1 First bullet");
        String sub = b.text(bullet, "bulleted_list_item", "CV.BL1.1 Sub bullet");
        b.text(sub, "bulleted_list_item", "CV.BL1.1.1 Sub-sub bullet");
        b.text(bullet, "bulleted_list_item", "CV.BL1.2 Second sub bullet");
        b.text(page, "bulleted_list_item", "CV.BL2 Second bullet");
        StaticBuilder.Block numbered = b.rich(page, "numbered_list_item", Rt.plain("CV.NL1 Starts at three"));
        numbered.body().put("list_start_index", 3).put("list_format", "numbers");
        StaticBuilder.Block letter = b.rich(numbered.id(), "numbered_list_item", Rt.plain("CV.NL1.1 Lettered"));
        letter.body().put("list_format", "letters");
        b.text(page, "numbered_list_item", "CV.NL2 Four");
        b.rich(page, "to_do", Rt.plain("CV.TD1 Checked item")).body().put("checked", true);
        b.rich(page, "to_do", Rt.plain("CV.TD2 Unchecked item")).body().put("checked", false);
        String toggle = b.text(page, "toggle", "CV.TG Toggle");
        b.text(toggle, "paragraph", "CV.TG.1 Inside the toggle");
        b.text(page, "quote", "CV.QT A quote");
        StaticBuilder.Block callout = b.rich(page, "callout", Rt.plain("CV.CO Callout with emoji"));
        callout.body().set("icon", Json.emoji("⚠️"));
        callout.body().put("color", "yellow_background");
        b.text(callout.id(), "paragraph", "CV.CO.1 Inside the callout");
        code(b, page, "java", "// CV.CD1\npublic class Hello {\n    public static void main(String[] a) {}\n}\n");
        code(b, page, "mermaid", "%% CV.CD2\ngraph LR\n  A --> B\n");
        b.block(page, "equation").body().put("expression", "\\int_0^1 x^2 dx = \\frac{1}{3}");
    }

    private static void code(StaticBuilder b, String page, String language, String code) {
        StaticBuilder.Block block = b.block(page, "code");
        block.body().set("caption", Rt.plain("CV code caption " + language));
        block.body().set("rich_text", Rt.plain(code));
        block.body().put("language", language);
    }

    private static void structure(StaticBuilder b, String page) {
        b.block(page, "divider");
        b.block(page, "breadcrumb");
        b.block(page, "table_of_contents").body().put("color", "default");
        String columns = b.block(page, "column_list").id();
        for (int c = 1; c <= 2; c++) {
            StaticBuilder.Block column = b.block(columns, "column");
            column.body().put("width_ratio", 0.5);
            b.text(column.id(), "paragraph", "CV.COL" + c + " Column " + c);
        }
        String tab = b.block(page, "tab").id();
        for (int t = 1; t <= 2; t++) {
            StaticBuilder.Block item = b.rich(tab, "paragraph", Rt.plain("CV.TAB" + t + " Tab " + t));
            item.body().set("icon", Json.emoji(t == 1 ? "📌" : "📎"));
            b.text(item.id(), "paragraph", "CV.TAB" + t + ".1 Tab content " + t);
        }
        StaticBuilder.Block table = b.block(page, "table");
        table.body().put("table_width", 3).put("has_column_header", true).put("has_row_header", true);
        String[][] cells = {{"Name", "Role", "Team"}, {"CV.T1 Ada", "Engineer", "Core"},
            {"CV.T2 Grace", "Admiral", "Navy | Ops"}};
        for (String[] row : cells) {
            ArrayNode array = b.block(table.id(), "table_row").body().putArray("cells");
            for (String cell : row) {
                array.add(Rt.plain(cell));
            }
        }
        StaticBuilder.Block template = b.rich(page, "template", Rt.plain("CV.TP Add a task"));
        b.rich(template.id(), "to_do", Rt.plain("CV.TP.1 New task")).body().put("checked", false);
    }

    private static String references(StaticBuilder b, String page, String otherPage, String database) {
        b.block(page, "link_to_page").body().put("type", "page_id").put("page_id", otherPage);
        b.block(page, "link_to_page").body().put("type", "database_id").put("database_id", database);
        StaticBuilder.Block original = b.block(page, "synced_block");
        original.body().putNull("synced_from");
        b.text(original.id(), "paragraph", "CV.SY1 Synced content, first");
        b.text(original.id(), "bulleted_list_item", "CV.SY2 Synced content, second");
        return original.id();
    }

    private static void media(StaticBuilder b, String page, String syncedOriginal) {
        b.media(page, "image", b.hosted("coverage-image.png", "shared-0"), "CV.IM Hosted image");
        b.media(page, "image", Json.external("https://example.com/images/external.png"), "CV.IMX External image");
        b.media(page, "video", Json.external("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), "CV.VD Video");
        b.media(page, "audio", b.hosted("coverage-audio.mp3", null), "CV.AU Audio");
        b.media(page, "pdf", b.hosted("coverage-document.pdf", null), "CV.PD Pdf");
        b.media(page, "file", b.hosted("coverage-notes.txt", null), "CV.FL File");
        StaticBuilder.Block bookmark = b.block(page, "bookmark");
        bookmark.body().set("caption", Rt.plain("CV.BM Bookmark"));
        bookmark.body().put("url", "https://example.com/bookmark");
        StaticBuilder.Block embed = b.block(page, "embed");
        embed.body().set("caption", Rt.plain("CV.EM Embed"));
        embed.body().put("url", "https://example.com/embed");
        b.block(page, "link_preview").body().put("url", "https://github.com/example/repo/issues/7");
        StaticBuilder.Block copy = b.block(page, "synced_block");
        copy.body().putObject("synced_from").put("type", "block_id").put("block_id", syncedOriginal);
        ObjectNode raw = b.raw(copy.id());
        raw.put("has_children", true);
        raw.put("$children404", true);
        b.raw(page).set("cover", b.hosted("coverage-cover.png", null));
        b.raw(page).set("icon", b.hosted("coverage-icon.png", null));
    }

    /** The block that holds one part of meeting notes: an empty paragraph whose children are the part's content. */
    private static String meetingPart(StaticBuilder b, String meeting) {
        return b.rich(meeting, "paragraph", Json.arr()).id();
    }

    private static void special(StaticBuilder b, String page) {
        StaticBuilder.Block meeting = b.block(page, "meeting_notes");
        meeting.body().set("title", Rt.plain("CV.MN Weekly sync"));
        meeting.body().put("status", "notes_ready");
        // like Notion: each part is a block of its own under the meeting notes, and its content is that block's
        // children, read with GET /v1/blocks/{part id}/children
        String summary = meetingPart(b, meeting.id());
        b.text(summary, "paragraph", "CV.MN.1 Summary: ship the exporter");
        String notes = meetingPart(b, meeting.id());
        b.text(notes, "bulleted_list_item", "CV.MN.2 Notes: coverage is complete");
        b.text(notes, "bulleted_list_item", "CV.MN.3 Notes: meeting notes are exported");
        String transcript = meetingPart(b, meeting.id());
        b.text(transcript, "paragraph", "CV.MN.4 Transcript: Ada: shall we ship it?");
        b.text(transcript, "paragraph", "CV.MN.5 Transcript: Grace: yes, on Friday.");
        meeting.body().putObject("children").put("summary_block_id", summary).put("notes_block_id", notes)
                .put("transcript_block_id", transcript);
        meeting.body().putNull("calendar_event");
        meeting.body().putNull("recording");
        b.block(page, "unsupported").body().put("block_type", "form");
        b.comment(b.text(page, "paragraph", "CV.IC Paragraph with an inline comment"), b.users.guestId(),
                "CV inline comment from a guest", null, null);
    }
}
