package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Pages whose titles and text attack file systems, HTML and Markdown writers. */
final class HostileContent {

    static final String MARKDOWN_SPECIALS = "*not bold* _x_ # [link](x) | pipe \\ backslash `tick` <b>html</b> 1. not a list";

    private HostileContent() {
    }

    static List<String> titles() {
        return List.of("../../etc/passwd", "CON", "<script>alert(1)</script>", "L".repeat(150) + "o".repeat(150),
                "emoji 🎉 title", "a/b\\c:d*e?f\"g<h>i|j", "trailing dot.", "Duplicate title", "Duplicate title",
                "  leading and trailing spaces  ", "");
    }

    static String build(StaticBuilder b) {
        String root = b.page(null, "Edge cases", "⚠️", true);
        List<String> titles = titles();
        for (int i = 0; i < titles.size(); i++) {
            String page = b.page(root, titles.get(i), null, true);
            if (titles.get(i).isEmpty()) {
                ((ObjectNode) b.raw(page).get("properties").get("title")).putArray("title");
            }
            b.text(page, "paragraph", "HT." + i + " Body of a page with a hostile title");
        }
        String specials = b.page(root, "Markdown specials", null, true);
        b.text(specials, "paragraph", "HT.MD " + MARKDOWN_SPECIALS);
        b.text(specials, "heading_2", "HT.H # Heading with # hashes and *stars*");
        b.text(specials, "bulleted_list_item", "HT.BL - dash + plus > quote");
        b.text(specials, "paragraph", "HT.WS   leading spaces and trailing   ");
        return root;
    }
}
