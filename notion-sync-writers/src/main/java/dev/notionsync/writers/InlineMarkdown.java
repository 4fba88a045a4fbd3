package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.model.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders Notion rich text as CommonMark inline content.
 *
 * <p>Segments are merged into runs of equal style; bold, italic, strikethrough and underline are opened and closed
 * with a stack, so nested styles nest; whitespace is kept outside the delimiters; and every delimiter pair whose
 * neighbours would stop CommonMark from reading it as emphasis falls back to an HTML tag ({@link Emphasis}). Text
 * and background colours are fixed HTML tags around the text ({@link Colors}).
 */
final class InlineMarkdown {

    /** Where the inline content goes, which decides how line breaks and some characters are written. */
    enum Mode {
        /** A paragraph, list item or quote: line breaks become hard breaks ({@code \} at the end of the line). */
        BLOCK,
        /** An ATX heading: one line, every {@code #} escaped, line breaks as {@code <br>}. */
        HEADING,
        /**
         * A GFM table cell or a link label: one line, line breaks as {@code <br>}, {@code |} escaped inside code
         * spans too, and no escaping of what would start a block at the start of a line.
         */
        CELL
    }

    static final int STRIKE = 1;
    static final int UNDERLINE = 2;
    static final int BOLD = 4;
    static final int ITALIC = 8;

    private final Links links;
    private final Function<String, Optional<User>> users;

    InlineMarkdown(Links links, Function<String, Optional<User>> users) {
        this.links = links;
        this.users = users;
    }

    /**
     * Renders a rich-text array.
     *
     * @param richText the array; anything else renders as the empty string
     * @param mode where the text goes
     * @param extra annotation bits added to every segment (for instance {@link #BOLD} for a row header)
     * @return the Markdown, without leading or trailing line breaks
     */
    String render(JsonNode richText, Mode mode, int extra) {
        List<Run> runs = new ArrayList<>();
        if (richText != null && richText.isArray()) {
            for (JsonNode item : richText) {
                Run run = run(item, mode, extra);
                if (run != null) {
                    runs.add(run);
                }
            }
        }
        return render(runs, mode);
    }

    /**
     * Renders one piece of plain text with the given annotations.
     *
     * @param text the text
     * @param mode where the text goes
     * @param marks annotation bits
     * @return the Markdown
     */
    String text(String text, Mode mode, int marks) {
        return text.isEmpty() ? "" : render(List.of(new Run(marks, null, text, null)), mode);
    }

    private String render(List<Run> runs, Mode mode) {
        MarkdownText.Escaper escaper = new MarkdownText.Escaper(mode == Mode.HEADING, mode != Mode.CELL);
        String markdown = Emphasis.resolve(InlineLayout.tokens(runs, escaper));
        int end = markdown.length();
        while (end > 0 && Character.isWhitespace(markdown.charAt(end - 1))) {
            end--;
        }
        markdown = markdown.substring(0, end);
        return markdown.replace("\n", mode == Mode.BLOCK ? "\\\n" : "<br>");
    }

    /** One segment: either text to escape or ready Markdown (code span, equation), with a link destination. */
    record Run(int marks, String destination, String text, String markdown) {

        boolean blank() {
            if (text == null) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                if (!Emphasis.whitespace(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private Run run(JsonNode item, Mode mode, int extra) {
        JsonNode a = item.path("annotations");
        int marks = extra | (a.path("bold").asBoolean() ? BOLD : 0) | (a.path("italic").asBoolean() ? ITALIC : 0)
                | (a.path("strikethrough").asBoolean() ? STRIKE : 0) | (a.path("underline").asBoolean() ? UNDERLINE : 0)
                | Colors.bit(a.path("color").asText(""));
        String type = item.path("type").asText("text");
        String plain = item.path("plain_text").asText(item.path("text").path("content").asText(""));
        String href = item.path("href").asText(item.path("text").path("link").path("url").asText(""));
        String destination = href.isEmpty() ? null : links.url(href);
        if ("equation".equals(type)) {
            String expression = item.path("equation").path("expression").asText(plain).replace('\n', ' ').strip();
            return expression.isEmpty() ? null
                    : new Run(marks, null, null, "$" + MarkdownText.math(expression, mode == Mode.CELL) + "$");
        }
        if ("mention".equals(type)) {
            Run mention = mention(item.path("mention"), plain, marks, destination, href);
            if (mention != null) {
                return mention;
            }
        }
        if (plain.isEmpty()) {
            return null;
        }
        if (a.path("code").asBoolean()) {
            String span = MarkdownText.codeSpan(plain, mode == Mode.CELL);
            return new Run(marks, destination, null, span.replace("\n", " "));
        }
        return new Run(marks, destination, plain, null);
    }

    private Run mention(JsonNode mention, String plain, int marks, String destination, String href) {
        String type = mention.path("type").asText("");
        JsonNode value = mention.path(type);
        switch (type) {
            case "user" -> {
                String id = value.path("id").asText("");
                String name = value.path("name").asText("");
                if (name.isBlank()) {
                    name = UserNames.mention(id, plain, users);
                }
                return new Run(marks, null, "@" + name, null);
            }
            case "page", "database" -> {
                String id = value.path("id").asText("");
                String title = plain.isBlank() || "Untitled".equals(plain) ? links.title(id, plain) : plain;
                // a mention of a block keeps the block's anchor, which its href holds
                return new Run(marks, links.mention(id, href, plain), title, null);
            }
            case "date" -> {
                return new Run(marks, null, Dates.text(value, plain), null);
            }
            case "link_preview" -> {
                String url = value.path("url").asText(plain);
                return new Run(marks, links.url(url), plain.isBlank() ? url : plain, null);
            }
            case "link_mention" -> {
                String url = value.path("href").asText("");
                String title = value.path("title").asText("");
                String text = !title.isBlank() ? title : plain.isBlank() ? url : plain;
                return url.isEmpty() ? null : new Run(marks, links.url(url), text, null);
            }
            case "custom_emoji" -> {
                String name = value.path("name").asText("");
                return new Run(marks, destination, name.isEmpty() ? plain : ":" + name + ":", null);
            }
            default -> {
                return null;
            }
        }
    }
}
