package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The coverage database: one data source with every property type of notion-api.md §6.3, and four rows. */
final class CoverageDatabase {

    private static final int ROWS = 4;

    private CoverageDatabase() {
    }

    static String build(StaticBuilder b, String parentPage) {
        String db = b.database(parentPage, "Coverage: every property type", false);
        String ds = b.dataSource(db, "Coverage: every property type", Json.obj());
        ObjectNode schema = (ObjectNode) b.raw(ds).get("properties");
        GeneratedSchemas.prop(schema, "Name", "title", "title");
        GeneratedSchemas.prop(schema, "Notes", "nts", "rich_text");
        GeneratedSchemas.prop(schema, "Amount", "amt", "number").put("format", "dollar");
        GeneratedSchemas.options(GeneratedSchemas.prop(schema, "Kind", "knd", "select"), new String[] {"Red", "Green"});
        GeneratedSchemas.options(GeneratedSchemas.prop(schema, "Labels", "lbl", "multi_select"), new String[] {"x", "y", "z"});
        GeneratedSchemas.options(GeneratedSchemas.prop(schema, "State", "sta", "status"), GeneratedSchemas.STATUSES);
        GeneratedSchemas.prop(schema, "When", "whn", "date");
        GeneratedSchemas.prop(schema, "People", "ppl", "people");
        GeneratedSchemas.prop(schema, "Files", "fls", "files");
        GeneratedSchemas.prop(schema, "Check", "chk", "checkbox");
        GeneratedSchemas.prop(schema, "Website", "web", "url");
        GeneratedSchemas.prop(schema, "Mail", "mai", "email");
        GeneratedSchemas.prop(schema, "Telephone", "tel", "phone_number");
        GeneratedSchemas.prop(schema, "Formula text", "fs", "formula").put("expression", "prop(\"Name\")");
        GeneratedSchemas.prop(schema, "Formula number", "fn", "formula").put("expression", "prop(\"Amount\") + 1");
        GeneratedSchemas.prop(schema, "Formula bool", "fb", "formula").put("expression", "prop(\"Check\")");
        GeneratedSchemas.prop(schema, "Formula date", "fd", "formula").put("expression", "prop(\"When\")");
        ObjectNode relation = GeneratedSchemas.prop(schema, "Related", "rel", "relation").put("database_id", db)
                .put("data_source_id", ds).put("type", "dual_property");
        relation.putObject("dual_property").put("synced_property_name", "Related").put("synced_property_id", "rel");
        rollup(schema, "Rollup count", "rnum", "Name", "title", "count");
        rollup(schema, "Rollup latest", "rdat", "When", "whn", "latest_date");
        rollup(schema, "Rollup names", "rarr", "Name", "title", "show_original");
        GeneratedSchemas.prop(schema, "Created", "ct", "created_time");
        GeneratedSchemas.prop(schema, "Creator", "cb", "created_by");
        GeneratedSchemas.prop(schema, "Edited", "et", "last_edited_time");
        GeneratedSchemas.prop(schema, "Editor", "eb", "last_edited_by");
        GeneratedSchemas.prop(schema, "Key", "uid", "unique_id").put("prefix", "COV");
        GeneratedSchemas.prop(schema, "Verification", "ver", "verification");
        GeneratedSchemas.prop(schema, "Place", "plc", "place");
        GeneratedSchemas.prop(schema, "Button", "btn", "button");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(b.row(ds, "CV row " + i, Json.obj()));
        }
        for (int i = 0; i < ROWS; i++) {
            fill(b, rows, i);
            b.text(rows.get(i), "paragraph", "CV.ROW" + i + " Body of coverage row " + i);
        }
        b.comment(rows.get(0), b.person(2), "CV row comment on row 0", null, null);
        return db;
    }

    private static void rollup(ObjectNode schema, String name, String id, String property, String propertyId,
            String function) {
        GeneratedSchemas.prop(schema, name, id, "rollup").put("relation_property_name", "Related")
                .put("relation_property_id", "rel").put("rollup_property_name", property)
                .put("rollup_property_id", propertyId).put("function", function);
    }

    private static void fill(StaticBuilder b, List<String> rows, int i) {
        ObjectNode row = b.raw(rows.get(i));
        ObjectNode p = (ObjectNode) row.get("properties");
        Users users = b.users;
        String name = "CV row " + i;
        RowValues.value(p, "Name", "title", "title").set("title", Rt.of(Rt.text(name + " "), Rt.styled("bold", "bold")));
        ArrayNode notes = RowValues.value(p, "Notes", "nts", "rich_text").putArray("rich_text");
        notes.add(Rt.text("CV.N" + i + " "));
        // Row 1 mentions 30 people and pages, past the 25-reference limit of page objects.
        for (int m = 0; i == 1 && m < 30; m++) {
            int person = m % users.personCount();
            notes.add(m % 2 == 0 ? Rt.mentionUser(users.personId(person), users.personName(person))
                    : Rt.mentionPage(rows.get(m % ROWS), "CV row " + m % ROWS));
            notes.add(Rt.text(" "));
        }
        RowValues.value(p, "Amount", "amt", "number").put("number", i == 3 ? null : 10.5 * (i + 1));
        RowValues.value(p, "Kind", "knd", "select").set("select",
                i == 2 ? null : GeneratedSchemas.option(i % 2 == 0 ? "Red" : "Green", i % 2));
        ArrayNode labels = RowValues.value(p, "Labels", "lbl", "multi_select").putArray("multi_select");
        for (int l = 0; l < i; l++) {
            labels.add(GeneratedSchemas.option(new String[] {"x", "y", "z"}[l], l));
        }
        RowValues.value(p, "State", "sta", "status").set("status",
                GeneratedSchemas.option(GeneratedSchemas.STATUSES[i % 3], i % 3));
        ObjectNode when = RowValues.value(p, "When", "whn", "date").putObject("date");
        when.put("start", i == 0 ? "2024-06-01T09:30:00.000+02:00" : "2024-06-0" + (i + 1));
        when.put("end", i == 1 ? "2024-06-05" : null);
        when.put("time_zone", i == 0 ? "Europe/Berlin" : null);
        ArrayNode people = RowValues.value(p, "People", "ppl", "people").putArray("people");
        people.add(Json.userRef(users.personId(i % users.personCount())));
        people.add(Json.userRef(users.guestId()));
        people.addObject().put("object", "group").put("id", "00000000-0000-4000-8000-00000000000" + i)
                .put("name", "Group " + i);
        ArrayNode files = RowValues.value(p, "Files", "fls", "files").putArray("files");
        files.addObject().put("name", "cv-row-" + i + ".pdf").put("type", "file")
                .set("file", b.file("cv-row-" + i + ".pdf", null));
        files.addObject().put("name", "external-" + i + ".png").put("type", "external").putObject("external")
                .put("url", "https://example.com/external-" + i + ".png");
        RowValues.value(p, "Check", "chk", "checkbox").put("checkbox", i % 2 == 0);
        RowValues.value(p, "Website", "web", "url").put("url", i == 3 ? null : "https://example.com/cv/" + i);
        RowValues.value(p, "Mail", "mai", "email").put("email", "cv" + i + "@example.com");
        RowValues.value(p, "Telephone", "tel", "phone_number").put("phone_number", "+44 20 7946 000" + i);
        RowValues.value(p, "Formula text", "fs", "formula").putObject("formula").put("type", "string").put("string", name);
        RowValues.value(p, "Formula number", "fn", "formula").putObject("formula").put("type", "number")
                .put("number", 10.5 * (i + 1) + 1);
        RowValues.value(p, "Formula bool", "fb", "formula").putObject("formula").put("type", "boolean")
                .put("boolean", i % 2 == 0);
        ObjectNode fd = RowValues.value(p, "Formula date", "fd", "formula").putObject("formula").put("type", "date");
        fd.putObject("date").put("start", "2024-06-0" + (i + 1)).putNull("end");
        ArrayNode related = RowValues.value(p, "Related", "rel", "relation").putArray("relation");
        for (int r = 0; r < ROWS; r++) {
            if (r != i) {
                related.addObject().put("id", rows.get(r));
            }
        }
        RowValues.value(p, "Rollup count", "rnum", "rollup").putObject("rollup").put("type", "number").put("number", ROWS - 1)
                .put("function", "count");
        ObjectNode latest = RowValues.value(p, "Rollup latest", "rdat", "rollup").putObject("rollup").put("type", "date");
        latest.putObject("date").put("start", "2024-06-0" + (i == 3 ? 3 : 4)).putNull("end").putNull("time_zone");
        latest.put("function", "latest_date");
        ObjectNode names = RowValues.value(p, "Rollup names", "rarr", "rollup").putObject("rollup").put("type", "array");
        ArrayNode array = names.putArray("array");
        for (int r = 0; r < ROWS; r++) {
            if (r != i) {
                array.addObject().put("type", "title").set("title", Rt.plain("CV row " + r));
            }
        }
        names.put("function", "show_original");
        String created = row.get("created_time").asText();
        RowValues.value(p, "Created", "ct", "created_time").put("created_time", created);
        RowValues.value(p, "Creator", "cb", "created_by").set("created_by", row.get("created_by").deepCopy());
        RowValues.value(p, "Edited", "et", "last_edited_time").put("last_edited_time", row.get("last_edited_time").asText());
        RowValues.value(p, "Editor", "eb", "last_edited_by").set("last_edited_by", row.get("last_edited_by").deepCopy());
        RowValues.value(p, "Key", "uid", "unique_id").putObject("unique_id").put("prefix", "COV").put("number", i + 1);
        ObjectNode verification = RowValues.value(p, "Verification", "ver", "verification").putObject("verification");
        verification.put("state", i == 0 ? "verified" : i == 1 ? "expired" : "unverified");
        if (i <= 1) {
            verification.putObject("date").put("start", "2024-07-01").putNull("end").putNull("time_zone");
            verification.set("verified_by", Json.userRef(users.personId(0)));
        } else {
            verification.putNull("date");
            verification.putNull("verified_by");
        }
        ObjectNode place = RowValues.value(p, "Place", "plc", "place");
        if (i == 3) {
            place.putNull("place");
        } else {
            place.putObject("place").put("lat", 51.5007 + i).put("lon", -0.1246 - i).put("name", "Place " + i)
                    .put("address", i + " Example Street, London").putNull("aws_place_id").put("google_place_id", "gp-" + i);
        }
        RowValues.value(p, "Button", "btn", "button").putObject("button");
    }
}
