package dev.notionsync.writers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small YAML emitter for front matter: block mappings and sequences, every string double-quoted with escapes,
 * so any YAML 1.1 or 1.2 parser reads back exactly the strings that were written (no {@code yes} turning into
 * {@code true}, no {@code 2024-01-01} turning into a date, no {@code #} starting a comment).
 */
final class Yaml {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null");

    private Yaml() {
    }

    /**
     * Renders a front-matter block, {@code ---} lines included.
     *
     * @param fields keys to values: {@code null}, {@link Boolean}, {@link Number}, {@link String}, {@link List}
     *     or {@link Map} of those
     * @return the YAML
     */
    static String frontMatter(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("---\n");
        mapping(out, fields, "");
        return out.append("---\n").toString();
    }

    private static void mapping(StringBuilder out, Map<String, ?> map, String indent) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            out.append(indent).append(key(entry.getKey())).append(':');
            value(out, entry.getValue(), indent + "  ");
        }
    }

    private static void value(StringBuilder out, Object value, String childIndent) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n');
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) map;
            mapping(out, fields, childIndent);
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append('\n');
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                    out.append(childIndent).append("- ");
                    @SuppressWarnings("unchecked")
                    Map<String, ?> fields = (Map<String, ?>) map;
                    mappingInItem(out, fields, childIndent + "  ");
                } else {
                    out.append(childIndent).append('-');
                    value(out, item, childIndent + "  ");
                }
            }
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static void mappingInItem(StringBuilder out, Map<String, ?> map, String indent) {
        boolean first = true;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(indent);
            }
            first = false;
            out.append(key(entry.getKey())).append(':');
            value(out, entry.getValue(), indent + "  ");
        }
    }

    private static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() && !RESERVED.contains(key.toLowerCase(Locale.ROOT)) ? key : quote(key);
    }

    /**
     * Renders a scalar.
     *
     * @param value {@code null}, a boolean, a number, a string, or an empty list or map
     * @return the YAML scalar
     */
    static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).toPlainString();
        }
        if (value instanceof List<?>) {
            return "[]";
        }
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        return quote(value.toString());
    }

    /**
     * Double-quotes a string, escaping backslashes, quotes and every character a YAML reader would not keep as is.
     *
     * @param text the string
     * @return the quoted string
     */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\u0085' -> out.append("\\N");
                case '\u2028' -> out.append("\\L");
                case '\u2029' -> out.append("\\P");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\ufeff'
                            || c == '\ufffe' || c == '\uffff') {
                        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
