package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionIds;
import dev.notionsync.core.export.FileNames;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Link targets as seen from one exported file in a format folder ({@code markdown/}, {@code html/}, {@code csv/}):
 * other exported objects are siblings ({@code Name.md}), downloaded files are one level up ({@code ../files/...}),
 * and everything else keeps its URL, as long as it is relative or its scheme is {@code http}, {@code https} or
 * {@code mailto}; a URL with any other scheme ({@code javascript:}, {@code data:}, {@code vbscript:}, ...) is no
 * link at all, and its text is written instead.
 */
final class Links {

    /** The schemes a link may have; relative links have none. */
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    // what browsers skip or drop while reading a scheme: controls and spaces anywhere, and invisible characters
    private static final Pattern IGNORED = Pattern.compile("[\\x00-\\x20\\x7f\\p{Cf}\\p{Z}]");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?");
    private static final Pattern SCHEME_ENTITY = Pattern.compile("(?i)&(colon|tab|newline);?");


    private final FileNames names;
    private final Map<String, String> files;
    private final String extension;

    /**
     * @param names the export's naming policy
     * @param files hosted file URL to the local copy's path relative to the output folder
     * @param extension the extension of exported objects in this format, with its dot
     */
    Links(FileNames names, Map<String, String> files, String extension) {
        this.names = names;
        this.files = files;
        this.extension = extension;
    }

    /**
     * Returns the destination of a link to an exported page or database. An object without a name gets one from
     * {@code titleHint} (the same name the crawl gives it), unless the export leaves referenced objects out; with no
     * name, the link goes to Notion.
     *
     * @param id the object id
     * @param titleHint a title for it, possibly blank
     * @return the link destination, ready for Markdown
     */
    String object(String id, String titleHint) {
        return object(id, titleHint, null);
    }

    /**
     * Like {@link #object(String, String)}, to a block of the object: its local file with the block's anchor
     * ({@link #anchor}), else the block in Notion.
     *
     * @param id the object id
     * @param titleHint a title for it, possibly blank
     * @param block the block id, or null for the object itself
     * @return the link destination, ready for Markdown
     */
    String object(String id, String titleHint, String block) {
        if (!names.tracksExports() && names.namesReferences() && names.name(id).isEmpty() && titleHint != null
                && !titleHint.isBlank()) {
            // a table that does not track exports names a referenced object from the reference, as the crawl would
            names.assign(id, titleHint);
        }
        return local(id, block).orElseGet(() -> MarkdownText.linkDestination(notion(id, block)));
    }

    /**
     * The destination of a mention: the mentioned object, with the block its link names when it has one.
     *
     * @param id the mentioned object
     * @param href the mention's link, possibly empty
     * @param titleHint a title for it
     * @return the link destination, ready for Markdown
     */
    String mention(String id, String href, String titleHint) {
        String block = mentionedBlock(id, href);
        return object(id, titleHint, block);
    }

    /** Like {@link #mention}, for an HTML attribute. */
    String mentionHref(String id, String href, String titleHint) {
        String block = mentionedBlock(id, href);
        object(id, titleHint, block);
        return local(id, block).orElseGet(() -> notion(id, block));
    }

    /** The block a mention's link names, when the link points into the mentioned object. */
    private static String mentionedBlock(String id, String href) {
        return NotionIds.target(href).filter(target -> anchor(target.id()).equals(anchor(id)))
                .map(NotionIds.Target::block).orElse(null);
    }

    /**
     * The local file of an exported object, percent-encoded with the block's anchor; empty when links to it may not
     * be local. Only here is a name given from a link's text, and only for a table that does not track exports.
     */
    private Optional<String> local(String id, String block) {
        Optional<String> name = names.linkName(id);
        if (name.isEmpty() && !names.tracksExports() && names.namesReferences()) {
            name = names.name(id);
        }
        return name.map(n -> MarkdownText.segment(n + extension) + (block == null ? "" : "#" + anchor(block)));
    }

    /** The object (and block) in Notion, for a link to what the export does not hold. */
    private static String notion(String id, String block) {
        return "https://www.notion.so/" + id.replace("-", "") + (block == null ? "" : "#" + anchor(block));
    }

    /**
     * Returns the anchor every block carries in Markdown and HTML: its id without dashes, in lowercase, as Notion
     * writes it after {@code #} in a link to the block.
     *
     * @param blockId the block id
     * @return the anchor
     */
    static String anchor(String blockId) {
        return blockId.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the title an object gave itself when the export fetched it. Titles seen only in mentions or listings
     * are not final (a listed title may be cut short), and output built from them would depend on the crawl order.
     *
     * @param id the object id
     * @return the title, if confirmed and not blank
     */
    Optional<String> knownTitle(String id) {
        return names.confirmedTitle(id).filter(t -> !t.isBlank());
    }

    /**
     * Returns the file of an exported object whose title is confirmed ({@link #knownTitle}), as a plain sibling path
     * in this format ({@code Name.md}), not encoded.
     *
     * @param id the object id
     * @return the file name, if the title is confirmed and the object has a name
     */
    Optional<String> knownFile(String id) {
        return knownTitle(id).flatMap(t -> names.linkName(id)).map(n -> n + extension);
    }

    /**
     * Returns the best title known for an object.
     *
     * @param id the object id
     * @param fallback used when the export knows no title
     * @return the title, never blank
     */
    String title(String id, String fallback) {
        // callers pass the text the page itself shows (a mention's text) when there is one and use it first
        String title = knownTitle(id).or(() -> names.title(id).filter(t -> !t.isBlank())).orElse(fallback);
        return title == null || title.isBlank() ? "Untitled" : title;
    }

    /**
     * Returns the destination for a URL found in content: a link to a Notion page that is exported becomes a link
     * to its file; a downloaded file becomes a link to the copy; a URL that may not be a link ({@link #linkable})
     * gives {@code null}.
     *
     * @param url the URL
     * @return the destination, ready for Markdown, or {@code null} when the text must not be a link
     */
    String url(String url) {
        return local(url).orElseGet(() -> linkable(url) ? MarkdownText.linkDestination(url) : null);
    }

    /**
     * Like {@link #url(String)}, for an HTML attribute: the destination percent-encoded but without the escapes
     * only Markdown readers take back, and empty when the URL may not be a link. The HTML writer escapes it for
     * the attribute and checks its scheme once more.
     *
     * @param url the URL
     * @return the destination, or an empty string when the text must not be a link
     */
    String href(String url) {
        return local(url).orElseGet(() -> linkable(url) ? MarkdownText.destination(url) : "");
    }

    /**
     * The local copy of a downloaded file, or the file of an exported Notion page the URL points at (with the anchor
     * of the block it names); a link into Notion to anything else goes to {@code https://www.notion.so/<id>}, since a
     * root-relative {@code /<id>} would be broken in a local file.
     */
    private Optional<String> local(String url) {
        String file = files.get(url);
        if (file != null) {
            return Optional.of("../" + MarkdownText.path(file));
        }
        return NotionIds.target(url).map(target -> local(target.id(), target.block())
                .orElseGet(() -> notion(target.id(), target.block())));
    }

    /**
     * Returns whether a URL may be a link: it is relative, or its scheme is {@code http}, {@code https} or
     * {@code mailto}. The scheme is read the way a lenient reader might read it: with controls, spaces and invisible
     * characters removed, and also after HTML entities ({@code &#106;avascript:}, {@code javascript&colon;}) or
     * percent-escapes are decoded, so none of these tricks turns a script into a link.
     *
     * @param url the URL
     * @return whether it may be a link
     */
    static boolean linkable(String url) {
        String entities = decodeEntities(url);
        return safeScheme(url) && safeScheme(entities) && safeScheme(percentDecoded(entities));
    }

    private static boolean safeScheme(String url) {
        String cleaned = IGNORED.matcher(url).replaceAll("");
        int colon = cleaned.indexOf(':');
        if (colon < 0) {
            return true;
        }
        String prefix = cleaned.substring(0, colon);
        if (prefix.indexOf('/') >= 0 || prefix.indexOf('?') >= 0 || prefix.indexOf('#') >= 0) {
            // the colon is in the path, query or fragment of a relative URL
            return true;
        }
        return LINK_SCHEMES.contains(prefix.toLowerCase(Locale.ROOT));
    }

    private static String decodeEntities(String url) {
        if (url.indexOf('&') < 0) {
            return url;
        }
        Matcher numeric = NUMERIC_ENTITY.matcher(url);
        StringBuilder out = new StringBuilder();
        while (numeric.find()) {
            int code = numeric.group(1) != null ? Integer.parseInt(numeric.group(1), 16)
                    : Integer.parseInt(numeric.group(2));
            String decoded = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "\uFFFD";
            numeric.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        numeric.appendTail(out);
        return SCHEME_ENTITY.matcher(out).replaceAll(match -> switch (match.group(1).toLowerCase(Locale.ROOT)) {
            case "colon" -> ":";
            case "tab" -> "\t";
            default -> "\n";
        });
    }

    private static String percentDecoded(String url) {
        try {
            return URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /**
     * Returns the URL of a Notion file object ({@code {type: file|external|file_upload, ...}}).
     *
     * @param file the file object (a media block's payload, an icon, a files property entry)
     * @return the URL, empty for uploads that have none
     */
    static String fileUrl(JsonNode file) {
        String type = file.path("type").asText("");
        String url = file.path(type).path("url").asText("");
        if (url.isEmpty()) {
            url = file.path("file").path("url").asText(file.path("external").path("url").asText(""));
        }
        return url;
    }

    /**
     * Returns the destination of a Notion file object: the local copy when there is one, else its URL.
     *
     * @param file the file object
     * @return the destination, empty when the file has no URL or one that may not be a link
     */
    String file(JsonNode file) {
        String url = fileUrl(file);
        String destination = url.isEmpty() ? null : url(url);
        return destination == null ? "" : destination;
    }

    /**
     * Returns the path of a downloaded file relative to a format folder, or the URL.
     *
     * @param url the file URL
     * @return the path or URL, not encoded (for front matter)
     */
    String plainFile(String url) {
        String local = files.get(url);
        return local != null ? "../" + local : url;
    }

    /**
     * Returns the path of a downloaded file relative to a format folder.
     *
     * @param url the file URL
     * @return the path, not encoded, or {@code null} when the file was not downloaded
     */
    String localFile(String url) {
        String local = files.get(url);
        return local == null ? null : "../" + local;
    }

    /**
     * Returns a readable file name for a file object: its {@code name}, else the last segment of its URL.
     *
     * @param file the file object
     * @param fallback used when neither helps
     * @return the name
     */
    static String fileName(JsonNode file, String fallback) {
        String name = file.path("name").asText("");
        if (!name.isBlank()) {
            return name;
        }
        String url = fileUrl(file);
        int query = url.indexOf('?');
        String path = query >= 0 ? url.substring(0, query) : url;
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.isBlank()) {
            return fallback;
        }
        try {
            return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return last;
        }
    }

    /**
     * Returns a GitHub-style heading anchor (lowercase, punctuation dropped, spaces as hyphens), without the
     * duplicate suffix.
     *
     * @param heading the heading text
     * @return the slug
     */
    static String slug(String heading) {
        StringBuilder out = new StringBuilder();
        heading.toLowerCase(Locale.ROOT).strip().codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_'
                    || Character.getType(cp) == Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            } else if (cp == ' ') {
                out.append('-');
            }
        });
        return out.toString();
    }
}
