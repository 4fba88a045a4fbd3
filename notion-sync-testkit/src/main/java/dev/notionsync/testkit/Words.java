package dev.notionsync.testkit;

import java.util.List;

/** The seeded word list that generated titles and text are drawn from. */
final class Words {

    private static final List<String> WORDS = List.of(
            "amber", "anchor", "apple", "arch", "atlas", "autumn", "badge", "basin", "beacon", "birch",
            "blossom", "bolt", "breeze", "bridge", "brook", "cabin", "canyon", "cedar", "chalk", "cinder",
            "citrus", "clover", "cobalt", "comet", "coral", "crane", "crystal", "dawn", "delta", "desert",
            "drift", "dune", "echo", "ember", "falcon", "fern", "field", "flint", "forest", "fountain",
            "frost", "garden", "glacier", "granite", "grove", "harbor", "hazel", "heron", "hollow", "horizon",
            "island", "ivory", "jade", "juniper", "kernel", "lagoon", "lantern", "lark", "lemon", "linen",
            "lotus", "maple", "marble", "meadow", "mesa", "mint", "moss", "nectar", "north", "oak",
            "ocean", "olive", "onyx", "orbit", "orchid", "pebble", "pepper", "pine", "planet", "plum",
            "prairie", "quartz", "quill", "rain", "raven", "reef", "ridge", "river", "saffron", "sage",
            "sand", "shadow", "shore", "silver", "slate", "spruce", "summit", "sun", "thistle", "thunder",
            "tide", "timber", "topaz", "tulip", "valley", "velvet", "violet", "walnut", "willow", "winter",
            "wren", "yarrow", "zenith", "zephyr", "report", "roadmap", "review", "notes", "plan", "budget",
            "launch", "retro", "sprint", "design", "draft", "guide", "metrics", "research");

    private static final List<String> CODE_LANGUAGES = List.of("java", "python", "javascript", "mermaid", "sql",
            "plain text", "shell", "json");

    private Words() {
    }

    static String word(long hash, int i) {
        return WORDS.get(Hash.below(Hash.of(hash, i), WORDS.size()));
    }

    /** {@code count} capitalized words, e.g. "Amber Harbor Review". */
    static String title(long hash, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String w = word(hash, i);
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
        }
        return sb.toString();
    }

    /** {@code count} lower-case words ending with a period. */
    static String sentence(long hash, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(word(hash, i + 100));
        }
        return sb.append('.').toString();
    }

    static String language(long hash) {
        return CODE_LANGUAGES.get(Hash.below(hash, CODE_LANGUAGES.size()));
    }

    /** A URL slug of a title as notion.so builds it. */
    static String slug(String title) {
        StringBuilder sb = new StringBuilder();
        for (char c : title.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                sb.append(c);
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
                sb.append('-');
            }
            if (sb.length() >= 60) {
                break;
            }
        }
        return sb.toString();
    }
}
