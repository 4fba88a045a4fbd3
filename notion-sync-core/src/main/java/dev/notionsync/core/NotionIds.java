package dev.notionsync.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
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
    private static final Pattern NOTION_HOST = Pattern.compile(
            "(?i)(?:www\\.)?notion\\.so|(?:www\\.|app\\.)?notion\\.com|[a-z0-9-]+\\.notion\\.site");
    private static final Pattern SCHEMELESS = Pattern.compile("(?i)^(?:www\\.)?notion\\.so/");

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

    /**
     * Writes an id in Notion's dashed form (8-4-4-4-12, lower case), whether it came dashed or not.
     *
     * @param id 32 hex digits, with or without dashes, in any case
     * @return the dashed form
     * @throws IndexOutOfBoundsException if {@code id} has fewer than 32 characters besides its dashes
     */
    public static String dashed(String id) {
        String hex = id.replace("-", "").toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /**
     * Reads the object a link in Notion content points at, when it is a link into Notion: a root-relative
     * {@code /<id>} or {@code /<slug>-<id>} (as rich text holds them), {@code https://www.notion.so/<id>},
     * {@code https://www.notion.so/<workspace>/<slug>-<id>?pvs=4}, {@code https://app.notion.com/p/<slug>-<id>},
     * {@code https://<team>.notion.site/<slug>-<id>}, {@code notion.so/<slug>-<id>} without a scheme, or a peek
     * link ({@code ?p=<id>}); a {@code #<block id>} fragment names a block of that page.
     *
     * @param url the link as the content holds it
     * @return the page or database it points at, with the block of its anchor; empty for any other link
     */
    public static Optional<Target> target(String url) {
        String link = url == null ? "" : url.strip();
        String rest;
        if (link.startsWith("/") && !link.startsWith("//")) {
            rest = link.substring(1);
        } else {
            String lower = link.toLowerCase(Locale.ROOT);
            if (!lower.contains("notion")) {
                // every Notion host has the word, so most links in content are told apart without a pattern
                return Optional.empty();
            }
            String afterScheme = lower.startsWith("https://") ? link.substring(8)
                    : lower.startsWith("http://") ? link.substring(7)
                    : SCHEMELESS.matcher(link).find() ? link : null;
            if (afterScheme == null) {
                return Optional.empty();
            }
            int slash = afterScheme.indexOf('/');
            String host = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
            if (!NOTION_HOST.matcher(host).matches()) {
                return Optional.empty();
            }
            rest = slash < 0 ? "" : afterScheme.substring(slash + 1);
        }
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        Matcher peek = query.isEmpty() ? null : PEEK.matcher(query);
        String id = null;
        if (peek != null && peek.find() && isId(peek.group(1))) {
            id = peek.group(1);
        } else {
            while (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            id = trailingId(rest.substring(rest.lastIndexOf('/') + 1));
        }
        if (id == null) {
            return Optional.empty();
        }
        String block = isId(fragment) ? dashed(fragment) : null;
        return Optional.of(new Target(dashed(id), block));
    }

    /**
     * The id a path segment ends with, as {@link #TRAILING_ID} finds it: the dashed form when the segment ends in one,
     * else the last 32 hex digits, each at the start or after a character that is no hex digit. Read by hand when the
     * segment ends in a hex digit (a link's usual end): the pattern is tried from every position of the segment.
     */
    static String trailingId(String segment) {
        int length = segment.length();
        if (length == 0 || !isHex(segment.charAt(length - 1))) {
            // '$' also matches before a final line break: such rare ends are left to the pattern
            Matcher trailing = TRAILING_ID.matcher(segment);
            return trailing.find() ? trailing.group(1) : null;
        }
        if (length >= 36 && (length == 36 || !isHex(segment.charAt(length - 37)))
                && isDashed(segment, length - 36)) {
            return segment.substring(length - 36);
        }
        if (length >= 32 && (length == 32 || !isHex(segment.charAt(length - 33)))
                && hexRun(segment, length - 32, length)) {
            return segment.substring(length - 32);
        }
        return null;
    }

    private static boolean isDashed(String text, int start) {
        return hexRun(text, start, start + 8) && text.charAt(start + 8) == '-'
                && hexRun(text, start + 9, start + 13) && text.charAt(start + 13) == '-'
                && hexRun(text, start + 14, start + 18) && text.charAt(start + 18) == '-'
                && hexRun(text, start + 19, start + 23) && text.charAt(start + 23) == '-'
                && hexRun(text, start + 24, start + 36);
    }

    private static boolean hexRun(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isHex(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isId(String text) {
        return DASHED.matcher(text).matches() || UNDASHED.matcher(text).matches();
    }

    /**
     * What a link into Notion points at.
     *
     * @param id the page or database, dashed
     * @param block the block its anchor names, dashed; null without anchor
     * @since 0.1
     */
    public record Target(String id, String block) {
    }
}
