package dev.notionsync.testkit;

import java.util.Locale;

/**
 * Block trees that break a naive recursive walk, for {@link Workspace#addHazardPage(TreeHazard)}. Each page holds
 * a paragraph "Before the hazard", the hazard, and a paragraph "After the hazard".
 */
public enum TreeHazard {
    /** A toggle that lists itself as its only child. */
    SELF_CHILD,
    /** Two toggles, the second nested in the first and listing the first as its child. */
    BLOCK_CYCLE,
    /** A synced original whose content holds a copy of itself. */
    SYNCED_CYCLE,
    /** {@value #DEEP_CHAIN_DEPTH} toggles, each nested in the one before. */
    DEEP_CHAIN;

    /** How many toggles {@link #DEEP_CHAIN} nests. */
    public static final int DEEP_CHAIN_DEPTH = 10_000;

    /** Builds the page at the workspace level and returns its id. */
    String build(StaticBuilder b) {
        String page = b.page(null, "Tree hazard: " + name().toLowerCase(Locale.ROOT), null, true);
        b.text(page, "paragraph", "Before the hazard");
        switch (this) {
            case SELF_CHILD -> {
                String self = b.text(page, "toggle", "I list myself as my child");
                b.store.addChild(self, self);
                b.raw(self).put("has_children", true);
            }
            case BLOCK_CYCLE -> {
                String first = b.text(page, "toggle", "First of a cycle");
                String second = b.text(first, "toggle", "Second of a cycle, listing the first");
                b.store.addChild(second, first);
                b.raw(second).put("has_children", true);
            }
            case SYNCED_CYCLE -> {
                StaticBuilder.Block original = b.block(page, "synced_block");
                original.body().putNull("synced_from");
                b.text(original.id(), "paragraph", "Inside the synced original");
                StaticBuilder.Block copy = b.block(original.id(), "synced_block");
                copy.body().putObject("synced_from").put("type", "block_id").put("block_id", original.id());
                b.raw(copy.id()).put("has_children", true).put("$children404", true);
            }
            case DEEP_CHAIN -> {
                String parent = page;
                for (int level = 0; level < DEEP_CHAIN_DEPTH; level++) {
                    parent = b.text(parent, "toggle", "Level " + level);
                }
            }
        }
        b.text(page, "paragraph", "After the hazard");
        return page;
    }
}
