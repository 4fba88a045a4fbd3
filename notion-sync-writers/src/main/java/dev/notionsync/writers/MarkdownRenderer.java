package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.FileNames;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.Page;
import dev.notionsync.core.model.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders one exported page, row or database as a Markdown document: optional YAML front matter, the cover as an
 * image line, the title as {@code # Title} with the icon before it, the blocks (or, for a database, its data sources and schemas), and the open comments.
 *
 * <p>Nothing from Notion lands in the document raw: text is escaped, equations are made safe TeX
 * ({@link MarkdownText#math}), links keep only relative, {@code http}, {@code https} and {@code mailto} targets
 * (others are written as text), and NUL characters are dropped.
 *
 * <p>A pure function of the {@link PageExport} and the lookups it is built with, so it can be tested without files
 * and reused by other formats that start from Markdown.
 */
final class MarkdownRenderer {

    private final FileNames names;
    private final Function<String, Optional<User>> users;
    private final boolean frontMatter;

    /**
     * @param names the export's naming policy, for links between exported objects
     * @param users looks up users by id, for mentions, people and comment authors
     * @param frontMatter whether documents start with YAML front matter
     */
    MarkdownRenderer(FileNames names, Function<String, Optional<User>> users, boolean frontMatter) {
        this.names = Objects.requireNonNull(names, "names");
        this.users = Objects.requireNonNull(users, "users");
        this.frontMatter = frontMatter;
    }

    /**
     * Returns a renderer with the lookups and options of an export.
     *
     * @param context the export
     * @return the renderer
     */
    static MarkdownRenderer of(ExportContext context) {
        return new MarkdownRenderer(context.names(), context::user, context.spec().frontMatter());
    }

    /**
     * A rendered document.
     *
     * @param markdown the document, ending with a line break
     * @param skipped one event per block that could only be shown as a placeholder
     */
    record Rendered(String markdown, List<ExportEvent.Skipped> skipped) {
    }

    /**
     * Renders an exported object.
     *
     * @param export the page, row or database
     * @return the document and the blocks it could not render
     */
    Rendered render(PageExport export) {
        Links links = new Links(names, export.files(), ".md");
        InlineMarkdown inline = new InlineMarkdown(links, users);
        List<ExportEvent.Skipped> skipped = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        if (frontMatter) {
            out.append(new FrontMatter(links, users).render(export)).append('\n');
        }
        String parentId = export.source() instanceof Page page ? page.parentId().orElse(null) : null;
        MediaMarkdown media = new MediaMarkdown(inline, links, export.title(), parentId);
        String cover = links.file(export.source().json().path("cover"));
        if (!cover.isEmpty()) {
            out.append("![Cover](").append(cover).append(")\n\n");
        }
        String icon = media.icon(export.source().json().path("icon"), InlineMarkdown.Mode.HEADING);
        out.append("# ").append(icon.isEmpty() ? "" : icon + " ").append(title(export, inline)).append('\n');
        String body;
        if (export.source() instanceof Database database) {
            DatabaseMarkdown markdown = new DatabaseMarkdown(inline, links, names);
            body = markdown.render(database, export.dataSources());
            String views = markdown.views(export.views());
            if (!views.isEmpty()) {
                body = body.isEmpty() ? views : body + "\n\n" + views;
            }
        } else {
            body = new BlockMarkdown(inline, media, () -> TableOfContents.render(export.blocks(), inline), skipped,
                    names::isLinkTarget).render(export.tree()).text();
        }
        if (!body.isEmpty()) {
            out.append('\n').append(body).append('\n');
        }
        String comments = comments(export.comments(), inline, links);
        if (!comments.isEmpty()) {
            out.append("\n## Comments\n\n").append(comments).append('\n');
        }
        // NUL is not text: CommonMark readers replace it, many tools stop reading at it (the JSON keeps it)
        return new Rendered(out.toString().replace("\0", ""), List.copyOf(skipped));
    }

    /**
     * Renders the title of a page, row or database as heading text, with its styles and mentions.
     *
     * @param export the object
     * @param inline the rich-text renderer
     * @return the Markdown of the heading's text, never empty
     */
    static String title(PageExport export, InlineMarkdown inline) {
        String title = inline.render(titleText(export), InlineMarkdown.Mode.HEADING, 0);
        if (title.isEmpty()) {
            title = inline.text(export.title().isBlank() ? "Untitled" : export.title(), InlineMarkdown.Mode.HEADING, 0);
        }
        return title;
    }

    /** The rich text of an object's title: a database's title, or a page's title property; null when it has none. */
    static JsonNode titleText(PageExport export) {
        JsonNode json = export.source().json();
        if (export.source() instanceof Database) {
            return json.get("title");
        }
        for (Map.Entry<String, JsonNode> property : json.path("properties").properties()) {
            if ("title".equals(property.getValue().path("type").asText())) {
                return property.getValue().get("title");
            }
        }
        return null;
    }

    /** One list item per comment: author, time, text and attachments. */
    private String comments(List<Comment> comments, InlineMarkdown inline, Links links) {
        StringBuilder out = new StringBuilder();
        for (Comment comment : comments) {
            JsonNode json = comment.json();
            StringBuilder item = new StringBuilder(inline.text(author(json), InlineMarkdown.Mode.BLOCK,
                    InlineMarkdown.BOLD));
            String time = json.path("created_time").asText("");
            if (!time.isEmpty()) {
                item.append(" · ").append(inline.text(time, InlineMarkdown.Mode.BLOCK, 0));
            }
            JsonNode parent = json.path("parent");
            if ("block_id".equals(parent.path("type").asText())) {
                item.append(" · ").append(inline.text("on block " + parent.path("block_id").asText(""),
                        InlineMarkdown.Mode.BLOCK, 0));
            }
            String text = inline.render(json.get("rich_text"), InlineMarkdown.Mode.BLOCK, 0);
            if (!text.isEmpty()) {
                item.append("\\\n").append(text);
            }
            for (JsonNode attachment : json.path("attachments")) {
                String destination = links.file(attachment);
                if (!destination.isEmpty()) {
                    String label = Links.fileName(attachment, attachment.path("category").asText("attachment"));
                    item.append("\\\n[").append(inline.text(label, InlineMarkdown.Mode.CELL, 0)).append("](")
                            .append(destination).append(')');
                }
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("- ").append(MarkdownText.indent(item.toString(), "  ", true));
        }
        return out.toString();
    }

    private String author(JsonNode comment) {
        String resolved = comment.path("display_name").path("resolved_name").asText("");
        if (!resolved.isBlank()) {
            return resolved;
        }
        JsonNode by = comment.path("created_by");
        String name = by.path("name").asText("");
        if (!name.isBlank()) {
            return name;
        }
        return UserNames.author(by.path("id").asText(""), users);
    }
}
