package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A small authoring DSL for hand-written content. Ids are allocated in call order and timestamps advance one
 * minute per object, so the result is deterministic.
 */
final class StaticBuilder {

    /** A created block: its id and its type body to fill. */
    record Block(String id, ObjectNode body) {
    }

    final StaticStore store;
    final Users users;
    private final int seedHash;
    private final int kind;
    private final Map<String, String> pageOfBlock = new HashMap<>();
    private long serial;
    private long minute;
    private boolean frozen;

    StaticBuilder(StaticStore store, Users users, int seedHash, int kind, long startMinute) {
        this.store = store;
        this.users = users;
        this.seedHash = seedHash;
        this.kind = kind;
        this.minute = startMinute;
    }

    String newId() {
        return Ids.encode(seedHash, kind, serial++, 0);
    }

    private String tick() {
        return Json.iso(frozen ? minute : minute++);
    }

    /** Stamps everything created from now on with {@code epochMinute}, as edits made in one minute are. */
    StaticBuilder at(long epochMinute) {
        this.minute = epochMinute;
        this.frozen = true;
        return this;
    }

    private void stamp(ObjectNode node, String author) {
        String time = tick();
        node.put("created_time", time).put("last_edited_time", time);
        node.set("created_by", Json.userRef(author));
        node.set("last_edited_by", Json.userRef(author));
    }

    String person(int i) {
        return users.personId(i % users.personCount());
    }

    /** A page under another page, or at the workspace level when {@code parentPageId} is null. */
    String page(String parentPageId, String title, String emoji, boolean searchable) {
        String id = newId();
        ObjectNode page = Json.obj().put("object", "page").put("id", id);
        stamp(page, person((int) serial));
        page.putNull("cover");
        page.set("icon", emoji == null ? null : Json.emoji(emoji));
        page.set("parent", parentPageId == null ? Json.workspaceParent() : Json.pageParent(parentPageId));
        page.put("in_trash", false).put("is_locked", false);
        page.putObject("properties").putObject("title").put("id", "title").put("type", "title")
                .set("title", Rt.plain(title));
        page.put("url", Json.notionUrl(title, id));
        page.putNull("public_url");
        store.put(Source.Kind.PAGE, page);
        if (parentPageId != null) {
            store.addChild(parentPageId, id);
            touch(parentPageId);
        }
        if (searchable) {
            store.markSearchable(id);
        }
        return id;
    }

    ObjectNode raw(String id) {
        return store.raw(id);
    }

    /** A block of {@code type} appended to a page or block; fill the returned body. */
    Block block(String parentId, String type) {
        String id = newId();
        ObjectNode block = Json.obj().put("object", "block").put("id", id);
        boolean parentIsPage = store.kind(parentId) == Source.Kind.PAGE;
        block.set("parent", parentIsPage ? Json.pageParent(parentId) : Json.blockParent(parentId));
        stamp(block, person((int) serial));
        block.put("has_children", false).put("in_trash", false).put("type", type);
        ObjectNode body = block.putObject(type);
        store.put(Source.Kind.BLOCK, block);
        store.addChild(parentId, id);
        if (!parentIsPage) {
            store.raw(parentId).put("has_children", true);
        }
        String page = parentIsPage ? parentId : pageOfBlock.get(parentId);
        pageOfBlock.put(id, page);
        touch(page);
        return new Block(id, body);
    }

    /** A text block (paragraph, heading, list item, quote, toggle, ...) with plain text. */
    String text(String parentId, String type, String text) {
        return rich(parentId, type, Rt.plain(text)).id();
    }

    Block rich(String parentId, String type, ArrayNode richText) {
        Block b = block(parentId, type);
        b.body().set("rich_text", richText);
        b.body().put("color", "default");
        return b;
    }

    private void touch(String pageId) {
        if (pageId != null && store.raw(pageId) != null) {
            store.raw(pageId).put("last_edited_time", Json.iso(frozen ? minute : minute - 1));
        }
    }

    /** A database under a page (adding its child_database block) or at the workspace level. */
    String database(String parentPageId, String title, boolean inline) {
        String id = newId();
        ObjectNode db = Json.obj().put("object", "database").put("id", id);
        String time = tick();
        db.put("created_time", time).put("last_edited_time", time);
        db.set("title", Rt.plain(title));
        db.set("description", Rt.plain("About " + title));
        db.set("icon", Json.emoji("🗃️"));
        db.putNull("cover");
        db.set("parent", parentPageId == null ? Json.workspaceParent() : Json.pageParent(parentPageId));
        db.put("is_inline", inline).put("in_trash", false).put("is_locked", false);
        db.put("url", Json.notionUrl(title, id));
        db.putNull("public_url");
        db.putArray("data_sources");
        store.put(Source.Kind.DATABASE, db);
        if (parentPageId != null) {
            store.addChild(parentPageId, id);
            touch(parentPageId);
        }
        return id;
    }

    /** A child_database block that is a linked view: retrieving it as a database fails with this status. */
    String linkedDatabase(String parentPageId, String title, int status, String code, String message) {
        String id = database(parentPageId, title, true);
        store.raw(id).putObject("$linked").put("status", status).put("code", code)
                .put("message", message.replace("{id}", id));
        return id;
    }

    /**
     * A view (tab) of a database showing a data source: {@code configuration} is keyed on the type, as Notion's;
     * {@code filter} and {@code sorts} may be null. Returns the view id.
     */
    String view(String databaseId, String dataSourceId, String name, String type, ObjectNode filter, ArrayNode sorts,
            ObjectNode configuration) {
        String id = newId();
        ObjectNode view = ViewRoutes.views(store.raw(databaseId)).addObject().put("object", "view").put("id", id);
        view.set("parent", Json.databaseParent(databaseId));
        view.put("name", name).put("type", type);
        stamp(view, person(0));
        view.put("url", Json.notionUrl(name, id));
        view.put("data_source_id", dataSourceId);
        view.set("filter", filter == null ? Json.obj().nullNode() : filter);
        view.set("sorts", sorts == null ? Json.arr() : sorts);
        view.putNull("quick_filters");
        ObjectNode config = configuration == null ? Json.obj() : configuration;
        config.put("type", type);
        view.set("configuration", config);
        return id;
    }

    /**
     * A linked view: a child_database block that the database endpoint refuses as a linked database, whose one view
     * shows {@code sourceDataSourceId}, a data source of a database elsewhere. A {@code partial} view answers only
     * its reference, with no data source, as Notion does when it cannot show the configuration.
     */
    String linkedView(String parentPageId, String title, String sourceDataSourceId, String viewName, String type,
            ObjectNode filter, boolean partial) {
        String id = linkedDatabase(parentPageId, title, 400, "validation_error",
                "Database with ID {id} is a linked database. Database retrievals do not support linked databases.");
        String view = view(id, sourceDataSourceId, viewName, type, filter, null, null);
        if (partial) {
            ObjectNode views = (ObjectNode) ViewRoutes.views(store.raw(id)).get(0);
            views.put("$partial", true);
        }
        return view;
    }

    String dataSource(String databaseId, String name, ObjectNode schema) {
        String id = newId();
        ObjectNode db = store.raw(databaseId);
        ObjectNode ds = Json.obj().put("object", "data_source").put("id", id);
        stamp(ds, person(0));
        ds.set("title", Rt.plain(name));
        ds.set("description", Json.arr());
        ds.set("icon", db.get("icon").deepCopy());
        ds.putNull("cover");
        ds.set("parent", Json.databaseParent(databaseId));
        ds.set("database_parent", db.get("parent").deepCopy());
        ds.put("is_inline", db.get("is_inline").asBoolean()).put("in_trash", false);
        ds.put("url", Json.notionUrl(name, id));
        ds.putNull("public_url");
        ds.set("properties", schema);
        store.put(Source.Kind.DATA_SOURCE, ds);
        ((ArrayNode) db.get("data_sources")).addObject().put("id", id).put("name", name);
        store.markSearchable(id);
        return id;
    }

    /** A row page of a data source; {@code properties} holds complete values. */
    String row(String dataSourceId, String title, ObjectNode properties) {
        String id = newId();
        String databaseId = store.raw(dataSourceId).get("parent").get("database_id").asText();
        ObjectNode page = Json.obj().put("object", "page").put("id", id);
        stamp(page, person((int) serial));
        page.putNull("cover");
        page.putNull("icon");
        page.set("parent", Json.dataSourceParent(dataSourceId, databaseId));
        page.put("in_trash", false).put("is_locked", false);
        page.set("properties", properties);
        page.put("url", Json.notionUrl(title, id));
        page.putNull("public_url");
        store.put(Source.Kind.PAGE, page);
        store.addRow(dataSourceId, id);
        return id;
    }

    /** A comment on a page or block; {@code discussionId} null starts a new discussion. */
    String comment(String targetId, String author, String text, String discussionId, ObjectNode attachmentFile) {
        String id = newId();
        ObjectNode c = Json.obj().put("object", "comment").put("id", id);
        boolean page = store.kind(targetId) == Source.Kind.PAGE;
        c.set("parent", page ? Json.pageParent(targetId) : Json.blockParent(targetId));
        c.put("discussion_id", discussionId == null ? newId() : discussionId);
        String time = tick();
        c.put("created_time", time).put("last_edited_time", time);
        c.set("created_by", Json.userRef(author));
        c.set("rich_text", Rt.plain(text));
        c.putObject("display_name").put("type", "user").put("resolved_name", users.name(author));
        ArrayNode attachments = c.putArray("attachments");
        if (attachmentFile != null) {
            attachments.addObject().put("category", "image").set("file", attachmentFile);
        }
        store.put(Source.Kind.COMMENT, c);
        store.addComment(targetId, id);
        return id;
    }

    /** Registers a hosted file and returns its placeholder (the inner {@code file} object). */
    ObjectNode file(String name, String contentKey) {
        String fileId = newId();
        store.addFile(new Source.FileRef(fileId, name, contentKey == null ? fileId : contentKey));
        return Json.placeholder(fileId, name);
    }

    /** A hosted file object {@code {type:"file", file:{...}}}. */
    ObjectNode hosted(String name, String contentKey) {
        ObjectNode file = Json.obj().put("type", "file");
        file.set("file", file(name, contentKey));
        return file;
    }

    /** A media block (image, video, audio, pdf, file) around a file object. */
    String media(String parentId, String type, ObjectNode fileObject, String caption) {
        Block b = block(parentId, type);
        b.body().set("caption", Rt.plain(caption));
        b.body().setAll(fileObject);
        if ("file".equals(type) && fileObject.has("file")) {
            b.body().put("name", fileObject.get("file").path("$name").asText("file"));
        }
        return b.id();
    }
}
