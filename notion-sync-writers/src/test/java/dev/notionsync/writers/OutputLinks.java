package dev.notionsync.writers;

import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.util.ast.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The relative links of an export folder, for tests: every {@code href} and {@code src} of the HTML pages (read with
 * a regular expression, which is enough for the attribute syntax the writer produces) and every link and image of
 * the Markdown documents (read with flexmark), each resolved against its file's folder.
 */
final class OutputLinks {

    private static final Pattern ATTRIBUTE = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private OutputLinks() {
    }

    /**
     * A relative link.
     *
     * @param from the file holding it
     * @param url the link as written
     * @param target the file it points to
     */
    record Relative(Path from, String url, Path target) {

        boolean resolves() {
            return Files.isRegularFile(target);
        }
    }

    /**
     * Returns the relative links of every file with an extension in a folder.
     *
     * @param folder the folder, for instance {@code out/html}
     * @param extension {@code .html} or {@code .md}
     * @return the links
     */
    static List<Relative> in(Path folder, String extension) {
        List<Relative> links = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(extension)).sorted().toList()) {
                String text = Files.readString(file);
                List<String> urls = extension.equals(".html") ? attributes(text) : markdown(text);
                for (String url : urls) {
                    relative(file, url).ifPresent(links::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return links;
    }

    static List<String> attributes(String html) {
        List<String> urls = new ArrayList<>();
        Matcher matcher = ATTRIBUTE.matcher(html);
        while (matcher.find()) {
            urls.add(matcher.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"));
        }
        return urls;
    }

    /** Every link and image destination of a Markdown document as a reader resolves it (escapes, entities). */
    static List<String> markdown(String markdown) {
        List<String> urls = new ArrayList<>();
        collect(Flexmark.parse(markdown), urls);
        return urls;
    }

    private static void collect(Node node, List<String> urls) {
        if (node instanceof Link link) {
            urls.add(link.getUrl().unescape());
        } else if (node instanceof Image image) {
            urls.add(image.getUrl().unescape());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, urls);
        }
    }

    private static Optional<Relative> relative(Path file, String url) {
        if (url.isEmpty() || url.startsWith("#") || SCHEME.matcher(url).find()) {
            return Optional.empty();
        }
        String path = url.replaceFirst("[#?].*$", "");
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        return Optional.of(new Relative(file, url, file.getParent().resolve(decoded).normalize()));
    }
}
