package dev.notionsync.core.export;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local links of an export's Markdown and HTML pages, checked against the files present. The writers encode
 * every destination (percent-encoded, no spaces or parentheses; HTML attributes quoted and escaped), so these
 * patterns read back exactly what they wrote.
 */
final class LocalLinks {

    /** Markdown link and image destinations: {@code [text](dest)}, {@code ![alt](dest "title")}. */
    private static final Pattern MARKDOWN = Pattern.compile("(?<!\\\\)\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    /** Code as the Markdown writer writes it (fenced blocks, inline spans): text, never links. */
    private static final Pattern CODE = Pattern.compile("(?ms)^(```+|~~~+).*?^\\1[ \\t]*$|`+[^`\\n]*`+");
    /** HTML link and embed targets, in Markdown (inline HTML) and HTML alike. */
    private static final Pattern HTML = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
    /** A destination with a scheme ({@code https:}, {@code mailto:} …): not a local file. */
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private LocalLinks() {
    }

    /** Adds a problem per dangling local link in {@code markdown/} and {@code html/}; returns the links checked. */
    static int check(Path dir, List<ExportVerifier.Problem> problems) throws IOException {
        int checked = 0;
        Anchors anchors = new Anchors();
        for (String format : List.of("markdown", "html")) {
            Path root = dir.resolve(format);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> pages;
            try (Stream<Path> paths = Files.walk(root)) {
                pages = paths.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".html"))
                        .filter(p -> !ExportFiles.isTemporary(p.getFileName().toString()))
                        .sorted().toList();
            }
            for (Path page : pages) {
                String text = Files.readString(page, StandardCharsets.UTF_8);
                if (page.toString().endsWith(".md")) {
                    text = CODE.matcher(text).replaceAll("");
                    checked += links(dir, page, MARKDOWN.matcher(text), false, problems, anchors);
                }
                checked += links(dir, page, HTML.matcher(text), true, problems, anchors);
            }
        }
        return checked;
    }

    private static int links(Path dir, Path page, Matcher matcher, boolean html, List<ExportVerifier.Problem> problems,
            Anchors anchors) {
        int checked = 0;
        while (matcher.find()) {
            String target = matcher.group(1);
            if (html) {
                target = target.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                        .replace("&gt;", ">").replace("&amp;", "&");
            }
            if (target.isEmpty() || target.startsWith("#") || target.startsWith("//")
                    || SCHEME.matcher(target).find()) {
                continue;
            }
            int cut = indexOfAny(target, '#', '?');
            String file = cut < 0 ? target : target.substring(0, cut);
            if (file.isEmpty()) {
                continue;
            }
            checked++;
            Path resolved;
            try {
                resolved = page.getParent().resolve(URLDecoder.decode(file.replace("+", "%2B"),
                        StandardCharsets.UTF_8)).normalize();
            } catch (IllegalArgumentException malformed) { // a bad escape or a path the file system cannot hold
                resolved = null;
            }
            if (resolved == null || !resolved.startsWith(dir) || !Files.exists(resolved)) {
                problems.add(new ExportVerifier.Problem(ExportVerifier.Kind.DANGLING_LINK,
                        dir.relativize(page).toString().replace('\\', '/'), "links to " + target
                        + (resolved != null && !resolved.startsWith(dir) ? ", outside the export" : ", which is not there")));
            } else if (cut >= 0 && target.charAt(cut) == '#' && !anchors.has(resolved, target.substring(cut + 1))) {
                problems.add(new ExportVerifier.Problem(ExportVerifier.Kind.DANGLING_LINK,
                        dir.relativize(page).toString().replace('\\', '/'), "links to " + target
                        + ", whose anchor is not in that file"));
            }
        }
        return checked;
    }

    /**
     * The block anchors of linked pages ({@code id="<32 hex>"}, as HTML gives every block and Markdown the blocks
     * links point at), read per file; the last few files are kept, since links to one page tend to come together.
     */
    private static final class Anchors {
        private static final Pattern BLOCK = Pattern.compile("[0-9a-f]{32}");
        private final Map<Path, String> recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, String> eldest) {
                return size() > 32;
            }
        };

        /** Whether a block anchor is in a file; other fragments (heading slugs) are not checked. */
        boolean has(Path file, String fragment) {
            if (!BLOCK.matcher(fragment).matches() || Files.isDirectory(file)) {
                return true;
            }
            String text = recent.computeIfAbsent(file, path -> {
                try {
                    return Files.readString(path, StandardCharsets.UTF_8);
                } catch (IOException unreadable) {
                    return "";
                }
            });
            return text.contains("id=\"" + fragment + "\"");
        }
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
