package dev.notionsync.writers;

import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.RichText;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of contents of one page: a nested list of links to the page's own headings, with the anchors that
 * GitHub-style renderers give them (lowercase, punctuation dropped, spaces as hyphens, {@code -1}, {@code -2} for
 * repeats).
 */
final class TableOfContents {

    private TableOfContents() {
    }

    /**
     * Renders the table of contents.
     *
     * @param blocks the page's blocks in document order
     * @param inline renders the entries' text
     * @return the Markdown, empty for a page without headings
     */
    static String render(List<Block> blocks, InlineMarkdown inline) {
        int top = Integer.MAX_VALUE;
        for (Block block : blocks) {
            int level = level(block);
            if (level > 0 && !text(block).isBlank()) {
                top = Math.min(top, level);
            }
        }
        StringBuilder out = new StringBuilder();
        Map<String, Integer> seen = new HashMap<>();
        int previousDepth = -1;
        for (Block block : blocks) {
            int level = level(block);
            String text = text(block);
            if (level == 0 || text.isBlank()) {
                continue;
            }
            // A heading two levels below the previous one nests one level only, as a list cannot skip a level.
            int depth = Math.min(level - top, previousDepth + 1);
            previousDepth = depth;
            String slug = Links.slug(text);
            int count = seen.merge(slug, 1, Integer::sum);
            String anchor = count == 1 ? slug : slug + "-" + (count - 1);
            String label = inline.text(text, InlineMarkdown.Mode.CELL, 0);
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("  ".repeat(depth)).append("- [").append(label).append("](#")
                    .append(MarkdownText.segment(anchor)).append(')');
        }
        return out.toString();
    }

    private static int level(Block block) {
        return switch (block.type()) {
            case "heading_1" -> 1;
            case "heading_2" -> 2;
            case "heading_3" -> 3;
            case "heading_4" -> 4;
            default -> 0;
        };
    }

    private static String text(Block block) {
        return RichText.plainText(block.content().get("rich_text"));
    }
}
