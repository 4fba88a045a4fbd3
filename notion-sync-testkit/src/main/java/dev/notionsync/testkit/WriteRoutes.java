package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content write endpoints: create and update pages, append block children, create databases, update data-source
 * schemas, create comments. Written objects join the added part of the model, so search, block children and
 * queries see them at once. Each request is applied under the model's lock, whole or not at all.
 */
final class WriteRoutes {

    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "pdf", "file");

    private final Model model;
    private final UploadRoutes uploads;
    private final WriteValues values;
    private final Map<String, String> discussions = new java.util.concurrent.ConcurrentHashMap<>();

    WriteRoutes(Model model, UploadRoutes uploads) {
        this.model = model;
        this.uploads = uploads;
        this.values = new WriteValues(model, uploads);
    }

    private StaticBuilder writer() {
        return model.writer();
    }

    ObjectNode createPage(ApiRequest request, Renderer renderer) {
        JsonNode body = request.body();
        JsonNode parent = body.path("parent");
        synchronized (model) {
            String id;
            if (parent.has("page_id")) {
                String parentId = Ids.normalize(parent.get("page_id").asText());
                if (model.page(parentId == null ? "" : parentId).isEmpty()) {
                    throw ApiError.notFound("page", parent.get("page_id").asText());
                }
                JsonNode title = body.path("properties").path("title").path("title");
                if (body.path("properties").size() > 1 || (body.path("properties").size() == 1 && title.isMissingNode())) {
                    throw ApiError.validation("body failed validation: a page outside a data source has only the"
                            + " `title` property.");
                }
                ArrayNode rich = values.richText(title.isMissingNode() ? null : title, "body.properties.title.title");
                id = writer().page(parentId, Rt.plainText(rich), null, true);
                ((ObjectNode) writer().raw(id).get("properties").get("title")).set("title", rich);
            } else if (parent.has("data_source_id")) {
                String sourceId = Ids.normalize(parent.get("data_source_id").asText());
                ObjectNode source = model.dataSource(sourceId == null ? "" : sourceId)
                        .orElseThrow(() -> ApiError.notFound("data_source", parent.get("data_source_id").asText()));
                ObjectNode properties = values.properties(body.path("properties"), (ObjectNode) source.get("properties"),
                        model.users.botId());
                String title = "";
                for (JsonNode property : properties) {
                    if ("title".equals(property.path("type").asText())) {
                        title = Rt.plainText(property.get("title"));
                    }
                }
                id = writer().row(sourceId, title, properties);
            } else {
                throw ApiError.validation("body failed validation: body.parent should be `page_id` or `data_source_id`"
                        + " for this integration.");
            }
            decorate(writer().raw(id), body);
            JsonNode children = body.get("children");
            if (children != null) {
                WriteLimits.blocks(children, "body.children");
                append(id, children);
            }
            return renderer.retrieved(model.page(id).orElseThrow(), List.of());
        }
    }

    ObjectNode updatePage(ApiRequest request, Renderer renderer) {
        String id = request.param(0);
        synchronized (model) {
            model.page(id).orElseThrow(() -> ApiError.notFound("page", id));
            ObjectNode raw = writer().store.raw(Ids.normalize(id));
            if (raw == null) {
                throw new ApiError(403, "restricted_resource", "This integration cannot update page " + id + ".");
            }
            decorate(raw, request.body());
            JsonNode given = request.body().path("properties");
            if (given.size() > 0) {
                String source = raw.path("parent").path("data_source_id").asText(null);
                ObjectNode schema = source == null ? (ObjectNode) Json.obj().set("title", Json.obj().put("id", "title")
                        .put("name", "title").put("type", "title"))
                        : (ObjectNode) model.dataSource(source).orElseThrow().get("properties");
                ObjectNode only = Json.obj();
                for (java.util.Map.Entry<String, JsonNode> field : given.properties()) {
                    JsonNode property = schema.get(field.getKey());
                    if (property == null) {
                        throw ApiError.validation(field.getKey() + " is not a property that exists.");
                    }
                    only.set(field.getKey(), property);
                }
                ObjectNode updated = values.properties(given, only, model.users.botId());
                ((ObjectNode) raw.get("properties")).setAll(updated);
            }
            if (request.body().has("in_trash")) {
                raw.put("in_trash", request.body().get("in_trash").asBoolean());
            }
            return renderer.retrieved(model.page(id).orElseThrow(), List.of());
        }
    }

    private void decorate(ObjectNode target, JsonNode body) {
        for (String field : List.of("icon", "cover")) {
            JsonNode given = body.get(field);
            if (given == null) {
                continue;
            }
            if (given.isNull() || "emoji".equals(given.path("type").asText(given.has("emoji") ? "emoji" : ""))) {
                target.set(field, given.isNull() ? given : Json.emoji(given.get("emoji").asText()));
            } else {
                target.set(field, uploads.fileObject(given));
            }
        }
    }

    /**
     * {@code PATCH /v1/blocks/{id}}: replaces the fields given in the body's type object (a field left out keeps
     * its value); the type cannot change and children cannot be set here, as in Notion.
     */
    ObjectNode updateBlock(ApiRequest request, Renderer renderer) {
        String id = request.param(0);
        synchronized (model) {
            String normalized = Ids.normalize(id);
            if (normalized == null || model.kind(id) != Source.Kind.BLOCK || model.block(id).isEmpty()) {
                throw ApiError.notFound("block", id);
            }
            ObjectNode raw = writer().store.kind(normalized) == null ? null : writer().store.raw(normalized);
            if (raw == null) {
                throw new ApiError(403, "restricted_resource", "This integration cannot edit block " + id + ".");
            }
            String type = raw.path("type").asText();
            for (Map.Entry<String, JsonNode> field : request.body().properties()) {
                String key = field.getKey();
                if ("type".equals(key) && !type.equals(field.getValue().asText())) {
                    throw ApiError.validation("body failed validation: body.type should be `" + type
                            + "`, the type of block " + id + ", instead was `" + field.getValue().asText() + "`.");
                }
                if (!Set.of("type", type, "in_trash", "archived").contains(key)) {
                    throw ApiError.validation("body failed validation: body." + key + " should be not present;"
                            + " block " + id + " is a " + type + " block.");
                }
            }
            JsonNode given = request.body().path(type);
            if (given.has("children")) {
                throw ApiError.validation("body failed validation: body." + type + ".children should be not"
                        + " present; append children instead.");
            }
            ObjectNode body = (ObjectNode) raw.get(type);
            for (Map.Entry<String, JsonNode> field : given.properties()) {
                String key = field.getKey();
                if (Set.of("rich_text", "caption").contains(key)) {
                    body.set(key, values.richText(field.getValue(), "body." + type + "." + key));
                } else if ("cells".equals(key)) {
                    ArrayNode cells = body.putArray("cells");
                    for (JsonNode cell : field.getValue()) {
                        cells.add(values.richText(cell, "body.table_row.cells"));
                    }
                } else {
                    body.set(key, field.getValue());
                }
            }
            if (request.body().has("in_trash")) {
                raw.put("in_trash", request.body().get("in_trash").asBoolean());
            }
            return renderer.object(model.block(id).orElseThrow());
        }
    }

    ObjectNode appendChildren(ApiRequest request, Renderer renderer) {
        String id = request.param(0);
        JsonNode children = request.body().get("children");
        WriteLimits.blocks(children, "body.children");
        synchronized (model) {
            String parent = Ids.normalize(id);
            Source.Kind kind = model.kind(id);
            if (parent == null || (kind != Source.Kind.PAGE && kind != Source.Kind.BLOCK)) {
                throw ApiError.notFound("block", id);
            }
            if (writer().store.kind(parent) == null) {
                throw new ApiError(403, "restricted_resource", "This integration cannot edit block " + id + ".");
            }
            List<String> made = append(parent, children);
            ArrayNode results = Json.arr();
            for (String child : made) {
                results.add(renderer.object(model.block(child).orElseThrow()));
            }
            ObjectNode list = Paging.list("block", results, null, request.requestId());
            list.putObject("block");
            return list;
        }
    }

    private List<String> append(String parentId, JsonNode children) {
        List<String> made = new java.util.ArrayList<>();
        for (JsonNode request : children) {
            String type = request.path("type").asText(null);
            if (type == null) {
                for (Map.Entry<String, JsonNode> field : request.properties()) {
                    if (WriteLimits.CREATABLE.contains(field.getKey())) {
                        type = field.getKey();
                    }
                }
            }
            ObjectNode given = request.path(type) instanceof ObjectNode object ? object.deepCopy() : Json.obj();
            JsonNode nested = given.remove("children");
            StaticBuilder.Block block = writer().block(parentId, type);
            ObjectNode body = block.body();
            for (Map.Entry<String, JsonNode> field : given.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (Set.of("rich_text", "caption").contains(key)) {
                    body.set(key, values.richText(value, "body.children." + type + "." + key));
                } else if ("cells".equals(key)) {
                    ArrayNode cells = body.putArray("cells");
                    for (JsonNode cell : value) {
                        cells.add(values.richText(cell, "body.children.table_row.cells"));
                    }
                } else if ("icon".equals(key) && value.has("emoji")) {
                    body.set(key, Json.emoji(value.get("emoji").asText()));
                } else {
                    body.set(key, value);
                }
            }
            if (body.has("rich_text") && !body.has("color") && !"code".equals(type)) {
                body.put("color", "default");
            }
            if (MEDIA.contains(type)) {
                ObjectNode file = uploads.fileObject(given);
                body.remove(List.of("file_upload", "external", "file", "type"));
                if (!"file".equals(type)) {
                    file.remove("name");
                } else if (given.has("name")) {
                    file.put("name", given.get("name").asText());
                }
                body.setAll(file);
                if (!body.has("caption")) {
                    body.putArray("caption");
                }
            }
            if ("synced_block".equals(type) && body.path("synced_from").path("block_id").isTextual()) {
                String original = body.path("synced_from").path("block_id").asText();
                ObjectNode from = model.block(original).orElseThrow(() -> ApiError.validation(
                        "body failed validation: synced_from names block " + original + ", which does not exist."));
                body.putObject("synced_from").put("type", "block_id").put("block_id", from.get("id").asText());
                // as in Notion, a copy lists no children of its own: they are read from the original
                writer().raw(block.id()).put("has_children", true).put("$children404", true);
            } else if ("synced_block".equals(type)) {
                body.putNull("synced_from");
            }
            if ("link_to_page".equals(type)) {
                String target = body.path("page_id").asText(body.path("database_id").asText(null));
                if (target == null || model.kind(target) == null) {
                    throw ApiError.validation("body failed validation: link_to_page names " + target
                            + ", which does not exist.");
                }
            }
            made.add(block.id());
            if (nested != null && !nested.isEmpty()) {
                append(block.id(), nested);
            }
        }
        return made;
    }

    ObjectNode createDatabase(ApiRequest request, Renderer renderer) {
        JsonNode body = request.body();
        String parentId = body.path("parent").path("page_id").asText(null);
        synchronized (model) {
            String parent = Ids.normalize(parentId);
            if (parent == null || model.page(parent).isEmpty()) {
                throw ApiError.notFound("page", String.valueOf(parentId));
            }
            if (writer().store.kind(parent) == null) {
                throw new ApiError(403, "restricted_resource", "This integration cannot edit page " + parentId + ".");
            }
            ArrayNode title = values.richText(body.get("title"), "body.title");
            String id = writer().database(parent, Rt.plainText(title), body.path("is_inline").asBoolean(false));
            ObjectNode db = writer().raw(id);
            db.set("title", title);
            db.set("description", values.richText(body.get("description"), "body.description"));
            decorate(db, body);
            if (!body.has("icon")) {
                db.putNull("icon");
            }
            JsonNode initial = body.path("initial_data_source");
            ObjectNode schema = values.schema(initial.path("properties"), Json.obj());
            boolean hasTitle = false;
            for (JsonNode property : schema) {
                hasTitle |= "title".equals(property.path("type").asText());
            }
            if (!hasTitle) {
                throw ApiError.validation("body failed validation: a data source needs exactly one title property.");
            }
            String sourceName = initial.has("title") ? Rt.plainText(values.richText(initial.get("title"),
                    "body.initial_data_source.title")) : Rt.plainText(title);
            writer().dataSource(id, sourceName, schema);
            return renderer.object(model.database(id).orElseThrow());
        }
    }

    ObjectNode createDataSource(ApiRequest request, Renderer renderer) {
        JsonNode body = request.body();
        String databaseId = body.path("parent").path("database_id").asText(null);
        synchronized (model) {
            String database = Ids.normalize(databaseId);
            if (database == null || model.database(database).isEmpty()) {
                throw ApiError.notFound("database", String.valueOf(databaseId));
            }
            if (writer().store.kind(database) == null) {
                throw new ApiError(403, "restricted_resource", "This integration cannot edit database " + databaseId
                        + ".");
            }
            ObjectNode schema = values.schema(body.path("properties"), Json.obj());
            String name = Rt.plainText(values.richText(body.get("title"), "body.title"));
            String id = writer().dataSource(database, name, schema);
            return renderer.object(model.dataSource(id).orElseThrow());
        }
    }

    ObjectNode updateDataSource(ApiRequest request, Renderer renderer) {
        String id = request.param(0);
        synchronized (model) {
            model.dataSource(id).orElseThrow(() -> ApiError.notFound("data_source", id));
            ObjectNode raw = writer().store.raw(Ids.normalize(id));
            if (raw == null) {
                throw new ApiError(403, "restricted_resource", "This integration cannot update data source " + id + ".");
            }
            JsonNode properties = request.body().path("properties");
            ObjectNode schema = (ObjectNode) raw.get("properties");
            ObjectNode updated = values.schema(properties, schema.deepCopy());
            raw.set("properties", updated);
            if (request.body().has("title")) {
                raw.set("title", values.richText(request.body().get("title"), "body.title"));
            }
            return renderer.object(model.dataSource(id).orElseThrow());
        }
    }

    ObjectNode createComment(ApiRequest request, Renderer renderer) {
        JsonNode body = request.body();
        JsonNode parent = body.path("parent");
        String discussion = body.path("discussion_id").asText(null);
        String target = discussion != null ? discussions.get(discussion)
                : parent.path("page_id").asText(parent.path("block_id").asText(null));
        if (discussion != null && target == null) {
            throw ApiError.notFound("discussion", discussion);
        }
        if (body.path("attachments").size() > 3) {
            throw ApiError.validation("body failed validation: body.attachments.length should be ≤ `3`.");
        }
        synchronized (model) {
            if (target == null || model.kind(target) == null) {
                throw ApiError.notFound("block", String.valueOf(target));
            }
            ArrayNode rich = values.richText(body.get("rich_text"), "body.rich_text");
            String id = writer().comment(Ids.normalize(target), model.users.botId(), Rt.plainText(rich), null, null);
            ObjectNode comment = writer().raw(id);
            if (discussion != null) {
                comment.put("discussion_id", discussion);
            }
            discussions.put(comment.get("discussion_id").asText(), Ids.normalize(target));
            comment.set("rich_text", rich);
            ArrayNode attachments = comment.putArray("attachments");
            for (JsonNode attachment : body.path("attachments")) {
                ObjectNode file = uploads.fileObject(Json.obj().put("type", "file_upload")
                        .set("file_upload", Json.obj().put("id", attachment.path("file_upload_id").asText())));
                attachments.addObject().put("category", "image").set("file", file.get("file"));
            }
            JsonNode display = body.path("display_name");
            String shown = "custom".equals(display.path("type").asText()) ? display.path("custom").path("name").asText()
                    : model.users.me().path("name").asText("Integration");
            comment.putObject("display_name").put("type", display.path("type").asText("integration"))
                    .put("resolved_name", shown);
            return renderer.object(model.comment(id).orElseThrow());
        }
    }
}
