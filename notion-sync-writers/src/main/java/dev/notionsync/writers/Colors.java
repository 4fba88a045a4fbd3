package dev.notionsync.writers;

import java.util.List;
import java.util.Locale;

/**
 * Notion's text and background colours as style bits beside bold and italic ({@link InlineMarkdown#BOLD}), one bit
 * per colour, and the fixed HTML each one is written as: a background as {@code <mark class="notion-red_background"
 * style="background-color: #FDEBEC">}, which every common Markdown viewer (GitHub included, which drops the
 * attributes) shows highlighted; a text colour as {@code <span class="notion-red" style="color: #D44C47">}, which
 * viewers that keep inline styles (Obsidian, Typora, VS Code, GitLab) show coloured and the others show as plain
 * text. Only these fixed tags are written: no text of the user's goes into a tag.
 */
final class Colors {

    /** Notion's colours, in the order of their bits. */
    private static final List<String> NAMES = List.of("gray", "brown", "orange", "yellow", "green", "blue", "purple",
            "pink", "red");
    // Notion's palette (light theme), text then background
    private static final List<String> TEXT = List.of("#787774", "#9F6B53", "#D9730D", "#CB912F", "#448361",
            "#337EA9", "#9065B0", "#C14C8A", "#D44C47");
    private static final List<String> BACKGROUND = List.of("#F1F1EF", "#F4EEEE", "#FBECDD", "#FBF3DB", "#EDF3EC",
            "#E7F3F8", "#F6F3F9", "#FAF1F5", "#FDEBEC");
    private static final int FIRST_BIT = 4;
    private static final int ALL = ((1 << (2 * NAMES.size())) - 1) << FIRST_BIT;

    private Colors() {
    }

    /**
     * Returns the style bit of a Notion colour.
     *
     * @param color {@code default}, {@code red}, {@code red_background}, ...; anything else has no bit
     * @return the bit, or 0 for the default colour and unknown names
     */
    static int bit(String color) {
        String name = color == null ? "" : color.toLowerCase(Locale.ROOT);
        boolean background = name.endsWith("_background");
        int index = NAMES.indexOf(background ? name.substring(0, name.length() - "_background".length()) : name);
        if (index < 0) {
            return 0;
        }
        return 1 << (FIRST_BIT + index + (background ? NAMES.size() : 0));
    }

    /**
     * Returns every colour bit, in the order their tags nest (outermost first).
     *
     * @return the bits
     */
    static int[] bits() {
        int[] bits = new int[2 * NAMES.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = 1 << (FIRST_BIT + i);
        }
        return bits;
    }

    /**
     * Returns whether a style bit is a colour.
     *
     * @param mark one style bit
     * @return whether it is one of {@link #bits()}
     */
    static boolean isColor(int mark) {
        return (mark & ALL) != 0;
    }

    /**
     * Returns the opening or closing tag of a colour.
     *
     * @param mark a colour bit
     * @param open whether the tag opens
     * @return the tag
     */
    static String tag(int mark, boolean open) {
        int index = Integer.numberOfTrailingZeros(mark) - FIRST_BIT;
        boolean background = index >= NAMES.size();
        if (!open) {
            return background ? "</mark>" : "</span>";
        }
        if (background) {
            int i = index - NAMES.size();
            return "<mark class=\"notion-" + NAMES.get(i) + "_background\" style=\"background-color: "
                    + BACKGROUND.get(i) + "\">";
        }
        return "<span class=\"notion-" + NAMES.get(index) + "\" style=\"color: " + TEXT.get(index) + "\">";
    }
}
