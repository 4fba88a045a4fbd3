package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * Notion's request limits for writes (notion-api.md §4.2): 100 children per array, two nesting levels per append,
 * 1,000 block elements per payload, 100 items per rich-text array, 2,000 characters per text content and link,
 * 1,000 per equation. A request over a limit fails with {@code 400 validation_error} and a path to the culprit.
 */
final class WriteLimits {

    static final int CHILDREN = 100;
    static final int BLOCKS_PER_PAYLOAD = 1_000;
    static final int RICH_TEXT_ITEMS = 100;
    static final int TEXT_CHARS = 2_000;
    static final int EQUATION_CHARS = 1_000;
    static final int BODY_BYTES = 500 * 1024;

    /** The block types a request may create (notion-api-2026-12.md §3.2). */
    static final Set<String> CREATABLE = Set.of("paragraph", "heading_1", "heading_2", "heading_3", "heading_4",
            "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote", "callout", "code", "equation",
            "divider", "breadcrumb", "table_of_contents", "column_list", "column", "table", "table_row", "tab",
            "template", "synced_block", "link_to_page", "embed", "bookmark", "image", "video", "audio", "pdf", "file");

    private static final Set<String> RICH_TEXT_FIELDS = Set.of("rich_text", "caption", "title", "description");

    private WriteLimits() {
    }

    /** Checks an array of new blocks: count, nesting and text limits; {@code path} names it in messages. */
    static void blocks(JsonNode children, String path) {
        if (children == null || !children.isArray()) {
            throw ApiError.validation("body failed validation: " + path + " should be an array, instead was `"
                    + children + "`.");
        }
        int[] total = {0};
        blocks(children, path, 1, total);
        if (total[0] > BLOCKS_PER_PAYLOAD) {
            throw ApiError.validation("body failed validation: the request holds " + total[0]
                    + " block elements, more than the limit of " + BLOCKS_PER_PAYLOAD + ".");
        }
    }

    private static void blocks(JsonNode children, String path, int level, int[] total) {
        if (children.size() > CHILDREN) {
            throw ApiError.validation("body failed validation: " + path + ".length should be ≤ `" + CHILDREN
                    + "`, instead was `" + children.size() + "`.");
        }
        for (int i = 0; i < children.size(); i++) {
            JsonNode block = children.get(i);
            String at = path + "[" + i + "]";
            total[0]++;
            String type = block.path("type").asText(null);
            if (type == null) {
                type = guessType(block);
            }
            if (type == null || !CREATABLE.contains(type)) {
                throw ApiError.validation("body failed validation: " + at + " should be a creatable block, instead"
                        + " its type was `" + type + "`.");
            }
            JsonNode body = block.path(type);
            richTexts(body, at + "." + type);
            JsonNode nested = body.get("children");
            if (nested != null && !nested.isNull()) {
                // The SDK's request types allow a block with children whose own children are leaves; a column's
                // content is the exception, as a column list cannot be created without it.
                boolean column = "column".equals(type) && level == 2;
                if (level >= 2 && !column) {
                    throw ApiError.validation("body failed validation: " + at + "." + type
                            + ".children should be not present, instead was `[...]`.");
                }
                blocks(nested, at + "." + type + ".children", level + 1, total);
            }
            structure(type, body, at);
        }
    }

    private static String guessType(JsonNode block) {
        for (Map.Entry<String, JsonNode> field : block.properties()) {
            if (CREATABLE.contains(field.getKey())) {
                return field.getKey();
            }
        }
        return null;
    }

    private static void structure(String type, JsonNode body, String at) {
        JsonNode children = body.path("children");
        switch (type) {
            case "table" -> {
                int width = body.path("table_width").asInt(0);
                if (width < 1) {
                    throw ApiError.validation("body failed validation: " + at + ".table.table_width should be defined,"
                            + " instead was `undefined`.");
                }
                if (!children.isArray() || children.isEmpty()) {
                    throw ApiError.validation("body failed validation: " + at + ".table.children should be defined,"
                            + " instead was `undefined`.");
                }
                for (JsonNode row : children) {
                    if (row.path("table_row").path("cells").size() != width) {
                        throw ApiError.validation("Number of cells in table row must match the table width of the"
                                + " parent.");
                    }
                }
            }
            case "column_list" -> {
                if (children.size() < 2) {
                    throw ApiError.validation("body failed validation: " + at + ".column_list.children should have at"
                            + " least 2 columns.");
                }
                for (JsonNode column : children) {
                    if (column.path("column").path("children").isEmpty()) {
                        throw ApiError.validation("body failed validation: a column needs at least one child.");
                    }
                }
            }
            default -> {
                // other types have no structural rule
            }
        }
    }

    /** Checks every rich-text array of a block body, a page's properties or a comment. */
    static void richTexts(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            String at = path + "." + field.getKey();
            if (RICH_TEXT_FIELDS.contains(field.getKey()) && value.isArray()) {
                richText(value, at);
            } else if ("equation".equals(field.getKey()) || "expression".equals(field.getKey())) {
                String expression = value.isTextual() ? value.asText() : value.path("expression").asText("");
                if (expression.length() > EQUATION_CHARS) {
                    throw ApiError.validation("body failed validation: " + at + ".expression.length should be ≤ `"
                            + EQUATION_CHARS + "`, instead was `" + expression.length() + "`.");
                }
            } else if (value.isObject() && !"children".equals(field.getKey())) {
                richTexts(value, at);
            }
        }
    }

    static void richText(JsonNode items, String path) {
        if (items.size() > RICH_TEXT_ITEMS) {
            throw ApiError.validation("body failed validation: " + path + ".length should be ≤ `" + RICH_TEXT_ITEMS
                    + "`, instead was `" + items.size() + "`.");
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode text = items.get(i).path("text");
            int length = text.path("content").asText("").length();
            if (length > TEXT_CHARS) {
                throw ApiError.validation("body failed validation: " + path + "[" + i + "].text.content.length should"
                        + " be ≤ `" + TEXT_CHARS + "`, instead was `" + length + "`.");
            }
            int url = text.path("link").path("url").asText("").length();
            if (url > TEXT_CHARS) {
                throw ApiError.validation("body failed validation: " + path + "[" + i + "].text.link.url.length should"
                        + " be ≤ `" + TEXT_CHARS + "`, instead was `" + url + "`.");
            }
            String equation = items.get(i).path("equation").path("expression").asText("");
            if (equation.length() > EQUATION_CHARS) {
                throw ApiError.validation("body failed validation: " + path + "[" + i + "].equation.expression.length"
                        + " should be ≤ `" + EQUATION_CHARS + "`, instead was `" + equation.length() + "`.");
            }
        }
    }
}
