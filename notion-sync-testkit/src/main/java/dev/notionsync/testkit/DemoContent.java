package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bundled demo workspace: a readable team handbook, an engineering space and two related databases. */
final class DemoContent {

    private static final String[] PROJECTS = {"Website relaunch", "Mobile app beta", "Billing migration",
        "Search revamp", "Design system", "Data warehouse", "Onboarding flow", "API v2", "Security audit",
        "Docs overhaul", "Performance sprint", "Offline mode"};
    private static final String[] ROLES = {"Engineer", "Designer", "Product", "Engineer", "Support", "Manager"};

    private DemoContent() {
    }

    static void build(StaticBuilder b) {
        handbook(b);
        String engineering = b.page(null, "Engineering", "🛠️", true);
        b.text(engineering, "paragraph", "How the engineering team builds, ships and runs things.");
        architecture(b, engineering);
        String guidelines = b.page(engineering, "Coding guidelines", "📐", true);
        b.text(guidelines, "bulleted_list_item", "Small pull requests, reviewed within a day");
        String tests = b.text(guidelines, "bulleted_list_item", "Every change comes with tests");
        b.text(tests, "bulleted_list_item", "Unit tests next to the code, end-to-end tests against the fake server");
        String style = b.text(guidelines, "toggle", "Style rules");
        b.text(style, "paragraph", "No wildcard imports; Javadoc on public types; comments explain why.");
        runbook(b, engineering);
        String releases = b.page(engineering, "Release notes", "📦", true);
        b.text(releases, "paragraph", "Every release, newest first.");
        String v1 = b.page(releases, "Version 1.0", "🎉", false);
        b.text(v1, "heading_2", "What's new in 1.0");
        b.text(v1, "bulleted_list_item", "Full workspace export");
        b.text(v1, "bulleted_list_item", "Incremental sync");
        databases(b, engineering);
    }

    private static void handbook(StaticBuilder b) {
        String handbook = b.page(null, "Team Handbook", "📘", true);
        b.raw(handbook).set("cover", b.hosted("handbook-cover.png", null));
        b.text(handbook, "paragraph", "Everything you need to know about working here.");
        String welcome = b.page(handbook, "Welcome", "👋", true);
        b.text(welcome, "heading_1", "Welcome to Acme");
        b.text(welcome, "paragraph", "We are glad you are here. Start with the onboarding checklist.");
        StaticBuilder.Block tip = b.rich(welcome, "callout", Rt.plain("Ask questions early and often."));
        tip.body().set("icon", Json.emoji("💡"));
        String comment = b.comment(welcome, b.person(0), "Should we link the benefits page here?", null, null);
        b.comment(welcome, b.person(1), "Yes, added it to the checklist.",
                b.raw(comment).get("discussion_id").asText(), null);
        String checklist = b.page(handbook, "Onboarding checklist", "✅", true);
        String[] tasks = {"Set up your laptop", "Read the code of conduct", "Meet your buddy", "Ship a small fix"};
        for (int i = 0; i < tasks.length; i++) {
            b.rich(checklist, "to_do", Rt.plain(tasks[i])).body().put("checked", i < 2);
        }
        String benefits = b.page(handbook, "Benefits", "🎁", true);
        b.text(benefits, "heading_2", "Time off");
        b.text(benefits, "paragraph", "Everyone gets 28 days of paid leave plus public holidays.");
        b.text(benefits, "heading_2", "Learning budget");
        b.text(benefits, "paragraph", "Spend up to 1,000 EUR a year on books, courses and conferences.");
        String conduct = b.page(handbook, "Code of Conduct", "🤝", true);
        b.text(conduct, "quote", "Be kind, be curious, be accountable.");
        String list = b.text(conduct, "numbered_list_item", "Respect everyone");
        b.text(list, "numbered_list_item", "Listen before you answer");
        b.text(conduct, "numbered_list_item", "Assume good intent");
    }

    private static void architecture(StaticBuilder b, String engineering) {
        String page = b.page(engineering, "Architecture", "🏗️", true);
        b.text(page, "heading_2", "Overview");
        b.text(page, "paragraph", "The exporter streams pages from the API into writers.");
        StaticBuilder.Block diagram = b.block(page, "code");
        diagram.body().set("caption", Rt.plain("Data flow"));
        diagram.body().set("rich_text", Rt.plain("graph LR\n  API --> Client --> Writers --> Disk\n"));
        diagram.body().put("language", "mermaid");
        StaticBuilder.Block code = b.block(page, "code");
        code.body().set("caption", Json.arr());
        code.body().set("rich_text", Rt.plain("NotionClient notion = NotionClient.create(options);\n"
                + "notion.search(SearchQuery.pages()).subscribe(System.out::println);\n"));
        code.body().put("language", "java");
        StaticBuilder.Block table = b.block(page, "table");
        table.body().put("table_width", 3).put("has_column_header", true).put("has_row_header", false);
        String[][] rows = {{"Module", "Owner", "Status"}, {"core", "Ada Lovelace", "stable"},
            {"writers", "Grace Hopper", "beta"}, {"cli", "Alan Turing", "beta"}};
        for (String[] row : rows) {
            ArrayNode cells = b.block(table.id(), "table_row").body().putArray("cells");
            for (String cell : row) {
                cells.add(Rt.plain(cell));
            }
        }
    }

    private static void runbook(StaticBuilder b, String engineering) {
        String page = b.page(engineering, "On-call runbook", "🚨", true);
        StaticBuilder.Block warning = b.rich(page, "callout", Rt.plain("Page the secondary after 15 minutes."));
        warning.body().set("icon", Json.emoji("⚠️"));
        warning.body().put("color", "red_background");
        String toggle = b.text(page, "toggle", "When the export fails");
        b.text(toggle, "paragraph", "Check the rate-limit dashboard, then rerun with --resume.");
        b.media(page, "image", b.hosted("dashboard.png", "shared-0"), "The rate-limit dashboard");
        b.media(page, "file", b.hosted("runbook-checklist.txt", null), "Printable checklist");
        String step = b.text(page, "paragraph", "Escalate to the database team if queries time out.");
        b.comment(step, b.person(3), "Which channel do we use for escalation?", null, b.file("escalation.png", null));
        b.rich(page, "to_do", Rt.plain("Acknowledge the alert")).body().put("checked", false);
        b.rich(page, "to_do", Rt.plain("Post a status update")).body().put("checked", false);
    }

    private static void databases(StaticBuilder b, String engineering) {
        String peopleDb = b.database(engineering, "People", true);
        ObjectNode peopleSchema = Json.obj();
        GeneratedSchemas.prop(peopleSchema, "Name", "title", "title");
        GeneratedSchemas.options(GeneratedSchemas.prop(peopleSchema, "Role", "role", "select"),
                new String[] {"Engineer", "Designer", "Product", "Support", "Manager"});
        GeneratedSchemas.prop(peopleSchema, "Person", "prsn", "people");
        GeneratedSchemas.prop(peopleSchema, "Email", "mail", "email");
        String people = b.dataSource(peopleDb, "People", peopleSchema);
        List<String> peopleRows = new ArrayList<>();
        for (int i = 0; i < b.users.personCount(); i++) {
            String name = b.users.personName(i);
            ObjectNode p = Json.obj();
            RowValues.value(p, "Name", "title", "title").set("title", Rt.plain(name));
            RowValues.value(p, "Role", "role", "select").set("select", GeneratedSchemas.option(ROLES[i], i));
            RowValues.value(p, "Person", "prsn", "people").putArray("people").add(Json.userRef(b.person(i)));
            RowValues.value(p, "Email", "mail", "email").put("email", name.toLowerCase(Locale.ROOT)
                    .replace(' ', '.') + "@example.com");
            peopleRows.add(b.row(people, name, p));
        }
        String projectsDb = b.database(engineering, "Projects", false);
        ObjectNode schema = Json.obj();
        GeneratedSchemas.prop(schema, "Name", "title", "title");
        GeneratedSchemas.options(GeneratedSchemas.prop(schema, "Status", "stat", "status"), GeneratedSchemas.STATUSES);
        GeneratedSchemas.options(GeneratedSchemas.prop(schema, "Priority", "prio", "select"), new String[] {"P0", "P1", "P2"});
        GeneratedSchemas.prop(schema, "Owner", "ownr", "people");
        GeneratedSchemas.prop(schema, "Due", "due", "date");
        GeneratedSchemas.prop(schema, "Progress", "prog", "number").put("format", "percent");
        GeneratedSchemas.prop(schema, "Team", "team", "relation").put("database_id", peopleDb)
                .put("data_source_id", people).put("type", "single_property").putObject("single_property");
        GeneratedSchemas.prop(schema, "Spec", "spec", "files");
        GeneratedSchemas.prop(schema, "Shipped", "done", "checkbox");
        String projects = b.dataSource(projectsDb, "Projects", schema);
        for (int i = 0; i < PROJECTS.length; i++) {
            ObjectNode p = Json.obj();
            RowValues.value(p, "Name", "title", "title").set("title", Rt.plain(PROJECTS[i]));
            RowValues.value(p, "Status", "stat", "status").set("status",
                    GeneratedSchemas.option(GeneratedSchemas.STATUSES[i % 3], i % 3));
            RowValues.value(p, "Priority", "prio", "select").set("select", GeneratedSchemas.option("P" + i % 3, i % 3));
            RowValues.value(p, "Owner", "ownr", "people").putArray("people").add(Json.userRef(b.person(i)));
            RowValues.value(p, "Due", "due", "date").putObject("date").put("start", String.format("2024-%02d-15", i + 1))
                    .putNull("end").putNull("time_zone");
            RowValues.value(p, "Progress", "prog", "number").put("number", (i * 9 % 10) / 10.0);
            ArrayNode team = RowValues.value(p, "Team", "team", "relation").putArray("relation");
            for (int m = 0; m < 1 + i % 3; m++) {
                team.addObject().put("id", peopleRows.get((i + m) % peopleRows.size()));
            }
            ArrayNode spec = RowValues.value(p, "Spec", "spec", "files").putArray("files");
            if (i % 4 == 0) {
                spec.addObject().put("name", "spec-" + (i + 1) + ".pdf").put("type", "file")
                        .set("file", b.file("spec-" + (i + 1) + ".pdf", null));
            }
            RowValues.value(p, "Shipped", "done", "checkbox").put("checkbox", i % 3 == 2);
            String row = b.row(projects, PROJECTS[i], p);
            b.text(row, "paragraph", "Goal: " + PROJECTS[i].toLowerCase(Locale.ROOT) + " by the end of the quarter.");
        }
        views(b, projectsDb, projects);
        ObjectNode open = Json.obj().put("property", "Shipped");
        open.putObject("checkbox").put("equals", false);
        b.linkedView(engineering, "Open projects", projects, "Open projects", "table", open, false);
        b.linkedView(engineering, "Roadmap (linked)", projects, "Roadmap", "timeline", null, true);
    }

    /** The tabs of Projects: each layout the exporter renders, with filters, sorts and chosen columns. */
    private static void views(StaticBuilder b, String database, String source) {
        ObjectNode table = Json.obj();
        ArrayNode columns = table.putArray("properties");
        for (String id : new String[] {"title", "stat", "due", "prio"}) {
            columns.addObject().put("property_id", id).put("visible", true);
        }
        columns.addObject().put("property_id", "prog").put("visible", false);
        b.view(database, source, "By due date", "table", null,
                Json.arr().add(Json.obj().put("property", "Due").put("direction", "descending")), table);
        ObjectNode board = Json.obj();
        board.putObject("group_by").put("type", "status").put("property_id", "stat").put("group_by", "option");
        board.putArray("properties").addObject().put("property_id", "title").put("visible", true);
        b.view(database, source, "Board", "board", null, null, board);
        b.view(database, source, "Calendar", "calendar", null, null, Json.obj().put("date_property_id", "due"));
        ObjectNode shipped = Json.obj().put("property", "Shipped");
        shipped.putObject("checkbox").put("equals", true);
        b.view(database, source, "Shipped", "gallery", shipped, null, null);
        ObjectNode urgent = Json.obj().put("property", "Priority");
        urgent.putObject("select").put("equals", "P0");
        b.view(database, source, "P0", "list", urgent,
                Json.arr().add(Json.obj().put("property", "Name").put("direction", "ascending")), null);
    }
}
