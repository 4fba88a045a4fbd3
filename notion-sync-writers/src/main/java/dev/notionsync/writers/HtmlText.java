package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.model.User;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders Notion rich text straight to HTML: every character of user text escaped, annotations as
 * {@code <strong>}, {@code <em>}, {@code <s>}, {@code <u>}, {@code <code>}, colours as CSS classes, neighbouring
 * segments with one link inside one {@code <a>}, mentions as links or names, dates readable, and inline equations
 * as {@code <span class="math">} holding the LaTeX source untouched, for KaTeX to typeset in the browser.
 */
final class HtmlText {

    private final Links links;
    private final Function<String, Optional<User>> users;

    /**
     * @param links link targets as seen from the {@code html/} folder (extension {@code .html})
     * @param users looks up people by id
     */
    HtmlText(Links links, Function<String, Optional<User>> users) {
        this.links = links;
        this.users = users;
    }

    /** The links this renderer resolves with. */
    Links links() {
        return links;
    }

    /**
     * Renders a rich-text array.
     *
     * @param richText the array; anything else renders as the empty string
     * @return the HTML
     */
    String render(JsonNode richText) {
        if (richText == null || !richText.isArray() || richText.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        String openHref = null;
        boolean open = false;
        for (JsonNode item : richText) {
            Segment segment = segment(item);
            if (segment == null) {
                continue;
            }
            if (open && !segment.href().equals(openHref)) {
                out.append("</a>");
                open = false;
            }
            if (!open && !segment.href().isEmpty()) {
                out.append(Html.safeUrl(segment.href(), false) ? "<a href=\"" + Html.escape(segment.href()) + "\">"
                        : "<a>");
                openHref = segment.href();
                open = true;
            }
            out.append(segment.html());
        }
        if (open) {
            out.append("</a>");
        }
        return out.toString();
    }

    /**
     * Renders plain text, escaped, line breaks as {@code <br>}.
     *
     * @param text the text
     * @return the HTML
     */
    static String text(String text) {
        return Html.escape(text).replace("\r\n", "\n").replace("\n", "<br>");
    }

    /**
     * Returns the CSS class of a Notion colour ({@code red}, {@code red_background}), empty for {@code default}.
     *
     * @param color the colour name
     * @return {@code c-red} or {@code bg-red}, or empty
     */
    static String colorClass(String color) {
        if (color == null || color.isEmpty() || "default".equals(color) || !colorName(color)) {
            return "";
        }
        return color.endsWith("_background") ? "bg-" + color.substring(0, color.length() - 11) : "c-" + color;
    }

    /** Whether a name is {@code [a-z]+(_background)?}: read for every styled segment, so without a regex. */
    private static boolean colorName(String color) {
        int end = color.endsWith("_background") ? color.length() - 11 : color.length();
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = color.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** One segment's HTML and the link it sits in (empty for none). */
    private record Segment(String html, String href) {

        // Links gives null for a URL that may not be a link: then the segment sits in none
        Segment {
            href = Objects.requireNonNullElse(href, "");
        }
    }

    private Segment segment(JsonNode item) {
        JsonNode a = item.path("annotations");
        String type = item.path("type").asText("text");
        String plain = item.path("plain_text").asText(item.path("text").path("content").asText(""));
        String href = item.path("href").asText(item.path("text").path("link").path("url").asText(""));
        String inner;
        String destination = href.isEmpty() ? "" : links.href(href);
        if ("equation".equals(type)) {
            String expression = item.path("equation").path("expression").asText(plain).strip();
            if (expression.isEmpty()) {
                return null;
            }
            inner = "<span class=\"math math-inline\">" + Html.escape(expression) + "</span>";
            destination = "";
        } else if ("mention".equals(type)) {
            Segment mention = mention(item.path("mention"), plain, href);
            if (mention == null && plain.isEmpty()) {
                return null;
            }
            if (mention != null) {
                inner = mention.html();
                destination = mention.href();
            } else {
                inner = text(plain);
            }
        } else {
            if (plain.isEmpty()) {
                return null;
            }
            inner = a.path("code").asBoolean() ? "<code>" + Html.escape(plain) + "</code>" : text(plain);
        }
        if (a.path("bold").asBoolean()) {
            inner = "<strong>" + inner + "</strong>";
        }
        if (a.path("italic").asBoolean()) {
            inner = "<em>" + inner + "</em>";
        }
        if (a.path("strikethrough").asBoolean()) {
            inner = "<s>" + inner + "</s>";
        }
        if (a.path("underline").asBoolean()) {
            inner = "<u>" + inner + "</u>";
        }
        String color = colorClass(a.path("color").asText(""));
        if (!color.isEmpty()) {
            inner = "<span class=\"" + color + "\">" + inner + "</span>";
        }
        return new Segment(inner, destination);
    }

    private Segment mention(JsonNode mention, String plain, String href) {
        String type = mention.path("type").asText("");
        JsonNode value = mention.path(type);
        switch (type) {
            case "user" -> {
                String id = value.path("id").asText("");
                String name = value.path("name").asText("");
                if (name.isBlank()) {
                    name = UserNames.mention(id, plain, users);
                }
                return new Segment("<span class=\"mention user\">@" + Html.escape(name) + "</span>", "");
            }
            case "page", "database" -> {
                String id = value.path("id").asText("");
                String title = plain.isBlank() || "Untitled".equals(plain) ? links.title(id, plain) : plain;
                return new Segment("<span class=\"mention page\">" + text(title) + "</span>",
                        links.mentionHref(id, href, plain));
            }
            case "date" -> {
                return new Segment(HtmlDates.html(value, plain), "");
            }
            case "link_preview" -> {
                String url = value.path("url").asText(plain);
                return new Segment(text(plain.isBlank() ? url : plain), links.href(url));
            }
            case "link_mention" -> {
                String url = value.path("href").asText("");
                String title = value.path("title").asText("");
                String label = !title.isBlank() ? title : plain.isBlank() ? url : plain;
                return url.isEmpty() ? null : new Segment(text(label), links.href(url));
            }
            case "custom_emoji" -> {
                String name = value.path("name").asText("");
                String url = value.path("url").asText("");
                String label = name.isEmpty() ? plain : ":" + name + ":";
                String html = !url.isEmpty() && Html.safeUrl(links.href(url), true)
                        ? "<img class=\"emoji\" src=\"" + Html.escape(links.href(url)) + "\" alt=\"" + Html.escape(label)
                        + "\">" : Html.escape(label);
                return new Segment(html, href.isEmpty() ? "" : links.href(href));
            }
            default -> {
                return null;
            }
        }
    }
}
