package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport.BlockNode;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.RichText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a block tree straight to HTML, keeping Notion's structure: list items in {@code <ul>}/{@code <ol>} with
 * their children nested, toggles and toggle headings as {@code <details>}, columns side by side, callouts with
 * their icon, tables, equations as {@code <div class="math">} with the LaTeX source untouched, colours as classes.
 * Every heading gets the anchor its table-of-contents entry links to.
 */
final class HtmlBlocks {

    private final HtmlText text;
    private final HtmlMedia media;
    private final Map<String, String> anchors;
    private final List<Block> blocks;
    private String tableOfContents;
    private final List<ExportEvent.Skipped> skipped;

    /**
     * @param text the rich-text renderer
     * @param media the renderer of files, links and icons
     * @param blocks the page's blocks in document order, for the heading anchors and the table of contents
     * @param skipped receives one event per block that could only be shown as a placeholder
     */
    HtmlBlocks(HtmlText text, HtmlMedia media, List<Block> blocks, List<ExportEvent.Skipped> skipped) {
        this.text = text;
        this.media = media;
        this.anchors = anchors(blocks);
        this.blocks = blocks;
        this.skipped = skipped;
    }

    /** The anchor of every non-blank heading, by block id: GitHub-style slugs, {@code -1}, {@code -2} for repeats. */
    private static Map<String, String> anchors(List<Block> blocks) {
        Map<String, String> anchors = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Block block : blocks) {
            String plain = level(block) == 0 ? "" : RichText.plainText(block.content().get("rich_text"));
            if (!plain.isBlank()) {
                String slug = Links.slug(plain);
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.put(block.id(), count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    private static String tableOfContents(List<Block> blocks, Map<String, String> anchors) {
        int top = Integer.MAX_VALUE;
        for (Block block : blocks) {
            if (anchors.containsKey(block.id())) {
                top = Math.min(top, level(block));
            }
        }
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            String anchor = anchors.get(block.id());
            if (anchor != null) {
                out.append("<li class=\"toc-").append(level(block) - top).append("\"><a href=\"#")
                        .append(Html.escape(MarkdownText.segment(anchor))).append("\">")
                        .append(HtmlText.text(RichText.plainText(block.content().get("rich_text"))))
                        .append("</a></li>\n");
            }
        }
        return out.length() == 0 ? "" : "<nav class=\"toc\"><ul>\n" + out + "</ul></nav>\n";
    }

    private static int level(Block block) {
        String type = block.type();
        return type.startsWith("heading_") && type.length() == 9 && type.charAt(8) >= '1' && type.charAt(8) <= '4'
                ? type.charAt(8) - '0' : 0;
    }

    /**
     * Renders siblings in order, grouping list items into lists.
     *
     * @param nodes the blocks
     * @param out the destination
     */
    void render(List<BlockNode> nodes, StringBuilder out) {
        String list = null;
        int next = 0;
        for (BlockNode node : nodes) {
            String type = node.block().type();
            String wanted = switch (type) {
                case "bulleted_list_item" -> "ul";
                case "numbered_list_item" -> "ol";
                case "to_do" -> "ul class=\"todo\"";
                default -> null;
            };
            if (list != null && !list.equals(wanted)) {
                out.append(list.startsWith("ol") ? "</ol>\n" : "</ul>\n");
                list = null;
            }
            if (wanted != null && list == null) {
                list = wanted;
                if ("ol".equals(wanted)) {
                    next = Math.max(0, node.block().content().path("list_start_index").asInt(1));
                    out.append(next == 1 ? "<ol>\n" : "<ol start=\"" + next + "\">\n");
                } else {
                    out.append('<').append(wanted).append(">\n");
                }
            }
            block(node, out);
        }
        if (list != null) {
            out.append(list.startsWith("ol") ? "</ol>\n" : "</ul>\n");
        }
    }

    private String classes(String base, JsonNode content) {
        String color = HtmlText.colorClass(content.path("color").asText(""));
        String all = color.isEmpty() ? base : base.isEmpty() ? color : base + " " + color;
        return all.isEmpty() ? "" : " class=\"" + all + "\"";
    }

    private void block(BlockNode node, StringBuilder out) {
        // rendered apart, so the anchor goes in near the start of a short buffer, not of the whole page
        StringBuilder own = new StringBuilder();
        element(node, own);
        anchor(own, 0, Links.anchor(node.block().id()));
        out.append(own);
    }

    /**
     * Gives the block's first element the block's id, so a link to {@code page.html#<block id>} (a Notion block
     * link) lands on it. An element that has an id already (a heading's table-of-contents anchor) gets an empty
     * anchor inside instead; a block that rendered nothing has no place to land.
     */
    private static void anchor(StringBuilder out, int start, String id) {
        int open = out.indexOf("<", start);
        if (open < 0 || open + 1 >= out.length() || !Character.isLetter(out.charAt(open + 1))) {
            return;
        }
        int end = out.indexOf(">", open);
        int name = open + 1;
        while (name < end && Character.isLetterOrDigit(out.charAt(name))) {
            name++;
        }
        String tag = out.substring(open, end);
        if (tag.contains(" id=\"")) {
            out.insert(end + 1, "<a id=\"" + id + "\"></a>");
        } else {
            out.insert(name, " id=\"" + id + "\"");
        }
    }

    private void element(BlockNode node, StringBuilder out) {
        Block block = node.block();
        JsonNode content = block.content();
        String rich = text.render(content.get("rich_text"));
        switch (block.type()) {
            case "paragraph" -> {
                if (!rich.isEmpty()) {
                    out.append("<p").append(classes("", content)).append('>').append(rich).append("</p>\n");
                }
                indented(node, out);
            }
            case "heading_1", "heading_2", "heading_3", "heading_4" -> heading(node, rich, out);
            case "bulleted_list_item", "numbered_list_item" -> item(node, rich, "", out);
            case "to_do" -> {
                boolean checked = content.path("checked").asBoolean();
                item(node, "<input type=\"checkbox\" disabled" + (checked ? " checked" : "") + "> "
                        + (checked ? "<span class=\"done\">" + rich + "</span>" : rich), checked ? "checked" : "", out);
            }
            case "toggle", "template" -> {
                out.append("<details").append(classes(block.type(), content)).append("><summary>").append(rich)
                        .append("</summary>\n");
                render(node.children(), out);
                out.append("</details>\n");
            }
            case "quote" -> {
                out.append("<blockquote").append(classes("", content)).append('>');
                if (!rich.isEmpty()) {
                    out.append("<p>").append(rich).append("</p>\n");
                }
                render(node.children(), out);
                out.append("</blockquote>\n");
            }
            case "callout" -> {
                String color = content.path("color").asText("gray_background");
                out.append("<aside class=\"callout ").append(HtmlText.colorClass(color)).append("\">")
                        .append(media.icon(content.path("icon"))).append("<div class=\"callout-body\">");
                if (!rich.isEmpty()) {
                    out.append("<p>").append(rich).append("</p>\n");
                }
                render(node.children(), out);
                out.append("</div></aside>\n");
            }
            case "code" -> {
                String code = RichText.plainText(content.get("rich_text")).replace("\r\n", "\n");
                String language = Languages.infoString(content.path("language").asText(""));
                String caption = text.render(content.get("caption"));
                out.append("<figure class=\"code\"><pre><code").append(language.isEmpty() ? ""
                        : " class=\"language-" + Html.escape(language) + "\"").append('>').append(Html.escape(code))
                        .append("</code></pre>").append(caption.isEmpty() ? "" : "<figcaption>" + caption
                                + "</figcaption>").append("</figure>\n");
                indented(node, out);
            }
            case "equation" -> {
                String expression = content.path("expression").asText("").strip();
                if (!expression.isEmpty()) {
                    out.append("<div class=\"math math-display\">").append(Html.escape(expression)).append("</div>\n");
                }
                indented(node, out);
            }
            case "divider" -> {
                out.append("<hr>\n");
                indented(node, out);
            }
            case "breadcrumb" -> {
                out.append(media.breadcrumb());
                indented(node, out);
            }
            case "table_of_contents" -> {
                if (tableOfContents == null) {
                    // most pages have none: it is rendered for those that do
                    tableOfContents = tableOfContents(blocks, anchors);
                }
                out.append(tableOfContents);
                indented(node, out);
            }
            case "column_list" -> {
                out.append("<div class=\"columns\">\n");
                for (BlockNode column : node.children()) {
                    out.append("<div class=\"column\">\n");
                    render("column".equals(column.block().type()) ? column.children() : List.of(column), out);
                    out.append("</div>\n");
                }
                out.append("</div>\n");
            }
            case "column", "synced_block" -> render(node.children(), out);
            case "tab" -> tabs(node, out);
            case "table" -> table(node, out);
            case "meeting_notes", "transcription" -> meetingNotes(node, out);
            case "child_page", "child_database", "link_to_page", "bookmark", "embed", "link_preview", "image",
                    "video", "audio", "pdf", "file" -> {
                out.append(leaf(block));
                indented(node, out);
            }
            case "unsupported" -> unsupported(node, block.unsupportedType().orElse("unknown"), out);
            default -> unsupported(node, block.type(), out);
        }
    }

    /** A block that is mostly a link or a file. */
    private String leaf(Block block) {
        JsonNode content = block.content();
        return switch (block.type()) {
            case "child_page", "child_database" -> media.objectLink(block.id(), content.path("title").asText(""),
                    "child_database".equals(block.type()));
            case "link_to_page" -> media.linkToPage(content);
            case "bookmark", "embed", "link_preview" -> media.bookmark(content);
            default -> media.file(block.type(), content);
        };
    }

    /**
     * Meeting notes with their parts, each under its heading (Summary, Notes, Transcript). A child belongs to a part
     * when it is the part's block or its parent is; other children follow, indented.
     */
    private void meetingNotes(BlockNode node, StringBuilder out) {
        Map<String, String> parts = node.block().meetingNotesParts();
        Map<String, List<BlockNode>> byPart = new LinkedHashMap<>();
        List<BlockNode> others = new ArrayList<>();
        for (BlockNode child : node.children()) {
            Block block = child.block();
            String parent = block.json().path("parent").path("block_id").asText("");
            String part = parts.entrySet().stream()
                    .filter(entry -> sameId(entry.getValue(), block.id()) || sameId(entry.getValue(), parent))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (part == null) {
                others.add(child);
            } else {
                byPart.computeIfAbsent(part, key -> new ArrayList<>()).add(child);
            }
        }
        StringBuilder body = new StringBuilder();
        byPart.forEach((part, blocks) -> {
            body.append("<h4 class=\"meeting-part\">").append(Character.toUpperCase(part.charAt(0)))
                    .append(part, 1, part.length()).append("</h4>\n");
            render(blocks, body);
        });
        out.append(media.meetingNotes(node.block().content(), body.toString()));
        if (!others.isEmpty()) {
            out.append("<div class=\"indent\">\n");
            render(others, out);
            out.append("</div>\n");
        }
    }

    private static boolean sameId(String id, String other) {
        // Notion writes ids with dashes, but an id without them names the same block
        return !other.isEmpty() && id.replace("-", "").equalsIgnoreCase(other.replace("-", ""));
    }

    /** Children of a block that has no room for them inside (Notion shows them indented). */
    private void indented(BlockNode node, StringBuilder out) {
        if (!node.children().isEmpty()) {
            out.append("<div class=\"indent\">\n");
            render(node.children(), out);
            out.append("</div>\n");
        }
    }

    private void heading(BlockNode node, String rich, StringBuilder out) {
        JsonNode content = node.block().content();
        int level = level(node.block());
        String anchor = anchors.get(node.block().id());
        String open = "<h" + level + (anchor == null ? "" : " id=\"" + Html.escape(anchor) + "\"")
                + classes("", content) + ">" + rich + "</h" + level + ">";
        if (content.path("is_toggleable").asBoolean(false)) {
            out.append("<details class=\"toggle-heading\"><summary>").append(open).append("</summary>\n");
            render(node.children(), out);
            out.append("</details>\n");
        } else {
            out.append(open).append('\n');
            indented(node, out);
        }
    }

    private void item(BlockNode node, String html, String base, StringBuilder out) {
        out.append("<li").append(classes(base, node.block().content())).append('>').append(html);
        if (!node.children().isEmpty()) {
            out.append('\n');
            render(node.children(), out);
        }
        out.append("</li>\n");
    }

    private void tabs(BlockNode node, StringBuilder out) {
        out.append("<div class=\"tabs\">\n");
        for (BlockNode tab : node.children()) {
            JsonNode content = tab.block().content();
            String label = text.render(content.get("rich_text"));
            out.append("<section class=\"tab\"><p class=\"tab-label\">").append(media.icon(content.path("icon")))
                    .append("<strong>").append(label.isEmpty() ? "Tab" : label).append("</strong></p>\n");
            render(tab.children(), out);
            out.append("</section>\n");
        }
        out.append("</div>\n");
    }

    private void table(BlockNode table, StringBuilder out) {
        JsonNode content = table.block().content();
        boolean columnHeader = content.path("has_column_header").asBoolean(false);
        boolean rowHeader = content.path("has_row_header").asBoolean(false);
        out.append("<div class=\"table-scroll\"><table class=\"simple\">\n");
        boolean first = true;
        for (BlockNode child : table.children()) {
            if (!"table_row".equals(child.block().type())) {
                continue;
            }
            boolean head = first && columnHeader;
            out.append(head ? "<thead><tr>" : "<tr>");
            int i = 0;
            for (JsonNode cell : child.block().content().path("cells")) {
                String tag = head ? "th" : rowHeader && i == 0 ? "th scope=\"row\"" : "td";
                out.append('<').append(tag).append('>').append(text.render(cell)).append("</")
                        .append(tag, 0, 2).append('>');
                i++;
            }
            out.append(head ? "</tr></thead>\n" : "</tr>\n");
            first = false;
        }
        out.append("</table></div>\n");
    }

    private void unsupported(BlockNode node, String type, StringBuilder out) {
        String id = node.block().id();
        skipped.add(new ExportEvent.Skipped(id, ExportEvent.Reasons.UNSUPPORTED_BLOCK,
                "block " + id + " of type " + type + " cannot be rendered as HTML; its JSON is kept"));
        out.append("<p class=\"unsupported\">⚠️ Unsupported block: ").append(Html.escape(type)).append("</p>\n");
        indented(node, out);
    }
}
