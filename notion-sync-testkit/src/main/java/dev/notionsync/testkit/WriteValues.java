package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/** Turns request forms (rich text, property values, schemas) into the stored forms the endpoints serve. */
final class WriteValues {

    private static final Set<String> READ_ONLY = Set.of("formula", "rollup", "created_time", "created_by",
            "last_edited_time", "last_edited_by", "unique_id", "button");

    private final Model model;
    private final UploadRoutes uploads;

    WriteValues(Model model, UploadRoutes uploads) {
        this.model = model;
        this.uploads = uploads;
    }

    /** A request rich-text array as Notion stores it: with plain text, href and every annotation. */
    ArrayNode richText(JsonNode items, String path) {
        ArrayNode out = Json.arr();
        if (items == null || items.isNull()) {
            return out;
        }
        WriteLimits.richText(items, path);
        for (JsonNode item : items) {
            ObjectNode made = item(item, path);
            JsonNode annotations = item.get("annotations");
            if (annotations instanceof ObjectNode given) {
                ((ObjectNode) made.get("annotations")).setAll(given.deepCopy());
            }
            out.add(made);
        }
        return out;
    }

    private ObjectNode item(JsonNode item, String path) {
        String type = item.path("type").asText(item.has("mention") ? "mention" : item.has("equation") ? "equation"
                : "text");
        switch (type) {
            case "text" -> {
                String content = item.path("text").path("content").asText("");
                String url = item.path("text").path("link").path("url").asText(null);
                return url == null ? Rt.text(content) : Rt.link(content, url);
            }
            case "equation" -> {
                return Rt.equation(item.path("equation").path("expression").asText(""));
            }
            case "mention" -> {
                JsonNode mention = item.path("mention");
                String kind = mention.path("type").asText(mention.has("page") ? "page" : mention.has("user") ? "user"
                        : mention.has("database") ? "database" : mention.has("date") ? "date" : "");
                return switch (kind) {
                    case "page" -> {
                        String id = mention.path("page").path("id").asText();
                        yield Rt.mentionPage(id, model.title(id).orElse("Untitled"));
                    }
                    case "database" -> {
                        String id = mention.path("database").path("id").asText();
                        yield Rt.mentionDatabase(id, model.title(id).orElse("Untitled"));
                    }
                    case "user" -> {
                        String id = mention.path("user").path("id").asText();
                        ObjectNode user = model.user(id).orElseThrow(() -> ApiError.validation(
                                "body failed validation: " + path + " mentions user " + id + ", who does not exist."));
                        yield Rt.mentionUser(id, user.path("name").asText(""));
                    }
                    case "date" -> Rt.mentionDate(mention.path("date").path("start").asText(),
                            mention.path("date").path("end").asText(null));
                    case "template_mention" -> {
                        JsonNode template = mention.path("template_mention");
                        yield Rt.templateMention("template_mention_user".equals(template.path("type").asText()) ? "me"
                                : template.path("template_mention_date").asText("today"));
                    }
                    default -> throw ApiError.validation("body failed validation: " + path + " holds a `" + kind
                            + "` mention, which cannot be created.");
                };
            }
            default -> throw ApiError.validation("body failed validation: " + path + " has an item of type `" + type
                    + "`.");
        }
    }

    /** A data-source schema in request form as stored: every property with id, name and type. */
    ObjectNode schema(JsonNode request, ObjectNode into) {
        for (Map.Entry<String, JsonNode> field : request.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            ObjectNode existing = find(into, name);
            if (value == null || value.isNull()) {
                if (existing != null) {
                    into.remove(existing.get("name").asText());
                }
                continue;
            }
            String type = typeOf(value);
            if (type == null && existing != null && value.has("name")) {
                into.remove(existing.get("name").asText());
                existing.put("name", value.get("name").asText());
                into.set(value.get("name").asText(), existing);
                continue;
            }
            if (type == null) {
                throw ApiError.validation("body failed validation: property `" + name + "` has no type.");
            }
            ObjectNode property = Json.obj();
            property.put("id", existing != null ? existing.get("id").asText() : propertyId(name, into));
            property.put("name", value.path("name").asText(name));
            property.put("type", type);
            ObjectNode config = value.get(type) instanceof ObjectNode given ? given.deepCopy() : Json.obj();
            if (config.get("options") instanceof ArrayNode options) {
                int i = 0;
                for (JsonNode option : options) {
                    if (!option.has("id")) {
                        ((ObjectNode) option).put("id", Ids.compact(name).hashCode() + "-" + i);
                    }
                    if (!option.has("color")) {
                        ((ObjectNode) option).put("color", "default");
                    }
                    i++;
                }
            }
            if ("relation".equals(type)) {
                String target = config.path("data_source_id").asText();
                ObjectNode targetSource = model.dataSource(target).orElseThrow(() -> ApiError.validation(
                        "body failed validation: relation `" + name + "` points to data source " + target
                                + ", which does not exist."));
                config.put("database_id", targetSource.path("parent").path("database_id").asText());
                config.put("type", config.has("dual_property") ? "dual_property" : "single_property");
            }
            property.set(type, config);
            if (existing != null) {
                into.remove(existing.get("name").asText());
            }
            into.set(property.get("name").asText(), property);
        }
        return into;
    }

    private static ObjectNode find(ObjectNode schema, String nameOrId) {
        if (schema.get(nameOrId) instanceof ObjectNode byName) {
            return byName;
        }
        for (JsonNode property : schema) {
            if (nameOrId.equals(property.path("id").asText())) {
                return (ObjectNode) property;
            }
        }
        return null;
    }

    private static String typeOf(JsonNode property) {
        String type = property.path("type").asText(null);
        if (type != null) {
            return type;
        }
        for (Map.Entry<String, JsonNode> field : property.properties()) {
            if (!Set.of("name", "description", "id").contains(field.getKey())) {
                return field.getKey();
            }
        }
        return null;
    }

    private static String propertyId(String name, ObjectNode schema) {
        if (schema.isEmpty()) {
            return "title";
        }
        String id = Integer.toHexString(name.hashCode() & 0xfffff);
        while (find(schema, id) != null) {
            id = id + "x";
        }
        return id;
    }

    /** Property values in request form, stored against a schema; absent properties get their empty value. */
    ObjectNode properties(JsonNode request, ObjectNode schema, String botId) {
        ObjectNode out = Json.obj();
        for (Map.Entry<String, JsonNode> field : request.properties()) {
            if (find(schema, field.getKey()) == null) {
                throw ApiError.validation(field.getKey() + " is not a property that exists.");
            }
        }
        for (JsonNode property : schema) {
            String name = property.get("name").asText();
            String type = property.get("type").asText();
            JsonNode given = request.get(name);
            if (given == null) {
                given = request.get(property.get("id").asText());
            }
            if (given != null && READ_ONLY.contains(type)) {
                throw ApiError.validation("body failed validation: " + name + " is a " + type
                        + " property and cannot be set.");
            }
            ObjectNode value = Json.obj().put("id", property.get("id").asText()).put("type", type);
            value.set(type, given == null ? empty(type, property, botId) : value(type, given.path(type), property,
                    "body.properties." + name));
            if ("relation".equals(type)) {
                value.put("has_more", false);
            }
            out.set(name, value);
        }
        return out;
    }

    private JsonNode value(String type, JsonNode given, JsonNode property, String path) {
        switch (type) {
            case "title", "rich_text" -> {
                return richText(given, path + "." + type);
            }
            case "select", "status" -> {
                return given.isNull() ? given : option(property.path(type), given, path);
            }
            case "multi_select" -> {
                ArrayNode out = Json.arr();
                for (JsonNode option : given) {
                    out.add(option(property.path(type), option, path));
                }
                return out;
            }
            case "relation", "people" -> {
                if (given.size() > WriteLimits.CHILDREN) {
                    throw ApiError.validation("body failed validation: " + path + "." + type + ".length should be ≤ `"
                            + WriteLimits.CHILDREN + "`, instead was `" + given.size() + "`.");
                }
                ArrayNode out = Json.arr();
                for (JsonNode reference : given) {
                    String id = reference.path("id").asText();
                    if ("people".equals(type)) {
                        model.user(id).orElseThrow(() -> ApiError.validation("body failed validation: " + path
                                + " names user " + id + ", who does not exist."));
                        out.add(Json.userRef(id));
                    } else {
                        model.page(id).orElseThrow(() -> ApiError.validation("body failed validation: " + path
                                + " relates to page " + id + ", which does not exist."));
                        out.addObject().put("id", id);
                    }
                }
                return out;
            }
            case "files" -> {
                ArrayNode out = Json.arr();
                for (JsonNode file : given) {
                    ObjectNode stored = uploads.fileObject(file);
                    stored.put("name", file.path("name").asText(stored.path("name").asText("file")));
                    out.add(stored);
                }
                return out;
            }
            default -> {
                return given.deepCopy();
            }
        }
    }

    private static JsonNode option(JsonNode config, JsonNode given, String path) {
        String name = given.path("name").asText(null);
        for (JsonNode option : config.path("options")) {
            if (option.path("name").asText().equals(name) || option.path("id").asText().equals(given.path("id").asText("-"))) {
                return option.deepCopy();
            }
        }
        if (name == null) {
            throw ApiError.validation("body failed validation: " + path + " names no option.");
        }
        ObjectNode added = Json.obj().put("id", Integer.toHexString(name.hashCode())).put("name", name)
                .put("color", "default");
        if (config instanceof ObjectNode settings) {
            (settings.get("options") instanceof ArrayNode options ? options : settings.putArray("options")).add(added);
        }
        return added;
    }

    private static JsonNode empty(String type, JsonNode property, String botId) {
        return switch (type) {
            case "title", "rich_text", "multi_select", "people", "files", "relation" -> Json.arr();
            case "checkbox" -> Json.MAPPER.getNodeFactory().booleanNode(false);
            case "formula" -> Json.obj().put("type", "string").putNull("string");
            case "rollup" -> Json.obj().put("type", "number").put("function",
                    property.path("rollup").path("function").asText("count")).putNull("number");
            case "created_time", "last_edited_time" -> Json.MAPPER.getNodeFactory().textNode(
                    Json.iso(System.currentTimeMillis() / 60_000));
            case "created_by", "last_edited_by" -> Json.userRef(botId);
            case "unique_id" -> Json.obj().putNull("prefix").put("number", 1);
            case "button" -> Json.obj();
            default -> Json.MAPPER.getNodeFactory().nullNode();
        };
    }
}
