package dev.notionsync.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * An open (unresolved) comment on a page or block.
 *
 * @param json the raw comment object
 * @since 0.1
 */
public record Comment(ObjectNode json) implements NotionObject {

    /**
     * Creates a comment.
     *
     * @param json the raw comment object
     * @throws NullPointerException if {@code json} is {@code null}
     */
    public Comment {
        Objects.requireNonNull(json, "json");
    }

    /**
     * Returns the comment's plain text.
     *
     * @return the text
     */
    public String text() {
        return RichText.plainText(json.get("rich_text"));
    }

    /**
     * Returns the id of the discussion thread the comment belongs to.
     *
     * @return the discussion id
     */
    public String discussionId() {
        return json.path("discussion_id").asText("");
    }
}
