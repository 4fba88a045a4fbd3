package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Generated database containers, data-source objects and their schemas. */
final class GeneratedSchemas {

    static final String NOTES = "nT%3Ds";
    static final String ESTIMATE = "est%5B";
    static final String STAGE = "stg1";
    static final String TAGS = "tg%7Ck";
    static final String STATUS = "st%3A%3A";
    static final String DUE = "due~";
    static final String OWNER = "own%40";
    static final String WATCHERS = "wat%24";
    static final String ATTACHMENTS = "att%2B";
    static final String DONE = "dn%21";
    static final String LINK = "lnk";
    static final String EMAIL = "eml";
    static final String PHONE = "phn";
    static final String SCORE = "sc%25";
    static final String RELATED = "rel%3B";
    static final String RELATED_COUNT = "rc%3F";
    static final String CREATED = "crt";
    static final String CREATED_BY = "crb";
    static final String EDITED = "edt";
    static final String EDITED_BY = "edb";
    static final String UNIQUE = "uid";
    static final String[] STAGES = {"Backlog", "Active", "Done"};
    static final String[] TAG_NAMES = {"alpha", "beta", "urgent", "later", "docs"};
    static final String[] STATUSES = {"Not started", "In progress", "Done"};
    private static final String[] COLORS = {"gray", "blue", "green", "red", "yellow"};

    private GeneratedSchemas() {
    }

    static ObjectNode database(GeneratedDatabases g, int d) {
        String id = g.databaseId(d);
        ObjectNode db = Json.obj().put("object", "database").put("id", id)
                .put("created_time", Json.iso(Json.BASE_MINUTE + 30 + d))
                .put("last_edited_time", Json.iso(Json.BASE_MINUTE + 90_000 + d));
        db.set("title", Rt.plain(g.title(d)));
        db.set("description", Rt.plain("Generated database " + (d + 1)));
        db.set("icon", Json.emoji("🗃️"));
        db.putNull("cover");
        db.set("parent", parent(g, d));
        db.put("is_inline", d % 2 == 0).put("in_trash", false).put("is_locked", false);
        db.put("url", Json.notionUrl(g.title(d), id));
        db.putNull("public_url");
        ArrayNode sources = db.putArray("data_sources");
        for (int s = 0; s < g.dataSourceCount(d); s++) {
            sources.addObject().put("id", g.dataSourceId(d, s)).put("name", g.dataSourceName(d, s));
        }
        return db;
    }

    static ObjectNode linkedDatabase(GeneratedDatabases g) {
        String id = g.linkedId();
        String title = "Linked view of " + (g.count() > 0 ? g.title(0) : "a shared database");
        ObjectNode db = Json.obj().put("object", "database").put("id", id)
                .put("created_time", Json.iso(Json.BASE_MINUTE + 61)).put("last_edited_time", Json.iso(Json.BASE_MINUTE + 61));
        db.set("title", Rt.plain(title));
        db.set("parent", Json.pageParent(g.pages().pageId(0)));
        db.putObject("$linked").put("status", 400).put("code", "validation_error").put("message",
                "Database with ID " + id + " is a linked database. Database retrievals do not support linked databases.");
        return db;
    }

    static ObjectNode dataSource(GeneratedDatabases g, int d, int s) {
        String id = g.dataSourceId(d, s);
        Users users = g.users();
        ObjectNode ds = Json.obj().put("object", "data_source").put("id", id)
                .put("created_time", Json.iso(Json.BASE_MINUTE + 30 + d))
                .put("last_edited_time", Json.iso(Json.BASE_MINUTE + 90_000 + d));
        ds.set("created_by", Json.userRef(users.personId(0)));
        ds.set("last_edited_by", Json.userRef(users.personId(0)));
        ds.set("title", Rt.plain(g.dataSourceName(d, s)));
        ds.set("description", Json.arr());
        ds.set("icon", Json.emoji("🗃️"));
        ds.putNull("cover");
        ds.set("parent", Json.databaseParent(g.databaseId(d)));
        ds.set("database_parent", parent(g, d));
        ds.put("is_inline", d % 2 == 0).put("in_trash", false);
        ds.put("url", Json.notionUrl(g.dataSourceName(d, s), id));
        ds.putNull("public_url");
        int target = (d + 1) % g.count();
        ds.set("properties", schema(s == 0, g.databaseId(target), g.dataSourceId(target, 0)));
        return ds;
    }

    private static ObjectNode parent(GeneratedDatabases g, int d) {
        int page = g.parentPage(d);
        return page < 0 ? Json.workspaceParent() : Json.pageParent(g.pages().pageId(page));
    }

    static ObjectNode schema(boolean full, String relatedDatabase, String relatedDataSource) {
        ObjectNode p = Json.obj();
        prop(p, "Name", "title", "title");
        prop(p, "Notes", NOTES, "rich_text");
        if (full) {
            prop(p, "Estimate", ESTIMATE, "number").put("format", "number");
            options(prop(p, "Stage", STAGE, "select"), STAGES);
            options(prop(p, "Tags", TAGS, "multi_select"), TAG_NAMES);
            ObjectNode status = prop(p, "Status", STATUS, "status");
            options(status, STATUSES);
            ArrayNode groups = status.putArray("groups");
            String[] groupNames = {"To-do", "In progress", "Complete"};
            for (int i = 0; i < 3; i++) {
                groups.addObject().put("id", "grp" + i).put("name", groupNames[i]).put("color", COLORS[i])
                        .putArray("option_ids").add("opt-" + STATUSES[i].toLowerCase(Locale.ROOT).replace(' ', '-'));
            }
            prop(p, "Due", DUE, "date");
            prop(p, "Owner", OWNER, "people");
            prop(p, "Watchers", WATCHERS, "people");
            prop(p, "Attachments", ATTACHMENTS, "files");
        }
        prop(p, "Done", DONE, "checkbox");
        if (full) {
            prop(p, "Link", LINK, "url");
            prop(p, "Email", EMAIL, "email");
            prop(p, "Phone", PHONE, "phone_number");
            prop(p, "Score", SCORE, "formula").put("expression", "prop(\"Estimate\") * 2");
            prop(p, "Related", RELATED, "relation").put("database_id", relatedDatabase)
                    .put("data_source_id", relatedDataSource).put("type", "single_property").putObject("single_property");
            prop(p, "Related count", RELATED_COUNT, "rollup").put("relation_property_name", "Related")
                    .put("relation_property_id", RELATED).put("rollup_property_name", "Name")
                    .put("rollup_property_id", "title").put("function", "count");
            prop(p, "Created by", CREATED_BY, "created_by");
            prop(p, "Edited by", EDITED_BY, "last_edited_by");
        }
        prop(p, "Created", CREATED, "created_time");
        prop(p, "Edited", EDITED, "last_edited_time");
        prop(p, "ID", UNIQUE, "unique_id").put("prefix", "ROW");
        return p;
    }

    /** Adds a schema entry and returns its type configuration object. */
    static ObjectNode prop(ObjectNode schema, String name, String id, String type) {
        ObjectNode entry = schema.putObject(name).put("id", id).put("name", name).put("description", "")
                .put("type", type);
        return entry.putObject(type);
    }

    static void options(ObjectNode config, String[] names) {
        ArrayNode options = config.putArray("options");
        for (int i = 0; i < names.length; i++) {
            options.add(option(names[i], i));
        }
    }

    static ObjectNode option(String name, int i) {
        return Json.obj().put("id", "opt-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'))
                .put("name", name).put("color", COLORS[i % COLORS.length]);
    }
}
