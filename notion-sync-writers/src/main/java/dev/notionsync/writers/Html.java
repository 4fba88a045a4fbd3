package dev.notionsync.writers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML building blocks for the HTML writer: escaping of text and attribute values, the check that keeps links with
 * a script-running scheme from becoming clickable, and the frame every page shares (charset, a Content Security
 * Policy that allows scripts and styles from the export's own files only, the style sheet, the sidebar).
 */
final class Html {

    /**
     * Scripts, styles, fonts and frames only from the export itself ({@code 'self'}, which Chromium and Firefox
     * match against {@code file://} pages too; the pages load them from {@code assets/} only), never inline script;
     * images and media also from the web, as Notion pages link them; no plugins, no forms, no base URL.
     */
    static final String CSP = "default-src 'none'; img-src 'self' data: https: http:; "
            + "media-src 'self' https: http:; style-src 'self'; script-src 'self'; font-src 'self'; "
            + "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

    /** The end of every page. */
    static final String TAIL = "</main>\n</div>\n</body>\n</html>\n";

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto", "tel");
    // what browsers drop from a URL before they read its scheme: C0 controls and spaces, tabs and line breaks inside
    private static final Pattern IGNORED = Pattern.compile("[\\x00-\\x20\\x7f]");

    private Html() {
    }

    /**
     * Escapes text for an element's content or a double- or single-quoted attribute value.
     *
     * @param text the text
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Returns whether a URL may be the target of a link or the source of an image: relative URLs, {@code http},
     * {@code https}, {@code mailto}, {@code tel}, and for images {@code data:image/}. Everything else, such as
     * {@code javascript:}, {@code vbscript:} or {@code data:text/html}, is refused.
     *
     * @param url the URL as the browser will read it (after entity decoding); {@code null} is not safe
     * @param image whether it is an image source
     * @return whether it is safe
     */
    static boolean safeUrl(String url, boolean image) {
        return url != null && safe(url, image) && safe(decoded(url), image);
    }

    // a percent-encoded scheme is a harmless relative link for browsers, but one that leads nowhere
    private static String decoded(String url) {
        try {
            return URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static boolean safe(String url, boolean image) {
        String cleaned = IGNORED.matcher(url).replaceAll("");
        Matcher scheme = SCHEME.matcher(cleaned);
        if (!scheme.find()) {
            return true;
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (LINK_SCHEMES.contains(name)) {
            return true;
        }
        return image && "data".equals(name) && cleaned.toLowerCase(Locale.ROOT).startsWith("data:image/")
                && !cleaned.toLowerCase(Locale.ROOT).startsWith("data:image/svg");
    }

    /**
     * Returns the start of a page, up to and including {@code <main>}: the policy, the style sheet, the scripts of
     * {@code assets/} (deferred, so they run once the page is parsed), the sidebar that {@code site.js} fills, and
     * the navigation line.
     *
     * @param title the page title, plain text
     * @param breadcrumb the HTML of the navigation line, already escaped
     * @param math whether the page holds equations, so KaTeX is loaded
     * @return the HTML
     */
    static String head(String title, String breadcrumb, boolean math) {
        String assets = HtmlAssets.DIR + "/";
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<title>" + escape(title.isBlank() ? "Untitled" : title) + "</title>\n"
                + (math ? "<link rel=\"stylesheet\" href=\"" + assets + "katex/katex.min.css\">\n" : "")
                + "<link rel=\"stylesheet\" href=\"" + assets + "style.css\">\n"
                + "<script defer src=\"" + HtmlAssets.SITE_DATA + "\"></script>\n"
                + (math ? "<script defer src=\"" + assets + "katex/katex.min.js\"></script>\n" : "")
                + "<script defer src=\"" + assets + "site.js\"></script>\n"
                + "</head>\n<body>\n"
                + "<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"Pages\">"
                + "<a class=\"home\" href=\"index.html\">Index</a></nav>\n<div class=\"site-page\">\n"
                + "<nav class=\"breadcrumb\">" + breadcrumb + "</nav>\n<main>\n";
    }

    /**
     * Returns a link, or only its label when the target is not safe.
     *
     * @param href the target, not yet escaped
     * @param labelHtml the label, already HTML
     * @return the HTML
     */
    static String link(String href, String labelHtml) {
        return link(href, labelHtml, null);
    }

    /**
     * Returns a link with a CSS class, or only its label when the target is missing or not safe.
     *
     * @param href the target, not yet escaped
     * @param labelHtml the label, already HTML
     * @param cssClass the class, or {@code null}
     * @return the HTML
     */
    static String link(String href, String labelHtml, String cssClass) {
        if (href == null || href.isEmpty() || !safeUrl(href, false)) {
            return labelHtml;
        }
        return "<a" + (cssClass == null ? "" : " class=\"" + cssClass + "\"") + " href=\"" + escape(href) + "\">"
                + labelHtml + "</a>";
    }
}
