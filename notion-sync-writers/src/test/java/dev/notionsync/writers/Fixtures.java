package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.NotionObject;
import dev.notionsync.core.model.Page;
import dev.notionsync.core.model.User;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads hand-written fixtures from {@code src/test/resources/fixtures/}. A fixture holds a {@code page} or a
 * {@code database} (with {@code data_sources}), {@code blocks} nested through {@code children}, and optionally
 * {@code comments}, {@code files} (URL to local path), {@code names} (id to title of other exported objects),
 * {@code users} and {@code front_matter}. To keep fixtures short, a string where Notion has a rich-text array
 * ({@code rich_text}, {@code caption}, a title property, table cells) stands for one plain text segment, and blocks
 * without an id get a stable one.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** A loaded fixture. */
    record Fixture(PageExport export, FileNames names, Map<String, User> users, boolean frontMatter) {

        MarkdownRenderer renderer() {
            return new MarkdownRenderer(names, id -> Optional.ofNullable(users.get(id)), frontMatter);
        }

        String markdown() {
            return renderer().render(export).markdown();
        }
    }

    static Fixture load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return fixture(name, (ObjectNode) JsonFileWriter.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Fixture parse(String name, String json) {
        try {
            return fixture(name, (ObjectNode) JsonFileWriter.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fixture fixture(String name, ObjectNode root) {
        expand(root);
        FileNames names = FileNames.create();
        root.path("names").properties().forEach(e -> names.assign(e.getKey(), e.getValue().asText()));
        Map<String, User> users = new HashMap<>();
        root.path("users").forEach(u -> users.put(u.path("id").asText(), new User((ObjectNode) u)));
        List<Block> blocks = new ArrayList<>();
        int[] counter = {0};
        flatten(name, root.path("blocks"), 0, blocks, counter);
        List<Comment> comments = new ArrayList<>();
        root.path("comments").forEach(c -> comments.add(new Comment((ObjectNode) c)));
        Map<String, String> files = new LinkedHashMap<>();
        root.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
        NotionObject source;
        List<DataSource> sources = new ArrayList<>();
        if (root.has("database")) {
            source = new Database((ObjectNode) root.get("database"));
            root.path("data_sources").forEach(s -> sources.add(new DataSource((ObjectNode) s)));
        } else {
            source = new Page((ObjectNode) root.get("page"));
        }
        names.assign(source.id(), source instanceof Page p ? p.title() : ((Database) source).title());
        PageExport export = new PageExport(source, blocks, sources, comments, files);
        return new Fixture(export, names, users, root.path("front_matter").asBoolean(false));
    }

    private static void flatten(String fixture, JsonNode nodes, int depth, List<Block> out, int[] counter) {
        for (JsonNode node : nodes) {
            ObjectNode block = (ObjectNode) node;
            counter[0]++;
            if (!block.has("id")) {
                block.put("id", UUID.nameUUIDFromBytes((fixture + "/" + counter[0]).getBytes(StandardCharsets.UTF_8))
                        .toString());
            }
            block.put("object", "block");
            JsonNode children = block.remove("children");
            block.put("has_children", children != null && !children.isEmpty());
            out.add(new Block(block, depth));
            if (children != null) {
                flatten(fixture, children, depth + 1, out, counter);
            }
        }
    }

    /** Replaces shorthand strings by rich-text arrays, everywhere in the fixture. */
    private static void expand(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean titleProperty = "title".equals(object.path("type").asText());
            for (String field : List.of("rich_text", "caption", "title", "description")) {
                JsonNode value = object.get(field);
                boolean typed = "title".equals(field) || "description".equals(field);
                boolean expands = !typed || titleProperty && "title".equals(field) || object.has("object")
                        && !"block".equals(object.path("object").asText());
                if (value != null && value.isTextual() && expands) {
                    object.set(field, richText(value.asText()));
                }
            }
            JsonNode cells = object.get("cells");
            if (cells instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isTextual()) {
                        array.set(i, richText(array.get(i).asText()));
                    }
                }
            }
            object.elements().forEachRemaining(Fixtures::expand);
        } else if (node instanceof ArrayNode array) {
            array.forEach(Fixtures::expand);
        }
    }

    static ArrayNode richText(String text) {
        ArrayNode array = JsonFileWriter.MAPPER.createArrayNode();
        array.add(segment(text));
        return array;
    }

    static ObjectNode segment(String text) {
        ObjectNode item = JsonFileWriter.MAPPER.createObjectNode().put("type", "text");
        item.putObject("text").put("content", text).putNull("link");
        item.putObject("annotations").put("bold", false).put("italic", false).put("strikethrough", false)
                .put("underline", false).put("code", false).put("color", "default");
        return item.put("plain_text", text).putNull("href");
    }
}
