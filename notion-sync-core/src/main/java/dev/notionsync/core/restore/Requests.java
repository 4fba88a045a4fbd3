package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns exported objects (as Notion answered them) into request bodies within Notion's limits: rich text split into
 * items of at most 2,000 characters and arrays of at most 100 items, references rewritten to the new ids, hosted
 * files re-uploaded, read-only fields left out.
 */
final class Requests {

    static final int TEXT_CHARS = 2_000;
    static final int RICH_TEXT_ITEMS = 100;
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Which block types a request can create. */
    static final Set<String> CREATABLE = Set.of("paragraph", "heading_1", "heading_2", "heading_3", "heading_4",
            "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote", "callout", "code", "equation",
            "divider", "breadcrumb", "table_of_contents", "column_list", "column", "table", "table_row", "tab",
            "template", "synced_block", "link_to_page", "embed", "bookmark", "image", "video", "audio", "pdf", "file");
    static final Set<String> MEDIA = Set.of("image", "video", "audio", "pdf", "file");
    private static final Set<String> TEXT_BLOCKS = Set.of("paragraph", "heading_1", "heading_2", "heading_3",
            "heading_4", "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote", "callout", "code");

    /** What the conversion needs from the running restore. */
    interface Context {

        /** The new id of an exported object or block already restored. */
        Optional<String> newId(String oldId);

        /**
         * Whether an exported object not created yet is created later in this restore, so that a reference to it
         * is rewritten once it exists instead of being reported.
         */
        boolean later(String oldId);

        /** Whether a user id exists in the target workspace. */
        boolean knownUser(String userId);

        /** The name of an exported user, for text that replaces a mention. */
        String userName(String userId);

        /** Uploads a local file and returns the upload id, or empty when it cannot be uploaded. */
        Optional<String> upload(Path file);

        /** Records something not restored as it was. */
        void lost(String what, String why);
    }

    private Requests() {
    }

    /** A rich-text array in request form, with its items cut to 2,000 characters; may exceed 100 items. */
    static ArrayNode richText(JsonNode items, Context context) {
        ArrayNode out = JSON.arrayNode();
        if (items == null || !items.isArray()) {
            return out;
        }
        for (JsonNode item : items) {
            String type = item.path("type").asText();
            JsonNode annotations = item.get("annotations");
            String plain = item.path("plain_text").asText("");
            switch (type) {
                case "text" -> {
                    String url = item.path("text").path("link").path("url").asText(null);
                    text(out, item.path("text").path("content").asText(plain), url, annotations);
                }
                case "equation" -> {
                    ObjectNode eq = out.addObject().put("type", "equation");
                    eq.putObject("equation").put("expression", item.path("equation").path("expression").asText());
                    annotate(eq, annotations);
                }
                case "mention" -> mention(out, item, plain, annotations, context);
                default -> text(out, plain, item.path("href").asText(null), annotations);
            }
        }
        return out;
    }

    private static void mention(ArrayNode out, JsonNode item, String plain, JsonNode annotations, Context context) {
        JsonNode mention = item.path("mention");
        String kind = mention.path("type").asText();
        switch (kind) {
            case "page", "database" -> {
                String old = mention.path(kind).path("id").asText();
                Optional<String> id = context.newId(old);
                if (id.isPresent()) {
                    ObjectNode m = out.addObject().put("type", "mention");
                    m.putObject("mention").put("type", kind).putObject(kind).put("id", id.get());
                    annotate(m, annotations);
                } else {
                    if (!context.later(old)) {
                        context.lost(kind + " mention of " + old, "not restored (not in the export): kept as a link"
                                + " to its original URL");
                    }
                    // a target created later gets this link rewritten by LateReferences
                    text(out, plain.isEmpty() ? Ids.url(old) : plain, Ids.url(old), annotations);
                }
            }
            case "user" -> {
                String user = mention.path("user").path("id").asText();
                if (context.knownUser(user)) {
                    ObjectNode m = out.addObject().put("type", "mention");
                    m.putObject("mention").put("type", "user").putObject("user").put("id", user);
                    annotate(m, annotations);
                } else {
                    context.lost("mention of user " + user, "the user is not in the target workspace: kept as text");
                    text(out, plain.isEmpty() ? "@" + context.userName(user) : plain, null, annotations);
                }
            }
            case "date", "template_mention" -> {
                ObjectNode m = out.addObject().put("type", "mention");
                m.putObject("mention").put("type", kind).set(kind, mention.get(kind).deepCopy());
                annotate(m, annotations);
            }
            default -> {
                context.lost(kind + " mention", "the API cannot create it: kept as a link");
                text(out, plain, item.path("href").asText(null), annotations);
            }
        }
    }

    private static void text(ArrayNode out, String content, String url, JsonNode annotations) {
        int at = 0;
        do {
            int end = Math.min(content.length(), at + TEXT_CHARS);
            // never cut a surrogate pair in two
            if (end < content.length() && Character.isHighSurrogate(content.charAt(end - 1))) {
                end--;
            }
            ObjectNode item = out.addObject().put("type", "text");
            ObjectNode text = item.putObject("text").put("content", content.substring(at, end));
            if (url != null && url.length() <= TEXT_CHARS) {
                text.putObject("link").put("url", url);
            }
            annotate(item, annotations);
            at = end;
        } while (at < content.length());
    }

    private static void annotate(ObjectNode item, JsonNode annotations) {
        if (annotations instanceof ObjectNode given) {
            item.set("annotations", given.deepCopy());
        }
    }

    /** Cuts a rich-text array into arrays of at most 100 items, merging neighbours of the same style first. */
    static List<ArrayNode> chunks(ArrayNode items) {
        ArrayNode merged = JSON.arrayNode();
        for (JsonNode item : items) {
            JsonNode last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (items.size() > RICH_TEXT_ITEMS && last != null && "text".equals(last.path("type").asText())
                    && "text".equals(item.path("type").asText())
                    && last.path("annotations").equals(item.path("annotations"))
                    && last.path("text").path("link").equals(item.path("text").path("link"))
                    && last.path("text").path("content").asText().length()
                            + item.path("text").path("content").asText().length() <= TEXT_CHARS) {
                ((ObjectNode) last.get("text")).put("content", last.path("text").path("content").asText()
                        + item.path("text").path("content").asText());
            } else {
                merged.add(item.deepCopy());
            }
        }
        List<ArrayNode> chunks = new ArrayList<>();
        ArrayNode chunk = JSON.arrayNode();
        for (JsonNode item : merged) {
            if (chunk.size() == RICH_TEXT_ITEMS) {
                chunks.add(chunk);
                chunk = JSON.arrayNode();
            }
            chunk.add(item);
        }
        chunks.add(chunk);
        return chunks;
    }

    /**
     * One exported block as request blocks, without children: usually one, several when its text needs more than
     * 100 rich-text items (the text goes on in blocks of the same type), none when the API cannot create its type.
     */
    static List<ObjectNode> block(JsonNode block, ExportFolder.Entry owner, ExportFolder folder, Context context) {
        String type = block.path("type").asText();
        if (!CREATABLE.contains(type)) {
            context.lost(type + " block " + block.path("id").asText(), "the API cannot create this block type");
            return List.of();
        }
        ObjectNode body = block.path(type) instanceof ObjectNode given ? given.deepCopy() : JSON.objectNode();
        body.remove("children");
        List<ObjectNode> out = new ArrayList<>();
        if (MEDIA.contains(type)) {
            ObjectNode file = fileObject(body, folder.attachment(owner, "block", block.path("id").asText(), 0),
                    "a " + type + " block's file", context);
            if (file == null) {
                return List.of();
            }
            body.remove(List.of("type", "file", "external", "file_upload"));
            body.setAll(file);
            body.set("caption", richText(body.get("caption"), context));
            if (!"file".equals(type)) {
                body.remove("name");
            }
            out.add(wrap(type, body));
            return out;
        }
        switch (type) {
            case "link_to_page" -> {
                String kind = body.path("type").asText();
                String old = body.path(kind).asText();
                Optional<String> id = context.newId(old);
                if (id.isEmpty()) {
                    context.lost("link_to_page " + old, "its target was not restored: kept as a link to its"
                            + " original URL");
                    ObjectNode paragraph = JSON.objectNode();
                    ArrayNode text = paragraph.putArray("rich_text");
                    text(text, Ids.url(old), Ids.url(old), null);
                    out.add(wrap("paragraph", paragraph));
                    return out;
                }
                ObjectNode link = JSON.objectNode().put("type", kind).put(kind, id.get());
                out.add(wrap(type, link));
                return out;
            }
            case "synced_block" -> {
                String original = body.path("synced_from").path("block_id").asText(null);
                if (original != null) {
                    Optional<String> id = context.newId(original);
                    if (id.isPresent()) {
                        body.putObject("synced_from").put("type", "block_id").put("block_id", id.get());
                    } else {
                        context.lost("synced block copy " + block.path("id").asText(), "its original was not"
                                + " restored: restored as an independent synced block with the content it showed");
                        body.putNull("synced_from");
                    }
                }
                out.add(wrap(type, body));
                return out;
            }
            case "table_row" -> {
                ArrayNode cells = JSON.arrayNode();
                for (JsonNode cell : body.path("cells")) {
                    cells.add(chunks(richText(cell, context)).get(0));
                }
                body.set("cells", cells);
                out.add(wrap(type, body));
                return out;
            }
            case "callout" -> {
                JsonNode icon = body.get("icon");
                if (icon != null && !"emoji".equals(icon.path("type").asText())) {
                    ObjectNode file = fileObject((ObjectNode) icon, folder.attachment(owner, "block",
                            block.path("id").asText(), 0), "a callout's icon", context);
                    if (file == null) {
                        body.remove("icon");
                    } else {
                        body.set("icon", file);
                    }
                }
            }
            case "bookmark", "embed" -> body.set("caption", richText(body.get("caption"), context));
            default -> {
                // the remaining fields of the type body are request fields as they are
            }
        }
        if (body.has("caption")) {
            body.set("caption", chunks(richText(body.get("caption"), context)).get(0));
        }
        if (TEXT_BLOCKS.contains(type)) {
            for (ArrayNode chunk : chunks(richText(body.get("rich_text"), context))) {
                ObjectNode part = body.deepCopy();
                part.set("rich_text", chunk);
                out.add(wrap(type, part));
            }
            return out;
        }
        out.add(wrap(type, body));
        return out;
    }

    static ObjectNode wrap(String type, ObjectNode body) {
        ObjectNode block = JSON.objectNode().put("object", "block").put("type", type);
        block.set(type, body);
        return block;
    }

    /**
     * A file object for a request: external files stay external, hosted files are uploaded from their local copy;
     * null when a hosted file has no local copy.
     */
    static ObjectNode fileObject(JsonNode file, Path local, String what, Context context) {
        String type = file.path("type").asText();
        if ("external".equals(type)) {
            ObjectNode out = JSON.objectNode().put("type", "external");
            out.putObject("external").put("url", file.path("external").path("url").asText());
            return out;
        }
        if ("emoji".equals(type)) {
            return JSON.objectNode().put("type", "emoji").put("emoji", file.path("emoji").asText());
        }
        Optional<String> upload = local == null ? Optional.empty() : context.upload(local);
        if (upload.isEmpty()) {
            context.lost(what, local == null ? "the export holds no local copy of the hosted file"
                    : "the file could not be uploaded");
            return null;
        }
        ObjectNode out = JSON.objectNode().put("type", "file_upload");
        out.putObject("file_upload").put("id", upload.get());
        return out;
    }
}
