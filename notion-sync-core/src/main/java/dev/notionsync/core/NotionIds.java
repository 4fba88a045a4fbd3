package dev.notionsync.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Notion object id out of what a user pastes: a dashed or undashed id, or a page or database link
 * ({@code https://www.notion.so/Workspace/Some-Page-<32 hex>?pvs=4}, {@code https://app.notion.com/p/<slug>-<id>},
 * {@code https://team.notion.site/<id>}, a peek link with {@code ?p=<id>}).
 *
 * @since 0.1
 */
public final class NotionIds {

    private static final Pattern DASHED = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern UNDASHED = Pattern.compile("[0-9a-fA-F]{32}");
    // a link's last path segment is "<title slug>-<id>" or just "<id>"; the id may be dashed or not
    private static final Pattern TRAILING_ID = Pattern.compile(
            "(?:^|[^0-9a-fA-F])(" + DASHED.pattern() + "|" + UNDASHED.pattern() + ")$");
    private static final Pattern PEEK = Pattern.compile("(?:^|&)p=([^&]*)");

    private NotionIds() {
    }

    /**
     * Returns the id in {@code text} in Notion's canonical dashed lowercase form.
     *
     * @param text an id (32 hex digits, dashed or not) or a Notion link that ends in one
     * @return the id as {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}
     * @throws IllegalArgumentException when {@code text} holds no Notion id; the message says what was expected
     */
    public static String parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String candidate = lower.startsWith("http://") || lower.startsWith("https://") ? fromLink(trimmed) : trimmed;
        if (candidate != null && (DASHED.matcher(candidate).matches() || UNDASHED.matcher(candidate).matches())) {
            return dashed(candidate);
        }
        throw new IllegalArgumentException("'" + trimmed + "' is not a Notion id or link: expected 32 hex digits"
                + " (dashed or not) or a link that ends in them, like https://www.notion.so/Page-Title-"
                + "0123456789abcdef0123456789abcdef");
    }

    private static String fromLink(String link) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException malformed) {
            return null;
        }
        if (uri.getRawQuery() != null) {
            // a peeked page (?p=<id>) is the page the link shows, not the one in its path
            Matcher peek = PEEK.matcher(uri.getRawQuery());
            if (peek.find() && !peek.group(1).isEmpty()) {
                return peek.group(1);
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String segment = path.substring(path.lastIndexOf('/') + 1);
        Matcher id = TRAILING_ID.matcher(segment);
        return id.find() ? id.group(1) : segment;
    }

    private static String dashed(String id) {
        String hex = id.replace("-", "").toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
