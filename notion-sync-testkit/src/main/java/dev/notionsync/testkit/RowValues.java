package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Property values and bodies of generated rows. Values are complete here; the server applies the
 * 25-reference truncation when it serves a page. Every 50th row carries the big relation and people lists.
 */
final class RowValues {

    static final Set<String> TYPES = Set.of("title", "rich_text", "number", "select", "multi_select", "status",
            "date", "people", "files", "checkbox", "url", "email", "phone_number", "formula", "relation", "rollup",
            "created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id");

    private RowValues() {
    }

    static boolean bigRow(int r) {
        return r % 50 == 0;
    }

    static String title(GeneratedDatabases g, int d, int s, int r) {
        return "Row " + d + "." + s + "." + r + " " + Words.title(Hash.of(g.spec().seed(), 0x726f7774L, d, r), 2);
    }

    static ObjectNode row(GeneratedDatabases g, int d, int s, int r) {
        String id = g.rowId(d, s, r);
        long h = Hash.of(g.spec().seed(), 0x726f7768L, d, (long) s << 32 | r);
        Users users = g.users();
        String creator = users.pick(h);
        String editor = users.pick(h >>> 8);
        long created = g.rowCreated(s, r);
        long edited = g.rowEdited(d, s, r);
        ObjectNode page = Json.obj().put("object", "page").put("id", id).put("created_time", Json.iso(created))
                .put("last_edited_time", Json.iso(edited));
        page.set("created_by", Json.userRef(creator));
        page.set("last_edited_by", Json.userRef(editor));
        page.putNull("cover");
        if (r % 4 == 0) {
            page.set("icon", Json.emoji("✅"));
        } else {
            page.putNull("icon");
        }
        page.set("parent", Json.dataSourceParent(g.dataSourceId(d, s), g.databaseId(d)));
        page.put("in_trash", false).put("is_locked", false);
        ObjectNode p = page.putObject("properties");
        String title = title(g, d, s, r);
        value(p, "Name", "title", "title").set("title", Rt.plain(title));
        value(p, "Notes", GeneratedSchemas.NOTES, "rich_text").set("rich_text", r % 10 == 3
                ? Rt.of(Rt.text("R" + d + "." + s + "." + r + " owned by "), Rt.mentionUser(users.guestId(), "Gail Guest"))
                : Rt.plain("R" + d + "." + s + "." + r + " " + Words.sentence(h, 6)));
        if (s == 0) {
            fullValues(g, p, d, r, h);
        }
        value(p, "Done", GeneratedSchemas.DONE, "checkbox").put("checkbox", (h & 4) != 0);
        if (s == 0) {
            value(p, "Created by", GeneratedSchemas.CREATED_BY, "created_by").set("created_by", Json.userRef(creator));
            value(p, "Edited by", GeneratedSchemas.EDITED_BY, "last_edited_by")
                    .set("last_edited_by", Json.userRef(editor));
        }
        value(p, "Created", GeneratedSchemas.CREATED, "created_time").put("created_time", Json.iso(created));
        value(p, "Edited", GeneratedSchemas.EDITED, "last_edited_time").put("last_edited_time", Json.iso(edited));
        value(p, "ID", GeneratedSchemas.UNIQUE, "unique_id").putObject("unique_id").put("prefix", "ROW")
                .put("number", r + 1);
        page.put("url", Json.notionUrl(title, id));
        page.putNull("public_url");
        return page;
    }

    private static void fullValues(GeneratedDatabases g, ObjectNode p, int d, int r, long h) {
        Users users = g.users();
        int rows = g.rowsPer();
        boolean big = bigRow(r);
        Integer estimate = r % 13 == 0 ? null : Hash.below(h >>> 3, 100);
        value(p, "Estimate", GeneratedSchemas.ESTIMATE, "number").put("number", estimate);
        value(p, "Stage", GeneratedSchemas.STAGE, "select").set("select",
                GeneratedSchemas.option(GeneratedSchemas.STAGES[r % 3], r % 3));
        ArrayNode tags = value(p, "Tags", GeneratedSchemas.TAGS, "multi_select").putArray("multi_select");
        for (int i = 0; i < r % 4; i++) {
            int t = (r + i) % GeneratedSchemas.TAG_NAMES.length;
            tags.add(GeneratedSchemas.option(GeneratedSchemas.TAG_NAMES[t], t));
        }
        value(p, "Status", GeneratedSchemas.STATUS, "status").set("status",
                GeneratedSchemas.option(GeneratedSchemas.STATUSES[(r / 2) % 3], (r / 2) % 3));
        ObjectNode due = value(p, "Due", GeneratedSchemas.DUE, "date");
        if (r % 6 == 5) {
            due.putNull("date");
        } else {
            ObjectNode date = due.putObject("date");
            date.put("start", String.format("2024-%02d-%02d", 1 + r % 12, 1 + r % 28));
            if (r % 3 == 1) {
                date.put("end", String.format("2024-%02d-%02d", 1 + r % 12, 2 + r % 27));
            } else {
                date.putNull("end");
            }
            date.putNull("time_zone");
        }
        ArrayNode owner = value(p, "Owner", GeneratedSchemas.OWNER, "people").putArray("people");
        owner.add(Json.userRef(r % 7 == 3 ? users.guestId() : users.pick(h >>> 20)));
        ArrayNode watchers = value(p, "Watchers", GeneratedSchemas.WATCHERS, "people").putArray("people");
        int watcherCount = big ? Math.min(users.personCount(), Math.max(g.spec().relationSize(), 1)) : 1 + r % 2;
        for (int i = 0; i < watcherCount; i++) {
            watchers.add(Json.userRef(users.personId((r + i) % users.personCount())));
        }
        ArrayNode files = value(p, "Attachments", GeneratedSchemas.ATTACHMENTS, "files").putArray("files");
        if (GeneratedDatabases.rowHasFile(0, r)) {
            Source.FileRef file = g.rowFile(d, 0, r);
            files.addObject().put("name", file.name()).put("type", "file")
                    .set("file", Json.placeholder(file.fileId(), file.name()));
        } else if (r % 10 == 5) {
            ObjectNode external = Json.external("https://example.com/files/spec-" + r + ".pdf");
            external.put("name", "spec-" + r + ".pdf");
            files.add(external);
        }
        value(p, "Link", GeneratedSchemas.LINK, "url").put("url", r % 5 == 2 ? null : "https://example.com/rows/" + r);
        value(p, "Email", GeneratedSchemas.EMAIL, "email").put("email", "row" + r + "@example.com");
        value(p, "Phone", GeneratedSchemas.PHONE, "phone_number").put("phone_number", "+1 555 01" + (r % 100));
        ObjectNode formula = value(p, "Score", GeneratedSchemas.SCORE, "formula").putObject("formula").put("type", "number");
        formula.put("number", estimate == null ? null : estimate * 2);
        int target = (d + 1) % g.count();
        int related = Math.min(rows, big ? Math.max(g.spec().relationSize(), 0) : 1 + r % 3);
        ArrayNode relation = value(p, "Related", GeneratedSchemas.RELATED, "relation").putArray("relation");
        for (int i = 0; i < related; i++) {
            relation.addObject().put("id", g.rowId(target, 0, (r + i) % rows));
        }
        value(p, "Related count", GeneratedSchemas.RELATED_COUNT, "rollup").putObject("rollup").put("type", "number")
                .put("number", related).put("function", "count");
    }

    static ObjectNode value(ObjectNode properties, String name, String id, String type) {
        return properties.putObject(name).put("id", id).put("type", type);
    }

    static ObjectNode rowBlock(GeneratedDatabases g, int d, int s, int r, int k) {
        long h = Hash.of(g.spec().seed(), 0x72626c6bL, d, ((long) s << 32 | r) << 4 | k);
        String type = k == 0 ? "paragraph" : k == 1 ? "bulleted_list_item" : "to_do";
        ObjectNode b = Json.obj().put("object", "block").put("id", g.rowBlockId(d, s, r, k));
        b.set("parent", Json.pageParent(g.rowId(d, s, r)));
        long created = g.rowCreated(s, r);
        b.put("created_time", Json.iso(created)).put("last_edited_time", Json.iso(created));
        b.set("created_by", Json.userRef(g.users().pick(h)));
        b.set("last_edited_by", Json.userRef(g.users().pick(h)));
        b.put("has_children", false).put("in_trash", false).put("type", type);
        ObjectNode body = b.putObject(type);
        body.set("rich_text", Rt.plain("R" + d + "." + s + "." + r + ".B" + k + " " + Words.sentence(h, 5)));
        if (k == 2) {
            body.put("checked", (h & 1) == 1);
        }
        body.put("color", "default");
        return b;
    }
}
