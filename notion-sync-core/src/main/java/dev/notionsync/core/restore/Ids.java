package dev.notionsync.core.restore;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an id from what a user types: dashed, compact, or the end of a notion.so URL. */
final class Ids {

    private static final Pattern HEX = Pattern.compile(
            "([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})(?![0-9a-fA-F])");

    private Ids() {
    }

    static Optional<String> parse(String text) {
        String path = text.trim();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        // a URL's slug may hold hex words; the id is the last match
        Matcher m = HEX.matcher(path);
        int start = -1;
        while (m.find()) {
            start = m.start();
        }
        if (start < 0) {
            return Optional.empty();
        }
        Matcher last = HEX.matcher(path);
        last.find(start);
        return Optional.of((last.group(1) + "-" + last.group(2) + "-" + last.group(3) + "-" + last.group(4) + "-"
                + last.group(5)).toLowerCase(java.util.Locale.ROOT));
    }

    static String url(String id) {
        return "https://www.notion.so/" + id.replace("-", "");
    }
}
