package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.model.RichText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTML of blocks that are mostly a link or a file: images, audio, video and PDFs with players when the file is
 * local (or hosted by Notion), other files as download links, bookmarks and embeds, links to other exported objects,
 * meeting notes; plus page icons and covers. Captions become {@code <figcaption>}.
 */
final class HtmlMedia {

    private static final Map<String, String> MEETING_PARTS = Map.of(
            "summary_block_id", "summary", "notes_block_id", "notes", "transcript_block_id", "transcript");

    private final HtmlText text;
    private final Links links;
    private final String pageTitle;
    private final String parentId;

    /**
     * @param text the rich-text renderer
     * @param pageTitle the page's title
     * @param parentId the id of the page or database above it, or {@code null}
     */
    HtmlMedia(HtmlText text, String pageTitle, String parentId) {
        this.text = text;
        this.links = text.links();
        this.pageTitle = pageTitle;
        this.parentId = parentId;
    }

    private static String source(String url, boolean image) {
        return Html.safeUrl(url, image) ? " src=\"" + Html.escape(url) + "\"" : "";
    }

    /**
     * Returns an icon: the emoji, a custom emoji's image (or {@code :name:}), an uploaded or linked image.
     *
     * @param icon the icon object, possibly missing
     * @return the HTML, empty without icon
     */
    String icon(JsonNode icon) {
        return switch (icon.path("type").asText("")) {
            case "emoji" -> "<span class=\"icon\">" + Html.escape(icon.path("emoji").asText("")) + "</span>";
            case "custom_emoji" -> {
                JsonNode emoji = icon.path("custom_emoji");
                String name = ":" + emoji.path("name").asText("emoji") + ":";
                String url = emoji.path("url").asText("");
                yield url.isEmpty() ? "<span class=\"icon\">" + Html.escape(name) + "</span>"
                        : "<img class=\"icon\"" + source(links.href(url), true) + " alt=\"" + Html.escape(name) + "\">";
            }
            case "external", "file" -> {
                String destination = links.file(icon);
                yield destination.isEmpty() ? "" : "<img class=\"icon\"" + source(destination, true) + " alt=\"\">";
            }
            default -> "";
        };
    }

    /**
     * Returns a page's cover as a banner image.
     *
     * @param cover the cover file object, possibly missing or null
     * @return the HTML, empty without cover
     */
    String cover(JsonNode cover) {
        String destination = cover == null || !cover.isObject() ? "" : links.file(cover);
        return destination.isEmpty() ? "" : "<div class=\"cover\"><img" + source(destination, true) + " alt=\"\"></div>\n";
    }

    /**
     * Returns the breadcrumb block: the parent page or database, then this page.
     *
     * @return the HTML
     */
    String breadcrumb() {
        StringBuilder out = new StringBuilder("<p class=\"breadcrumb-block\">");
        if (parentId != null) {
            out.append(Html.link(links.object(parentId, null), Html.escape(links.title(parentId, null))))
                    .append(" › ");
        }
        return out.append(Html.escape(pageTitle.isBlank() ? "Untitled" : pageTitle)).append("</p>\n").toString();
    }

    /**
     * Returns a link to an exported page or database, with an icon for its kind.
     *
     * @param id its id
     * @param title its title as the block gives it, possibly blank
     * @param database whether it is a database
     * @return the HTML
     */
    String objectLink(String id, String title, boolean database) {
        String label = Html.escape(title.isBlank() ? links.title(id, title) : title);
        return "<p class=\"page-link " + (database ? "database" : "page") + "\">"
                + Html.link(links.object(id, title), label) + "</p>\n";
    }

    /**
     * Renders a {@code link_to_page} payload.
     *
     * @param content {@code {type: page_id|database_id|comment_id, ...}}
     * @return the HTML
     */
    String linkToPage(JsonNode content) {
        for (String field : List.of("page_id", "database_id")) {
            String id = content.path(field).asText("");
            if (!id.isEmpty()) {
                return objectLink(id, "", "database_id".equals(field));
            }
        }
        String comment = content.path("comment_id").asText("");
        return "<p>" + Html.escape(comment.isEmpty() ? "Link to page" : "Link to comment " + comment) + "</p>\n";
    }

    /**
     * Renders a bookmark, embed or link preview: a link labelled with the caption or the URL.
     *
     * @param content the payload with {@code url} and {@code caption}
     * @return the HTML
     */
    String bookmark(JsonNode content) {
        String url = content.path("url").asText("");
        String caption = text.render(content.get("caption"));
        if (url.isEmpty()) {
            return caption.isEmpty() ? "" : "<p>" + caption + "</p>\n";
        }
        String label = caption.isEmpty() ? Html.escape(url) : caption;
        String note = caption.isEmpty() ? "" : "<span class=\"url\">" + Html.escape(url) + "</span>";
        return "<div class=\"bookmark\">" + Html.link(links.href(url), label) + note + "</div>\n";
    }

    /**
     * Renders an image, or audio, video and PDF with a player when the file is local or hosted by Notion, or any
     * file as a link named by its file name; the caption below.
     *
     * @param type the block type
     * @param content the file object with {@code caption}
     * @return the HTML
     */
    String file(String type, JsonNode content) {
        String destination = links.file(content);
        String caption = text.render(content.get("caption"));
        String name = Links.fileName(content, type);
        if (destination.isEmpty()) {
            String upload = content.path("file_upload").path("id").asText("");
            String plain = RichText.plainText(content.get("caption"));
            return "<p class=\"file missing\">" + Html.escape(type + ": " + (plain.isBlank() ? name : plain)
                    + (upload.isEmpty() ? "" : " (file upload " + upload + ")")) + "</p>\n";
        }
        boolean playable = destination.startsWith("../") || "file".equals(content.path("type").asText(""));
        // a linked video or file is known by its address (a YouTube link's last segment is "watch")
        boolean linked = !destination.startsWith("../") && "external".equals(content.path("type").asText(""))
                && content.path("name").asText("").isBlank();
        String download = Html.link(destination, Html.escape(linked ? Links.fileUrl(content) : name), "file-link");
        String body = switch (type) {
            case "image" -> "<img" + source(destination, true) + " alt=\""
                    + Html.escape(RichText.plainText(content.get("caption"))) + "\" loading=\"lazy\">";
            case "video" -> playable ? "<video controls preload=\"metadata\"" + source(destination, false)
                    + "></video>" + download : download;
            case "audio" -> playable ? "<audio controls preload=\"metadata\"" + source(destination, false)
                    + "></audio>" + download : download;
            case "pdf" -> destination.startsWith("../") ? "<iframe class=\"pdf\"" + source(destination, false)
                    + " title=\"" + Html.escape(name) + "\"></iframe>" + download : download;
            default -> download;
        };
        return "<figure class=\"" + type + "\">" + body + (caption.isEmpty() ? "" : "<figcaption>" + caption
                + "</figcaption>") + "</figure>\n";
    }

    /**
     * Renders meeting notes: the title, the time, and the parts the export holds (already rendered, each under its
     * heading); when it holds none, where the summary, notes and transcript live in Notion.
     *
     * @param content the payload
     * @param parts the HTML of the parts, empty when the export holds none
     * @return the HTML
     */
    String meetingNotes(JsonNode content, String parts) {
        StringBuilder out = new StringBuilder("<div class=\"meeting-notes\"><p><strong>Meeting notes:</strong>");
        String title = text.render(content.get("title"));
        if (!title.isEmpty()) {
            out.append(' ').append(title);
        }
        JsonNode event = content.path("calendar_event");
        String start = event.path("start_time").asText("");
        if (!start.isEmpty()) {
            out.append("<br>").append(HtmlDates.html(start, event.path("end_time").asText(""), null));
        }
        if (!parts.isEmpty()) {
            return out.append("</p>\n").append(parts).append("</div>\n").toString();
        }
        List<String> where = new ArrayList<>();
        JsonNode children = content.path("children");
        for (String field : List.of("summary_block_id", "notes_block_id", "transcript_block_id")) {
            String id = children.path(field).asText("");
            if (!id.isEmpty()) {
                where.add(MEETING_PARTS.get(field) + " in block " + id);
            }
        }
        String note = where.isEmpty() ? "The summary, notes and transcript stay in Notion."
                : "The summary, notes and transcript stay in Notion (" + String.join(", ", where) + ").";
        return out.append("<br>").append(Html.escape(note)).append("</p></div>\n").toString();
    }
}
