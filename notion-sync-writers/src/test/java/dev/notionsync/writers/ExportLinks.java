package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every link of an export's Markdown and HTML, for tests: local links that resolve to a file, local links that do
 * not (dangling), and links to Notion, among them those to an object the export holds (which should have been
 * local).
 */
record ExportLinks(int local, List<String> dangling, int notion, List<String> notionToExported) {

    private static final Pattern NOTION = Pattern.compile("^https://www\\.notion\\.so/([0-9a-f]{32})(?:#.*)?$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /**
     * Reads the links of an export folder.
     *
     * @param out the output folder
     * @return the counts
     */
    static ExportLinks of(Path out) {
        Set<String> exported = new HashSet<>();
        try {
            for (JsonNode object : JsonFileWriter.MAPPER.readTree(out.resolve("json/index.json").toFile())
                    .path("objects")) {
                exported.add(object.path("id").asText().replace("-", "").toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int local = 0;
        int notion = 0;
        List<String> dangling = new ArrayList<>();
        List<String> toExported = new ArrayList<>();
        for (String format : List.of("markdown", "html")) {
            String extension = format.equals("html") ? ".html" : ".md";
            for (OutputLinks.Relative link : OutputLinks.in(out.resolve(format), extension)) {
                if (link.resolves()) {
                    local++;
                } else {
                    dangling.add(link.from().getFileName() + " -> " + link.url());
                }
            }
            for (Path file : files(out.resolve(format), extension)) {
                String text = read(file);
                List<String> urls = extension.equals(".html") ? OutputLinks.attributes(text)
                        : OutputLinks.markdown(text);
                for (String url : urls) {
                    Matcher matcher = NOTION.matcher(url);
                    if (matcher.matches()) {
                        notion++;
                        if (exported.contains(matcher.group(1))) {
                            toExported.add(file.getFileName() + " -> " + url);
                        }
                    } else if (url.startsWith("/") || url.contains("notion.so/") && !SCHEME.matcher(url).find()) {
                        dangling.add(file.getFileName() + " -> " + url);
                    }
                }
            }
        }
        return new ExportLinks(local, dangling, notion, toExported);
    }

    private static List<Path> files(Path folder, String extension) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "local " + local + " (resolved), dangling " + dangling.size() + ", to Notion " + notion
                + " (of which to exported objects " + notionToExported.size() + ")";
    }
}
