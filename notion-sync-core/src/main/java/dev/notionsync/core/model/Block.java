package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A block, with its depth in the tree it was read from (0 for the direct children of a page).
 *
 * <p>Blocks are kept as raw JSON: there is no subclass per block type, so a block type this library has never seen
 * is exported losslessly.
 *
 * @param json the raw block object
 * @param depth the depth below the page or block whose tree was expanded
 * @since 0.1
 */
public record Block(ObjectNode json, int depth) implements NotionObject {

    /**
     * Creates a block.
     *
     * @param json the raw block object
     * @param depth the depth, zero or more
     * @throws NullPointerException if {@code json} is {@code null}
     * @throws IllegalArgumentException if {@code depth} is negative
     */
    public Block {
        Objects.requireNonNull(json, "json");
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative: " + depth);
        }
    }

    /**
     * Returns the block type, for instance {@code paragraph}. For {@code unsupported} blocks this is
     * {@code unsupported}; see {@link #unsupportedType()}.
     *
     * @return the type
     */
    public String type() {
        return json.path("type").asText();
    }

    /**
     * Returns the type-specific payload: the value of the field named after {@link #type()}.
     *
     * @return the payload, or an empty object
     */
    public JsonNode content() {
        JsonNode content = json.get(type());
        return content != null ? content : json.objectNode();
    }

    /**
     * Returns whether Notion says the block has children.
     *
     * @return {@code has_children}
     */
    public boolean hasChildren() {
        return json.path("has_children").asBoolean(false);
    }

    /**
     * Returns whether the block is a child page or a child database: an object of its own, exported on its own,
     * whose content is never part of this block's tree.
     *
     * @return {@code true} for {@code child_page} and {@code child_database}
     */
    public boolean isChildObject() {
        String type = type();
        return "child_page".equals(type) || "child_database".equals(type);
    }

    /**
     * Returns the real type behind an {@code unsupported} block ({@code unsupported.block_type}).
     *
     * @return the real type, if this block is unsupported by the API
     */
    public Optional<String> unsupportedType() {
        if (!"unsupported".equals(type())) {
            return Optional.empty();
        }
        String real = content().path("block_type").asText("");
        return Optional.of(real.isEmpty() ? "unknown" : real);
    }

    /**
     * For a synced-block copy, returns the id of the original whose children it shows.
     *
     * @return the original's id; empty for originals and other block types
     */
    public Optional<String> syncedFrom() {
        if (!"synced_block".equals(type())) {
            return Optional.empty();
        }
        JsonNode from = content().path("synced_from");
        String id = from.path("block_id").asText("");
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /**
     * For meeting notes ({@code meeting_notes}, named {@code transcription} before Notion-Version 2026-03-11), returns
     * the ids of the blocks that hold its parts, in the order Notion shows them: {@code summary}, {@code notes},
     * {@code transcript}. A part Notion gives no id is absent. The content of a part is the children of its block.
     *
     * @return part name to block id; empty for other block types
     */
    public Map<String, String> meetingNotesParts() {
        String type = type();
        if (!"meeting_notes".equals(type) && !"transcription".equals(type)) {
            return Map.of();
        }
        JsonNode children = content().path("children");
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : new String[] {"summary", "notes", "transcript"}) {
            String id = children.path(part + "_block_id").asText("");
            if (!id.isEmpty()) {
                parts.put(part, id);
            }
        }
        return Collections.unmodifiableMap(parts);
    }

    /**
     * Returns a copy of this block at another depth.
     *
     * @param newDepth the depth
     * @return the copy
     */
    public Block withDepth(int newDepth) {
        return newDepth == depth ? this : new Block(json, newDepth);
    }
}
