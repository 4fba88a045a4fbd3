package dev.notionsync.cli;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.writers.JsonWriter;
import dev.notionsync.writers.MarkdownWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Helpers to run exports against a fake server and compare output folders. */
final class ExportTrees {

    private ExportTrees() {
    }

    static NotionClient client(FakeNotionServer server) {
        return NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN)
                .requestsPerSecond(0)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(10))
                .build());
    }

    static ExportSpec.Builder spec(Path out) {
        // one object at a time keeps the order of discovery, and so the names of same-titled pages, reproducible
        return ExportSpec.builder().outputDir(out).writers(JsonWriter.create(), MarkdownWriter.create())
                .concurrency(1);
    }

    static ExportEvent.Summary export(FakeNotionServer server, ExportSpec spec) {
        return NotionSync.create(client(server)).export(spec)
                .ofType(ExportEvent.Finished.class)
                .blockLast(Duration.ofSeconds(120))
                .summary();
    }

    /**
     * Every file of an export except its state and report, by relative path. Signed file URLs differ between
     * fetches, so their signatures are cut.
     */
    static Map<String, String> tree(Path out) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = out.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith(".notion-sync/") || relative.equals(NotionSync.REPORT_FILE)) {
                    continue;
                }
                // attachments and the HTML site's fonts are binary
                boolean binary = relative.startsWith("files/") || relative.endsWith(".woff2");
                String content = binary ? Integer.toHexString(
                        Arrays.hashCode(Files.readAllBytes(file)))
                        : Files.readString(file, StandardCharsets.UTF_8);
                files.put(relative, unsigned(content));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The paths whose content differs, or that only one side has, with the first differing line. */
    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> differences = new ArrayList<>();
        Set<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String path : paths) {
            String left = expected.get(path);
            String right = actual.get(path);
            if (left == null || right == null) {
                differences.add(path + (left == null ? " only in the second" : " only in the first"));
            } else if (!left.equals(right)) {
                String[] a = left.split("\n", -1);
                String[] b = right.split("\n", -1);
                int line = 0;
                while (line < Math.min(a.length, b.length) && a[line].equals(b[line])) {
                    line++;
                }
                differences.add(path + " line " + (line + 1) + ": " + (line < a.length ? a[line] : "<end>")
                        + " | " + (line < b.length ? b[line] : "<end>"));
            }
        }
        return differences;
    }

    static String unsigned(String content) {
        // Notion stamps every answer with its own request_id; it says nothing about the content
        // servers of different tests listen on different ports
        return content.replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://fake-notion")
                .replaceAll("\\?X-Amz-[^\"\\s)]*", "?signed")
                .replaceAll("\"expiry_time\" : \"[^\"]*\"", "\"expiry_time\" : \"?\"")
                .replaceAll("\"request_id\" ?: ?\"[^\"]*\"", "\"request_id\" : \"?\"");
    }
}
