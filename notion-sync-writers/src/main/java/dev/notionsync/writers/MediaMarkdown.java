package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.model.RichText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Blocks that are mostly a link: references to other exported objects, bookmarks and embeds, files and media,
 * and meeting notes; plus icons and breadcrumbs.
 */
final class MediaMarkdown {

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
        return icon(icon, InlineMarkdown.Mode.BLOCK);
    }

    /**
     * Returns an icon as Markdown for a place: {@link InlineMarkdown.Mode#HEADING} for the icon before a title.
     *
     * @param icon the icon object, possibly missing
     * @param mode where the icon goes
     * @return the Markdown, empty without icon
     */
    String icon(JsonNode icon, InlineMarkdown.Mode mode) {
        return switch (icon.path("type").asText("")) {
            case "emoji" -> inline.text(icon.path("emoji").asText(""), mode, 0);
            case "custom_emoji" -> inline.text(":" + icon.path("custom_emoji").path("name").asText("emoji") + ":",
                    mode, 0);
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
     * Renders an image as an image, and a video, audio, PDF or file as a link named by its file name; a caption
     * follows on the line below, in italics.
     *
     * @param type the block type
     * @param content the file object with {@code caption}
     * @return the Markdown
     */
    String file(String type, JsonNode content) {
        String destination = links.file(content);
        String caption = RichText.plainText(content.get("caption"));
        String name = Links.fileName(content, type);
        String media;
        if (destination.isEmpty()) {
            String upload = content.path("file_upload").path("id").asText("");
            media = escape(type + ": " + name + (upload.isEmpty() ? "" : " (file upload " + upload + ")"));
        } else if ("image".equals(type)) {
            // the caption is also the alt text, for readers that cannot show the image
            media = "!" + link(caption, destination);
        } else {
            // a link to a page (a video site) has no file name: the URL says more than its last segment
            boolean page = content.path("name").asText("").isBlank() && name.indexOf('.') < 0
                    && "external".equals(content.path("type").asText(""));
            media = link(page ? Links.fileUrl(content) : name, destination);
        }
        // the caption as Notion shows it, styles and links included, on the line below
        String shown = inline.render(content.get("caption"), InlineMarkdown.Mode.BLOCK, InlineMarkdown.ITALIC);
        return shown.isEmpty() ? media : media + "\\\n" + shown;
    }

    /** The parts of meeting notes, in the order Notion shows them: payload field and heading. */
    static final List<Map.Entry<String, String>> MEETING_PARTS = List.of(Map.entry("summary_block_id", "Summary"),
            Map.entry("notes_block_id", "Notes"), Map.entry("transcript_block_id", "Transcript"));

    /**
     * Renders the head of meeting notes ({@code meeting_notes}, formerly {@code transcription}): the title and the
     * time of the meeting.
     *
     * @param content the payload
     * @return the Markdown
     */
    String meetingHead(JsonNode content) {
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
        return out.toString();
    }

    /**
     * Says where the parts of meeting notes that the export does not hold stay.
     *
     * @param content the payload
     * @param absent the payload fields ({@code summary_block_id}, ...) of the parts not exported, in order
     * @return the Markdown of one sentence
     */
    String meetingElsewhere(JsonNode content, List<String> absent) {
        List<String> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        JsonNode children = content.path("children");
        for (String field : absent) {
            String name = MEETING_PARTS.stream().filter(e -> e.getKey().equals(field)).findFirst()
                    .map(e -> e.getValue().toLowerCase(Locale.ROOT)).orElse(field);
            names.add(name);
            String id = children.path(field).asText("");
            if (!id.isEmpty()) {
                parts.add(name + " in block " + id);
            }
        }
        String what = names.size() == MEETING_PARTS.size() ? "The summary, notes and transcript stay"
                : names.size() == 1 ? "The " + names.get(0) + " stays"
                : "The " + String.join(" and ", names) + " stay";
        return escape(parts.isEmpty() ? what + " in Notion." : what + " in Notion (" + String.join(", ", parts)
                + ").");
    }
}
