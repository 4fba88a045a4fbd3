package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A workspace made to break links that depend on the order of discovery: pages link to each other with
 * {@code link_to_page} blocks, page and database mentions, block mentions and pasted Notion URLs in every form
 * ({@code /<id>}, {@code https://www.notion.so/<id>}, {@code https://www.notion.so/<workspace>/<slug>-<id>?pvs=4},
 * {@code https://app.notion.com/p/<slug>-<id>}, {@code notion.so/<slug>-<id>#<block>}). Targets are found before the
 * linking page (search lists them), after it (deep child pages), only through the link (pages search does not list,
 * at the workspace level), or never (ids the server answers 404 for). Same-title pages are common ("Untitled",
 * "Meeting notes"), so names must not depend on the order either.
 */
final class LinksContent {

    private static final String[] TITLES = {"Meeting notes", "Untitled", "Roadmap", "Meeting notes", "Ideas"};

    private LinksContent() {
    }

    static void build(StaticBuilder b, long seed, int pages) {
        Random random = new Random(seed);
        String root = b.page(null, "Links", null, true);
        List<String> ids = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<String> anchors = new ArrayList<>();
        String database = b.database(root, "Link targets", false);
        for (int i = 0; i < pages; i++) {
            String title = TITLES[random.nextInt(TITLES.length)] + (random.nextInt(3) == 0 ? "" : " " + i);
            int where = random.nextInt(4);
            String page;
            if (where == 0 || ids.isEmpty()) {
                // listed by search
                page = b.page(root, title, null, true);
            } else if (where == 1) {
                // only below another page, found late
                page = b.page(ids.get(random.nextInt(ids.size())), title, null, false);
            } else if (where == 2) {
                // found only through a link to it
                page = b.page(null, title, null, false);
            } else {
                page = b.page(ids.get(random.nextInt(ids.size())), title, null, true);
            }
            ids.add(page);
            titles.add(title);
            anchors.add(b.text(page, "paragraph", "LK." + i + " first block of " + title));
        }
        for (int i = 0; i < pages; i++) {
            String page = ids.get(i);
            int target = random.nextInt(pages);
            b.block(page, "link_to_page").body().put("type", "page_id").put("page_id", ids.get(target));
            // a page that is not shared: Notion answers 404
            String missing = b.newId();
            b.block(page, "link_to_page").body().put("type", "page_id").put("page_id", missing);
            int other = random.nextInt(pages);
            String slug = Words.slug(titles.get(other));
            String compact = Ids.compact(ids.get(other));
            String block = Ids.compact(anchors.get(other));
            ArrayNode text = Rt.of(Rt.text("See "), Rt.mentionPage(ids.get(random.nextInt(pages)), "a page"),
                    Rt.text(", "), Rt.mentionPage(missing, "Example sub page"), Rt.text(", "),
                    Rt.mentionDatabase(database, "Link targets"), Rt.text(", "),
                    Rt.link("root-relative", "/" + compact), Rt.text(", "),
                    Rt.link("plain", "https://www.notion.so/" + compact), Rt.text(", "),
                    Rt.link("workspace", "https://www.notion.so/acme/" + slug + "-" + compact + "?pvs=4"),
                    Rt.text(", "), Rt.link("app", "https://app.notion.com/p/" + slug + "-" + compact), Rt.text(", "),
                    Rt.link("block", "notion.so/" + slug + "-" + compact + "#" + block), Rt.text(", "),
                    Rt.link("missing block", "https://www.notion.so/" + Ids.compact(missing) + "#" + block),
                    Rt.text(", "),
                    Rt.mentionLink("https://www.notion.so/" + slug + "-" + compact + "#" + block, "a block"));
            b.rich(page, "paragraph", text);
        }
        b.rich(root, "paragraph", Rt.of(Rt.text("Start: "), Rt.mentionPage(ids.get(0), titles.get(0))));
    }
}
