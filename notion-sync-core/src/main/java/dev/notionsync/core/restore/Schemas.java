package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Schemas and property values in request form. A schema is created in two steps: first every property but
 * relations, rollups and formulas (their targets may not exist yet), then, once every data source exists, those.
 */
final class Schemas {

    /** Property types whose values Notion computes or stamps itself: never sent, reported. */
    static final Set<String> COMPUTED = Set.of("formula", "rollup", "created_time", "created_by", "last_edited_time",
            "last_edited_by", "unique_id", "button", "verification");
    /** Property types added to a schema only after every data source exists. */
    static final Set<String> LATE = Set.of("relation", "rollup", "formula");

    private Schemas() {
    }

    /** The first-step schema: every property but relations, rollups, formulas and buttons. */
    static ObjectNode early(JsonNode properties, Requests.Context context) {
        ObjectNode out = Requests.JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            String type = field.getValue().path("type").asText();
            if (LATE.contains(type)) {
                continue;
            }
            if ("button".equals(type)) {
                context.lost("property \"" + field.getKey() + "\" (button)", "the API cannot create buttons");
                continue;
            }
            out.set(field.getKey(), definition(type, field.getValue()));
        }
        return out;
    }

    /** The second-step schema: relations to restored data sources, then rollups and formulas. */
    static ObjectNode late(JsonNode properties, Function<String, Optional<String>> newSourceId,
            Requests.Context context, boolean relations) {
        ObjectNode out = Requests.JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            String type = field.getValue().path("type").asText();
            JsonNode config = field.getValue().path(type);
            if (relations && "relation".equals(type)) {
                String target = config.path("data_source_id").asText();
                Optional<String> id = newSourceId.apply(target);
                if (id.isEmpty()) {
                    context.lost("property \"" + field.getKey() + "\" (relation)", "it points to data source "
                            + target + ", which is not in the export");
                    continue;
                }
                if ("dual_property".equals(config.path("type").asText())) {
                    context.lost("property \"" + field.getKey() + "\" (two-way relation)", "restored as a one-way"
                            + " relation on each side, both with their values");
                }
                ObjectNode relation = out.putObject(field.getKey()).putObject("relation");
                relation.put("data_source_id", id.get()).putObject("single_property");
            } else if (!relations && "rollup".equals(type)) {
                ObjectNode rollup = out.putObject(field.getKey()).putObject("rollup");
                rollup.put("function", config.path("function").asText("count"));
                rollup.put("relation_property_name", config.path("relation_property_name").asText());
                rollup.put("rollup_property_name", config.path("rollup_property_name").asText());
            } else if (!relations && "formula".equals(type)) {
                out.putObject(field.getKey()).putObject("formula").put("expression",
                        config.path("expression").asText(""));
            }
        }
        return out;
    }

    private static ObjectNode definition(String type, JsonNode property) {
        ObjectNode out = Requests.JSON.objectNode();
        ObjectNode config = out.putObject(type);
        JsonNode given = property.path(type);
        switch (type) {
            case "select", "multi_select", "status" -> {
                ArrayNode options = config.putArray("options");
                for (JsonNode option : given.path("options")) {
                    options.addObject().put("name", option.path("name").asText()).put("color",
                            option.path("color").asText("default"));
                }
            }
            case "number" -> config.put("format", given.path("format").asText("number"));
            case "unique_id" -> {
                if (given.path("prefix").isTextual()) {
                    config.put("prefix", given.path("prefix").asText());
                }
            }
            default -> {
                // the other types take an empty configuration
            }
        }
        return out;
    }

    /**
     * Property values of a row in request form, without relations (set once every row exists) and without computed
     * values (reported).
     */
    static ObjectNode values(ExportFolder.Entry row, ExportFolder folder, Requests.Context context) {
        ObjectNode out = Requests.JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : row.object().path("properties").properties()) {
            String name = field.getKey();
            JsonNode property = field.getValue();
            String type = property.path("type").asText();
            JsonNode value = property.path(type);
            if (COMPUTED.contains(type)) {
                if (!"unique_id".equals(type) || !value.isNull()) {
                    context.lost("property \"" + name + "\" (" + type + ")", "Notion computes or stamps this value"
                            + " itself");
                }
                continue;
            }
            ObjectNode request = Requests.JSON.objectNode();
            switch (type) {
                case "title", "rich_text" -> request.set(type, Requests.chunks(Requests.richText(value, context)).get(0));
                case "select", "status" -> {
                    if (value.isNull() || value.isMissingNode()) {
                        continue;
                    }
                    request.putObject(type).put("name", value.path("name").asText());
                }
                case "multi_select" -> {
                    ArrayNode options = request.putArray(type);
                    value.forEach(option -> options.addObject().put("name", option.path("name").asText()));
                }
                case "people" -> {
                    ArrayNode people = request.putArray(type);
                    for (JsonNode person : value) {
                        String id = person.path("id").asText();
                        if (context.knownUser(id)) {
                            people.addObject().put("id", id);
                        } else {
                            context.lost("property \"" + name + "\": person " + context.userName(id), "the user is not"
                                    + " in the target workspace");
                        }
                    }
                }
                case "files" -> {
                    ArrayNode files = request.putArray(type);
                    int nth = 0;
                    for (JsonNode file : value) {
                        Path local = "file".equals(file.path("type").asText())
                                ? folder.attachment(row, "property", name, nth++) : null;
                        ObjectNode made = Requests.fileObject(file, local, "property \"" + name + "\" file", context);
                        if (made != null) {
                            made.put("name", file.path("name").asText("file"));
                            files.add(made);
                        }
                    }
                }
                case "relation" -> {
                    continue;
                }
                case "date", "number", "checkbox", "url", "email", "phone_number", "place" -> {
                    if (value.isMissingNode()) {
                        continue;
                    }
                    request.set(type, value.deepCopy());
                }
                default -> {
                    context.lost("property \"" + name + "\" (" + type + ")", "this property type is not restored");
                    continue;
                }
            }
            out.set(name, request);
        }
        return out;
    }
}
