package dev.notionsync.writers;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One opening or closing style delimiter in a token list. Once the whole inline content is known,
 * {@link #resolve(List)} checks every pair against CommonMark's flanking rules: a pair that would not be read as
 * emphasis ({@code **foo.**bar}, {@code a**`x`**}) is written as HTML ({@code <strong>}) instead, which has no
 * such rules. Underline has no Markdown syntax and is always {@code <u>}; colours are always HTML ({@link Colors}).
 */
final class Emphasis {

    private final int mark;
    private final boolean open;
    private Emphasis pair;
    private boolean html;
    private boolean star;

    private Emphasis(int mark, boolean open) {
        this.mark = mark;
        this.open = open;
        this.html = mark == InlineMarkdown.UNDERLINE || Colors.isColor(mark);
    }

    static Emphasis open(int mark) {
        return new Emphasis(mark, true);
    }

    int mark() {
        return mark;
    }

    Emphasis close() {
        Emphasis closer = new Emphasis(mark, false);
        closer.pair = this;
        pair = closer;
        return closer;
    }

    private String markdown() {
        if (Colors.isColor(mark)) {
            return Colors.tag(mark, open);
        }
        if (html) {
            String tag = switch (mark) {
                case InlineMarkdown.BOLD -> "strong";
                case InlineMarkdown.ITALIC -> "em";
                case InlineMarkdown.STRIKE -> "del";
                default -> "u";
            };
            return open ? "<" + tag + ">" : "</" + tag + ">";
        }
        return switch (mark) {
            case InlineMarkdown.BOLD -> "**";
            case InlineMarkdown.ITALIC -> star ? "*" : "_";
            default -> "~~";
        };
    }

    /**
     * Chooses Markdown or HTML for every delimiter pair and concatenates the tokens.
     *
     * @param tokens strings of finished Markdown and {@link Emphasis} delimiters
     * @return the Markdown
     */
    static String resolve(List<Object> tokens) {
        Map<Emphasis, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) instanceof Emphasis e) {
                position.put(e, i);
            }
        }
        for (Map.Entry<Emphasis, Integer> entry : position.entrySet()) {
            Emphasis e = entry.getKey();
            if (!e.open || e.html) {
                continue;
            }
            int i = entry.getValue();
            Integer j = position.get(e.pair);
            boolean fine = j != null && e.opens(before(tokens, i), after(tokens, i))
                    && e.closes(before(tokens, j), after(tokens, j));
            if (!fine && j != null && e.mark == InlineMarkdown.ITALIC && alone(tokens, i) && alone(tokens, j)) {
                // "*" may close inside a word where "_" may not; it must not touch another delimiter run.
                fine = leftFlanking(before(tokens, i), after(tokens, i))
                        && rightFlanking(before(tokens, j), after(tokens, j));
                e.star = fine;
                e.pair.star = fine;
            }
            if (!fine) {
                e.html = true;
                if (e.pair != null) {
                    e.pair.html = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (Object token : tokens) {
            out.append(token instanceof Emphasis e ? e.markdown() : (String) token);
        }
        return out.toString();
    }

    private static boolean alone(List<Object> tokens, int index) {
        return !(neighbour(tokens, index, -1) instanceof Emphasis) && !(neighbour(tokens, index, 1) instanceof Emphasis);
    }

    private static Object neighbour(List<Object> tokens, int index, int step) {
        for (int k = index + step; k >= 0 && k < tokens.size(); k += step) {
            Object token = tokens.get(k);
            if (!(token instanceof String text) || !text.isEmpty()) {
                return token;
            }
        }
        return null;
    }

    private boolean opens(char prev, char next) {
        boolean left = leftFlanking(prev, next);
        return mark == InlineMarkdown.ITALIC ? left && (!rightFlanking(prev, next) || punctuation(prev)) : left;
    }

    private boolean closes(char prev, char next) {
        boolean right = rightFlanking(prev, next);
        return mark == InlineMarkdown.ITALIC ? right && (!leftFlanking(prev, next) || punctuation(next)) : right;
    }

    private static boolean leftFlanking(char prev, char next) {
        return !whitespace(next) && (!punctuation(next) || whitespace(prev) || punctuation(prev));
    }

    private static boolean rightFlanking(char prev, char next) {
        return !whitespace(prev) && (!punctuation(prev) || whitespace(next) || punctuation(next));
    }

    // Any delimiter, Markdown or HTML, starts and ends with punctuation; the edges of the content count as space.
    private static char before(List<Object> tokens, int index) {
        for (int k = index - 1; k >= 0; k--) {
            Object token = tokens.get(k);
            if (token instanceof Emphasis) {
                return '*';
            }
            String text = (String) token;
            if (!text.isEmpty()) {
                return text.charAt(text.length() - 1);
            }
        }
        return ' ';
    }

    private static char after(List<Object> tokens, int index) {
        for (int k = index + 1; k < tokens.size(); k++) {
            Object token = tokens.get(k);
            if (token instanceof Emphasis) {
                return '*';
            }
            String text = (String) token;
            if (!text.isEmpty()) {
                return text.charAt(0);
            }
        }
        return ' ';
    }

    static boolean whitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    static boolean punctuation(int c) {
        if (c < 128) {
            return c > 32 && c < 127 && !Character.isLetterOrDigit(c);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
