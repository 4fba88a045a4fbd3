package dev.notionsync.writers;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * CommonMark building blocks: escaping of plain text, code spans and fences sized to their content, and link
 * destinations that stay valid whatever the URL or file name contains.
 */
final class MarkdownText {

    /** Characters that mean something anywhere in a line. */
    private static final String ALWAYS = "\\`*[]<|~$";
    /** Characters that start a block (heading, list, quote, setext underline) at the start of a line. */
    private static final String LINE_START = "#-+=>";
    private static final Pattern ENTITY = Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
    /** Kept as is in a URL destination; everything else that could end or confuse the destination is encoded. */
    private static final String URL_UNSAFE = " <>()\\\"";
    /** Encoded in one segment of a relative path, on top of controls and spaces. */
    private static final String SEGMENT_UNSAFE = "\"#%&'()*:<>?[\\]^`{|}";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MarkdownText() {
    }

    /**
     * Escapes plain text, tracking whether the next character starts a line (where {@code #}, {@code -},
     * {@code 1.} and friends would start a block). Line breaks are kept as {@code '\n'} for the caller to turn into
     * hard breaks or {@code <br>}.
     */
    static final class Escaper {

        private final boolean allHashes;
        private final boolean blocks;
        private boolean lineStart;

        /**
         * @param allHashes escape every {@code #}, as a heading needs (a trailing {@code #} run closes it)
         * @param blocks whether a line of this text could start a block; not in table cells and link labels
         */
        Escaper(boolean allHashes, boolean blocks) {
            this.allHashes = allHashes;
            this.blocks = blocks;
            this.lineStart = blocks;
        }

        /** Records that markup other than text was written, so the line no longer starts here. */
        void markup() {
            lineStart = false;
        }

        String escape(String text) {
            StringBuilder out = new StringBuilder(text.length() + 8);
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\r') {
                    if (i + 1 < n && text.charAt(i + 1) == '\n') {
                        continue;
                    }
                    c = '\n';
                }
                if (c == '\n') {
                    out.append('\n');
                    lineStart = blocks;
                    continue;
                }
                if (lineStart) {
                    if (c == ' ' || c == '\t') {
                        out.append(c);
                        continue;
                    }
                    lineStart = false;
                    if (LINE_START.indexOf(c) >= 0) {
                        out.append('\\').append(c);
                        continue;
                    }
                    int end = digitsEnd(text, i);
                    if (end > i && end < n && (text.charAt(end) == '.' || text.charAt(end) == ')')) {
                        out.append(text, i, end).append('\\').append(text.charAt(end));
                        i = end;
                        continue;
                    }
                }
                if (ALWAYS.indexOf(c) >= 0 || c == '#' && allHashes
                        || c == '_' && !intraword(text, i)
                        || c == '&' && ENTITY.matcher(text).region(i, n).lookingAt()) {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.toString();
        }

        private static int digitsEnd(String text, int from) {
            int end = from;
            while (end < text.length() && end - from < 9 && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            return end;
        }

        // An underscore between two letters or digits can neither open nor close emphasis.
        private static boolean intraword(String text, int i) {
            return i > 0 && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i - 1))
                    && Character.isLetterOrDigit(text.charAt(i + 1));
        }
    }

    /**
     * Returns a code span whose backtick fence is longer than any backtick run inside.
     *
     * @param code the code; line breaks become spaces, as CommonMark does anyway
     * @param inTable escape {@code |}, which GFM tables split cells on even inside code spans
     * @return the span, or the empty string for empty code
     */
    static String codeSpan(String code, boolean inTable) {
        String content = code.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (content.isEmpty()) {
            return "";
        }
        if (inTable) {
            content = content.replace("|", "\\|");
        }
        String fence = "`".repeat(longestRun(content, '`') + 1);
        boolean pad = content.startsWith("`") || content.endsWith("`")
                || content.startsWith(" ") && content.endsWith(" ") && !content.isBlank();
        return pad ? fence + " " + content + " " + fence : fence + content + fence;
    }

    /**
     * Returns a code fence longer than any backtick run in the code, at least three backticks.
     *
     * @param code the code
     * @return the fence
     */
    static String fence(String code) {
        return "`".repeat(Math.max(3, longestRun(code, '`') + 1));
    }

    static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /**
     * Makes a URL safe as an inline link destination: spaces, angle brackets, parentheses, quotes and backslashes are
     * percent-encoded, which keeps the URL's meaning.
     *
     * @param url the URL
     * @return the destination
     */
    static String destination(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7f || URL_UNSAFE.indexOf(c) >= 0) {
                percent(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Makes a URL safe as the destination of a Markdown link: {@link #destination(String)}, and a backslash before
     * every {@code &} that would start an entity reference, which Markdown readers decode in destinations
     * ({@code &amp;} stays the five characters it is, and {@code &#106;avascript:} cannot become a scheme).
     *
     * @param url the URL
     * @return the destination
     */
    static String linkDestination(String url) {
        String destination = destination(url);
        if (destination.indexOf('&') < 0) {
            return destination;
        }
        StringBuilder out = new StringBuilder(destination.length() + 4);
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c == '&' && ENTITY.matcher(destination).region(i, destination.length()).lookingAt()) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Returns a TeX expression fit for {@code $...$} or a {@code $$} block in Markdown. The expression stays TeX that
     * KaTeX and MathJax render the same, and a Markdown reader without math support sees harmless text:
     * <ul>
     *   <li>{@code <} and {@code >} become {@code \lt} and {@code \gt}, so no reader sees an HTML tag;</li>
     *   <li>a {@code $} not already escaped becomes {@code \$}, so it can neither close the math early nor end a
     *       {@code $$} block, and a trailing lone backslash gets a space, so it cannot escape the closing
     *       {@code $};</li>
     *   <li>{@code ](} becomes <code>]{}(</code> (an empty TeX group), so no reader sees a link;</li>
     *   <li>in a table cell, {@code |} is escaped, as GFM takes the escape back before it reads the cell.</li>
     * </ul>
     *
     * @param expression the TeX
     * @param inTable whether it lands in a GFM table cell
     * @return the escaped expression
     */
    static String math(String expression, boolean inTable) {
        StringBuilder out = new StringBuilder(expression.length() + 8);
        int n = expression.length();
        for (int i = 0; i < n; i++) {
            char c = expression.charAt(i);
            char next = i + 1 < n ? expression.charAt(i + 1) : 0;
            if (c == '\\' && next != 0 && next != '<' && next != '>') {
                // a control symbol (\$, \\, \|) or the start of a control word, kept as it is
                out.append(inTable && next == '|' ? "\\\\|" : "\\" + next);
                i++;
                continue;
            }
            switch (c) {
                case '\\' -> out.append(next == 0 ? "\\ " : "");
                case '<' -> out.append("\\lt ");
                case '>' -> out.append("\\gt ");
                case '$' -> out.append("\\$");
                case '|' -> out.append(inTable ? "\\|" : "|");
                case ']' -> out.append(next == '(' ? "]{}" : "]");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Percent-encodes one segment of a relative path (a file name), keeping letters of every script readable.
     *
     * @param segment the segment
     * @return the encoded segment
     */
    static String segment(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean unsafe = c <= 0x20 || c == 0x7f || SEGMENT_UNSAFE.indexOf(c) >= 0 || Character.isWhitespace(c)
                    || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
            if (unsafe) {
                percent(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Percent-encodes every segment of a relative path with {@code /} separators.
     *
     * @param path the path
     * @return the encoded path
     */
    static String path(String path) {
        String[] parts = path.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(segment(parts[i]));
        }
        return out.toString();
    }

    private static void percent(StringBuilder out, char c) {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    /**
     * Prefixes every non-blank line.
     *
     * @param text the text
     * @param prefix the prefix
     * @param skipFirst leave the first line alone (it follows a list marker)
     * @return the prefixed text
     */
    static String indent(String text, String prefix, boolean skipFirst) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + lines.length * prefix.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            if (!lines[i].isEmpty() && !(skipFirst && i == 0)) {
                out.append(prefix);
            }
            out.append(lines[i]);
        }
        return out.toString();
    }

    /**
     * Turns text into a block quote: {@code > } before every line, {@code >} alone on blank lines.
     *
     * @param text the text
     * @return the quote
     */
    static String quote(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + lines.length * 2);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(lines[i].isEmpty() ? ">" : "> " + lines[i]);
        }
        return out.toString();
    }
}
