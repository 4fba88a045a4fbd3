package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport.BlockNode;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.RichText;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Renders a block tree as CommonMark. Every block becomes a {@link Chunk}; siblings are joined by a blank line,
 * list items of one list by a line break, and two lists of the same kind that Notion keeps apart get an HTML comment
 * between them so that CommonMark does not merge them (which would also lose a numbering restart).
 */
final class BlockMarkdown {

    /** The kind of list a chunk starts or ends with, which decides how it joins its neighbours. */
    enum Kind { NONE, BULLET, ORDERED }

    /**
     * A rendered block (or run of blocks).
     *
     * @param text the Markdown, without surrounding blank lines; empty for blocks that render to nothing
     * @param start the list kind the text starts with
     * @param end the list kind the text ends with
     * @param item whether the chunk is a single list item, which may sit right below the previous one
     */
    record Chunk(String text, Kind start, Kind end, boolean item) {
        static final Chunk EMPTY = new Chunk("", Kind.NONE, Kind.NONE, false);
    }

    private final InlineMarkdown inline;
    private final MediaMarkdown media;
    private final TableMarkdown tables;
    private final Supplier<String> tableOfContents;
    private String toc;
    private final List<ExportEvent.Skipped> skipped;
    /** Blocks a link of the export points at: they get an anchor. */
    private final Predicate<String> anchored;

    /**
     * @param tableOfContents renders the page's table of contents; called only when the page has a
     *     {@code table_of_contents} block, at most once
     * @param anchored whether a block is a link target (it gets an anchor)
     */
    BlockMarkdown(InlineMarkdown inline, MediaMarkdown media, Supplier<String> tableOfContents,
            List<ExportEvent.Skipped> skipped, Predicate<String> anchored) {
        this.anchored = anchored;
        this.inline = inline;
        this.media = media;
        this.tables = new TableMarkdown(inline);
        this.tableOfContents = tableOfContents;
        this.skipped = skipped;
    }

    // most pages have no table of contents: its headings are read only for those that do
    private String tableOfContents() {
        if (toc == null) {
            toc = tableOfContents.get();
        }
        return toc;
    }

    /**
     * Renders siblings in order.
     *
     * @param nodes the blocks
     * @return the joined chunk
     */
    Chunk render(List<BlockNode> nodes) {
        StringBuilder out = new StringBuilder();
        Chunk first = null;
        Chunk previous = null;
        boolean gap = false;
        String previousType = "";
        int number = 0;
        for (BlockNode node : nodes) {
            String type = node.block().type();
            if ("numbered_list_item".equals(type)) {
                number = "numbered_list_item".equals(previousType) ? number + 1
                        : Math.max(0, node.block().content().path("list_start_index").asInt(1));
            }
            previousType = type;
            Chunk chunk = block(node, number);
            if (chunk.text().isEmpty()) {
                gap = true;
                continue;
            }
            if (anchored.test(node.block().id())) {
                // a link of the export points at this block: an anchor on a line of its own (a paragraph holding only
                // inline HTML, which CommonMark and GitHub render as an empty target), apart from the block
                chunk = new Chunk("<a id=\"" + Links.anchor(node.block().id()) + "\"></a>\n\n" + chunk.text(),
                        Kind.NONE, chunk.end(), false);
            }
            if (previous != null) {
                out.append(separator(previous, chunk, gap));
            } else {
                first = chunk;
            }
            out.append(chunk.text());
            previous = chunk;
            gap = false;
        }
        if (first == null) {
            return Chunk.EMPTY;
        }
        boolean single = first == previous && first.item();
        return new Chunk(out.toString(), first.start(), previous.end(), single);
    }

    private static String separator(Chunk previous, Chunk next, boolean gap) {
        if (previous.end() == Kind.NONE || previous.end() != next.start()) {
            return "\n\n";
        }
        return !gap && previous.item() && next.item() ? "\n" : "\n\n<!-- -->\n\n";
    }

    private Chunk block(BlockNode node, int number) {
        Block block = node.block();
        JsonNode content = block.content();
        String missing = missing(block.type(), content);
        if (missing != null) {
            return unsupported(node, block.type(), "its " + missing + " is missing");
        }
        JsonNode text = content.get("rich_text");
        // a block's colour colours all of its text, as in Notion
        int color = Colors.bit(content.path("color").asText(""));
        return switch (block.type()) {
            case "paragraph" -> sameLevel(rich(text, color), node);
            case "heading_1", "heading_2", "heading_3", "heading_4" -> {
                String hashes = "#".repeat(block.type().charAt(8) - '0');
                String heading = inline.render(text, InlineMarkdown.Mode.HEADING, color);
                yield sameLevel(heading.isEmpty() ? hashes : hashes + " " + heading, node);
            }
            case "bulleted_list_item", "toggle", "template" -> item("-", 2, rich(text, color), node, Kind.BULLET);
            case "numbered_list_item" -> {
                String marker = number + ".";
                yield item(marker, marker.length() + 1, rich(text, color), node, Kind.ORDERED);
            }
            case "to_do" -> item(content.path("checked").asBoolean() ? "- [x]" : "- [ ]", 2, rich(text, color), node,
                    Kind.BULLET);
            case "quote" -> quote(rich(text, color), node);
            case "callout" -> {
                String icon = media.icon(content.path("icon"));
                String body = rich(text, color);
                yield quote(icon.isEmpty() ? body : body.isEmpty() ? icon : icon + " " + body, node);
            }
            case "code" -> codeBlock(node);
            case "equation" -> sameLevel(equation(content.path("expression").asText("")), node);
            case "divider" -> sameLevel("---", node);
            case "breadcrumb" -> sameLevel(media.breadcrumb(), node);
            case "table_of_contents" -> tableOfContents().isEmpty() ? render(node.children())
                    : new Chunk(tableOfContents(), Kind.BULLET, Kind.BULLET, false);
            case "column_list", "column", "synced_block" -> render(node.children());
            case "tab" -> tabs(node);
            case "table" -> plain(tables.render(node));
            case "child_page", "child_database" -> sameLevel(
                    media.objectLink(block.id(), content.path("title").asText("")), node);
            case "link_to_page" -> sameLevel(media.linkToPage(content), node);
            case "bookmark", "embed", "link_preview" -> sameLevel(media.bookmark(content), node);
            case "image", "video", "audio", "pdf", "file" -> sameLevel(media.file(block.type(), content), node);
            case "meeting_notes", "transcription" -> meetingNotes(node);
            case "unsupported" -> unsupported(node, block.unsupportedType().orElse("unknown"), null);
            default -> unsupported(node, block.type(), null);
        };
    }

    /**
     * Renders meeting notes: the head, then the summary, notes and transcript under headings of their own when the
     * export holds their blocks, else a note saying they stay in Notion. A child of the meeting-notes block belongs to
     * a part when it is the part's block itself (its id is the part's {@code summary_block_id}, ...: shown itself when
     * it is a text block with text, else by its children) or when it is a child of that block ({@code parent.block_id}
     * is the part's id). Other children follow the parts.
     */
    private Chunk meetingNotes(BlockNode node) {
        JsonNode content = node.block().content();
        JsonNode ids = content.path("children");
        List<BlockNode> rest = new ArrayList<>(node.children());
        StringBuilder out = new StringBuilder(media.meetingHead(content));
        List<String> absent = new ArrayList<>();
        StringBuilder parts = new StringBuilder();
        for (Map.Entry<String, String> part : MediaMarkdown.MEETING_PARTS) {
            String id = RowSpool.key(ids.path(part.getKey()).asText(""));
            List<BlockNode> blocks = new ArrayList<>();
            if (!id.isEmpty()) {
                for (Iterator<BlockNode> it = rest.iterator(); it.hasNext(); ) {
                    BlockNode child = it.next();
                    if (id.equals(RowSpool.key(child.block().id()))) {
                        // the part's block: shown itself when it holds text, else (a container) by its children
                        boolean text = TEXT_TYPES.contains(child.block().type())
                                && !child.block().content().path("rich_text").isEmpty();
                        if (text || child.children().isEmpty()) {
                            blocks.add(child);
                        } else {
                            blocks.addAll(child.children());
                        }
                        it.remove();
                    } else if (id.equals(RowSpool.key(child.block().json().path("parent").path("block_id")
                            .asText("")))) {
                        blocks.add(child);
                        it.remove();
                    }
                }
            }
            Chunk body = render(blocks);
            if (body.text().isEmpty()) {
                absent.add(part.getKey());
            } else {
                parts.append("\n\n#### ").append(part.getValue()).append("\n\n").append(body.text());
            }
        }
        if (!absent.isEmpty()) {
            out.append(parts.length() == 0 ? "\\\n" : "\n\n").append(media.meetingElsewhere(content, absent));
        }
        out.append(parts);
        Chunk others = render(rest);
        if (others.text().isEmpty()) {
            return new Chunk(out.toString(), Kind.NONE, Kind.NONE, false);
        }
        return new Chunk(out + "\n\n" + others.text(), Kind.NONE, others.end(), false);
    }

    /** Block types whose payload must hold a rich-text array. */
    private static final Set<String> TEXT_TYPES = Set.of("paragraph", "heading_1", "heading_2",
            "heading_3", "heading_4", "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote",
            "callout", "code", "template");
    /** Block types whose payload is a file object. */
    private static final Set<String> FILE_TYPES = Set.of("image", "video", "audio", "pdf", "file");

    /**
     * Returns what a known block's payload lacks, so it is not rendered as if it were empty.
     *
     * @return {@code null} when nothing is missing (or the type is not known here), else the missing field
     */
    private static String missing(String type, JsonNode content) {
        boolean known = TEXT_TYPES.contains(type) || FILE_TYPES.contains(type) || "equation".equals(type)
                || "bookmark".equals(type) || "embed".equals(type);
        if (!known) {
            return null;
        }
        if (!content.isObject()) {
            return type + " payload";
        }
        if (TEXT_TYPES.contains(type) && !content.path("rich_text").isArray()) {
            return "rich_text";
        }
        if (FILE_TYPES.contains(type) && Links.fileUrl(content).isEmpty()
                && content.path("file_upload").path("id").asText("").isEmpty()) {
            return "file";
        }
        if ("equation".equals(type) && !content.path("expression").isTextual()) {
            return "expression";
        }
        if (("bookmark".equals(type) || "embed".equals(type)) && !content.path("url").isTextual()) {
            return "url";
        }
        return null;
    }

    private String rich(JsonNode text) {
        return rich(text, 0);
    }

    private String rich(JsonNode text, int color) {
        return inline.render(text, InlineMarkdown.Mode.BLOCK, color);
    }

    /** A block whose children (indented in Notion) follow it at the same level: Markdown cannot indent them. */
    private Chunk sameLevel(String own, BlockNode node) {
        Chunk children = render(node.children());
        if (own.isEmpty()) {
            return children;
        }
        if (children.text().isEmpty()) {
            return new Chunk(own, Kind.NONE, Kind.NONE, false);
        }
        return new Chunk(own + "\n\n" + children.text(), Kind.NONE, children.end(), false);
    }

    private static Chunk plain(String text) {
        return text.isEmpty() ? Chunk.EMPTY : new Chunk(text, Kind.NONE, Kind.NONE, false);
    }

    private Chunk item(String marker, int width, String text, BlockNode node, Kind kind) {
        String indent = " ".repeat(width);
        StringBuilder out = new StringBuilder(marker);
        if (!text.isEmpty()) {
            out.append(' ').append(MarkdownText.indent(text, indent, true));
        }
        Chunk children = render(node.children());
        if (!children.text().isEmpty()) {
            // A paragraph right below the item's text would continue it; a list may follow directly.
            out.append(text.isEmpty() || children.start() != Kind.NONE ? "\n" : "\n\n")
                    .append(MarkdownText.indent(children.text(), indent, false));
        }
        return new Chunk(out.toString(), kind, kind, true);
    }

    private Chunk quote(String text, BlockNode node) {
        Chunk children = render(node.children());
        String body = children.text().isEmpty() ? text
                : text.isEmpty() ? children.text() : text + "\n\n" + children.text();
        return new Chunk(MarkdownText.quote(body), Kind.NONE, Kind.NONE, false);
    }

    private static String code(JsonNode content) {
        String code = RichText.plainText(content.get("rich_text")).replace("\r\n", "\n");
        String fence = MarkdownText.fence(code);
        return fence + Languages.infoString(content.path("language").asText("")) + "\n" + code
                + (code.isEmpty() || code.endsWith("\n") ? "" : "\n") + fence;
    }

    private static String equation(String expression) {
        String body = expression.strip().replaceAll("\n[ \t]*\n", "\n");
        return body.isEmpty() ? "" : "$$\n" + MarkdownText.math(body, false) + "\n$$";
    }

    private Chunk tabs(BlockNode node) {
        StringBuilder out = new StringBuilder();
        Kind end = Kind.NONE;
        for (BlockNode tab : node.children()) {
            JsonNode content = tab.block().content();
            String icon = media.icon(content.path("icon"));
            String label = inline.render(content.get("rich_text"), InlineMarkdown.Mode.BLOCK, InlineMarkdown.BOLD);
            String own = icon.isEmpty() ? label : label.isEmpty() ? icon : icon + " " + label;
            Chunk chunk = sameLevel(own.isEmpty() ? "**Tab**" : own, tab);
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(chunk.text());
            end = chunk.end();
        }
        return new Chunk(out.toString(), Kind.NONE, end, false);
    }

    /**
     * A visible placeholder for a block that cannot be rendered, with every piece of text its payload holds, and
     * a skipped event.
     *
     * @param missing what a known block lacks, or {@code null} for a type this renderer does not know
     */
    private Chunk unsupported(BlockNode node, String type, String missing) {
        String id = node.block().id();
        skipped.add(new ExportEvent.Skipped(id, ExportEvent.Reasons.UNSUPPORTED_BLOCK, "block " + id + " of type "
                + type + (missing == null ? "" : " is malformed (" + missing + ")")
                + " and cannot be rendered as Markdown; its JSON is kept"));
        StringBuilder note = new StringBuilder(missing == null ? "⚠️ Unsupported block: " : "⚠️ Malformed block: ");
        note.append(new MarkdownText.Escaper(false, false).escape(type));
        List<JsonNode> texts = new ArrayList<>();
        richTexts(node.block().json().path(node.block().type()), texts);
        for (JsonNode text : texts) {
            String rendered = rich(text);
            if (!rendered.isEmpty()) {
                note.append("\n\n").append(rendered);
            }
        }
        return sameLevel(MarkdownText.quote(note.toString()), node);
    }

    /** Collects every rich-text array in a payload, in document order, however deep. */
    private static void richTexts(JsonNode node, List<JsonNode> out) {
        if (node.isArray()) {
            if (!node.isEmpty() && richText(node)) {
                out.add(node);
                return;
            }
            node.forEach(item -> richTexts(item, out));
        } else if (node.isObject()) {
            node.elements().forEachRemaining(value -> richTexts(value, out));
        }
    }

    private static boolean richText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.path("plain_text").isTextual() && !item.path("text").path("content")
                    .isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** Renders a code block with its caption below. */
    private Chunk codeBlock(BlockNode node) {
        String caption = rich(node.block().content().get("caption"));
        String code = code(node.block().content());
        return sameLevel(caption.isEmpty() ? code : code + "\n\n" + caption, node);
    }
}
