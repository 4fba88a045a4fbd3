package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.model.RichText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Blocks that are mostly a link: references to other exported objects, bookmarks and embeds, files and media,
 * and meeting notes; plus icons and breadcrumbs.
 */
final class MediaMarkdown {

    private static final Map<String, String> MEETING_PARTS = Map.of(
            "summary_block_id", "summary", "notes_block_id", "notes", "transcript_block_id", "transcript");

    private final InlineMarkdown inline;
    private final Links links;
    private final String pageTitle;
    private final String parentId;

    /**
     * @param inline the rich-text renderer
     * @param links link targets of the page being rendered
     * @param pageTitle the page's title
     * @param parentId the id of the page or database above it, or {@code null}
     */
    MediaMarkdown(InlineMarkdown inline, Links links, String pageTitle, String parentId) {
        this.inline = inline;
        this.links = links;
        this.pageTitle = pageTitle;
        this.parentId = parentId;
    }

    private String escape(String text) {
        return inline.text(text, InlineMarkdown.Mode.BLOCK, 0);
    }

    /** A link labelled with escaped text. */
    private String link(String label, String destination) {
        return "[" + inline.text(label, InlineMarkdown.Mode.CELL, 0) + "](" + destination + ")";
    }

    /**
     * Returns an icon as Markdown: the emoji, {@code :name:} for a custom emoji (both escaped like any text: the API
     * does not check that an emoji is one), an image for a file icon.
     *
     * @param icon the icon object, possibly missing
     * @return the Markdown, empty without icon
     */
    String icon(JsonNode icon) {
        return switch (icon.path("type").asText("")) {
            case "emoji" -> escape(icon.path("emoji").asText(""));
            case "custom_emoji" -> escape(":" + icon.path("custom_emoji").path("name").asText("emoji") + ":");
            case "external", "file" -> {
                String destination = links.file(icon);
                yield destination.isEmpty() ? "" : "![](" + destination + ")";
            }
            default -> "";
        };
    }

    /**
     * Returns the breadcrumb line: the parent page or database, then this page.
     *
     * @return the Markdown
     */
    String breadcrumb() {
        StringBuilder out = new StringBuilder("Breadcrumb: ");
        if (parentId != null) {
            String title = links.title(parentId, null);
            out.append(link(title, links.object(parentId, null))).append(" › ");
        }
        return out.append(escape(pageTitle.isBlank() ? "Untitled" : pageTitle)).toString();
    }

    /**
     * Returns a link to an exported page or database.
     *
     * @param id its id
     * @param title its title as the block gives it, possibly blank
     * @return the Markdown
     */
    String objectLink(String id, String title) {
        return link(title.isBlank() ? links.title(id, title) : title, links.object(id, title));
    }

    /**
     * Renders a {@code link_to_page} payload.
     *
     * @param content {@code {type: page_id|database_id|comment_id, ...}}
     * @return the Markdown
     */
    String linkToPage(JsonNode content) {
        for (String field : List.of("page_id", "database_id")) {
            String id = content.path(field).asText("");
            if (!id.isEmpty()) {
                return link(links.title(id, null), links.object(id, null));
            }
        }
        String comment = content.path("comment_id").asText("");
        return escape(comment.isEmpty() ? "Link to page" : "Link to comment " + comment);
    }

    /**
     * Renders a bookmark, embed or link preview: a link labelled with the caption or the URL.
     *
     * @param content the payload with {@code url} and {@code caption}
     * @return the Markdown
     */
    String bookmark(JsonNode content) {
        String url = content.path("url").asText("");
        String caption = RichText.plainText(content.get("caption"));
        String destination = url.isEmpty() ? null : links.url(url);
        if (destination == null) {
            return escape(caption.isBlank() ? url : caption);
        }
        return link(caption.isBlank() ? url : caption, destination);
    }

    /**
     * Renders an image as an image, and a video, audio, PDF or file as a link named by its caption or file name.
     *
     * @param type the block type
     * @param content the file object with {@code caption}
     * @return the Markdown
     */
    String file(String type, JsonNode content) {
        String destination = links.file(content);
        String caption = RichText.plainText(content.get("caption"));
        String name = Links.fileName(content, type);
        if (destination.isEmpty()) {
            String upload = content.path("file_upload").path("id").asText("");
            return escape(type + ": " + (caption.isBlank() ? name : caption)
                    + (upload.isEmpty() ? "" : " (file upload " + upload + ")"));
        }
        if ("image".equals(type)) {
            return "!" + link(caption, destination);
        }
        return link(caption.isBlank() ? name : caption, destination);
    }

    /**
     * Renders meeting notes ({@code meeting_notes}, formerly {@code transcription}): the title, the time, and where
     * the summary, notes and transcript live.
     *
     * @param content the payload
     * @return the Markdown
     */
    String meetingNotes(JsonNode content) {
        String title = inline.render(content.get("title"), InlineMarkdown.Mode.BLOCK, 0);
        StringBuilder out = new StringBuilder("**Meeting notes:**");
        if (!title.isEmpty()) {
            out.append(' ').append(title);
        }
        JsonNode event = content.path("calendar_event");
        String start = event.path("start_time").asText("");
        if (!start.isEmpty()) {
            String end = event.path("end_time").asText("");
            out.append("\\\n").append(escape(start + (end.isEmpty() ? "" : " → " + end)));
        }
        List<String> parts = new ArrayList<>();
        JsonNode children = content.path("children");
        for (String field : List.of("summary_block_id", "notes_block_id", "transcript_block_id")) {
            String id = children.path(field).asText("");
            if (!id.isEmpty()) {
                parts.add(MEETING_PARTS.get(field) + " in block " + id);
            }
        }
        String where = parts.isEmpty() ? "The summary, notes and transcript stay in Notion."
                : "The summary, notes and transcript stay in Notion (" + String.join(", ", parts) + ").";
        return out.append("\\\n").append(escape(where)).toString();
    }
}
