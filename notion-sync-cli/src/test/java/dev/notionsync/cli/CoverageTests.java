package dev.notionsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full-coverage workspace (every block and property type, hosted files everywhere, hostile titles) exported in
 * all four formats. Prints the coverage figures: {@code mvn -B -q -pl notion-sync-cli test -Dtest=CoverageTests}.
 */
class CoverageTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern HOSTED = Pattern.compile("/files/([0-9a-f-]{36})/");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("(?<!\\\\)\\]\\((?!https?:|mailto:|#)([^)\\s]+)\\)");
    private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)=\"(?!https?:|mailto:|tel:|#|data:)([^\"]+)\"");

    @TempDir
    static Path dir;
    private static FakeNotionServer server;
    private static Path out;

    @BeforeAll
    static void export() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
        out = dir.resolve("export");
        CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--rate-limit", "0", "--out", out.toString(), "--comments", "all");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyBlockAndPropertyTypeIsExportedAndRendered() throws IOException {
        Set<String> blockTypes = new TreeSet<>();
        Set<String> propertyTypes = new TreeSet<>();
        for (Path file : files("json", ".json")) {
            JsonNode json = MAPPER.readTree(file.toFile());
            collectBlockTypes(json.path("blocks"), blockTypes);
            json.path("page").path("properties").forEach(value -> propertyTypes.add(value.path("type").asText()));
        }
        Set<String> placeholders = new TreeSet<>();
        Pattern placeholder = Pattern.compile("Unsupported block: ([a-z_]+)");
        for (Path file : files("markdown", ".md")) {
            Matcher matcher = placeholder.matcher(Files.readString(file));
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
        }
        Set<String> inWorkspace = server.workspace().blockTypes();
        Set<String> missing = new TreeSet<>(inWorkspace);
        missing.removeAll(blockTypes);

        // every type has its own rendering; the API's "unsupported" block is a visible placeholder naming its real
        // type, by design, and no other type falls back to a placeholder (asserted below)
        System.out.printf("block types: %d exported and rendered of %d in the workspace; the unsupported block "
                + "shows a placeholder naming %s%n", blockTypes.size(), inWorkspace.size(), placeholders);
        System.out.printf("property types: %d exported of %d in the workspace%n", propertyTypes.size(),
                server.workspace().propertyTypes().size());
        assertThat(missing).as("block types not exported").isEmpty();
        assertThat(propertyTypes).containsAll(server.workspace().propertyTypes());
        assertThat(placeholders).as("only API-unsupported blocks are placeholders").containsOnly("form");
    }

    @Test
    void everyHostedFileIsOnDiskByteIdentical() throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (Path file : files("json", ".json")) {
            Matcher matcher = HOSTED.matcher(Files.readString(file));
            while (matcher.find()) {
                referenced.add(matcher.group(1));
            }
        }
        int downloaded = 0;
        for (String fileId : referenced) {
            String sha = sha256(server.workspace().fileBytes(fileId));
            try (Stream<Path> candidates = Files.list(out.resolve("files").resolve(sha.substring(0, 2)))) {
                if (candidates.anyMatch(path -> path.getFileName().toString().startsWith(sha))) {
                    downloaded++;
                }
            } catch (IOException missing) {
                // counted as not downloaded
            }
        }
        long hostedLinksLeft = 0;
        for (Path file : files("markdown", ".md")) {
            hostedLinksLeft += HOSTED.matcher(Files.readString(file)).results().count();
        }

        System.out.printf("attachments: %d downloaded of %d present; %d Markdown links still point at the file "
                + "host%n", downloaded, referenced.size(), hostedLinksLeft);
        assertThat(referenced).hasSizeGreaterThan(10);
        assertThat(downloaded).isEqualTo(referenced.size());
        assertThat(hostedLinksLeft).isZero();
    }

    @Test
    void everyLinkBetweenExportedFilesResolves() throws IOException {
        int[] markdown = links("markdown", ".md", MARKDOWN_LINK);
        int[] html = links("html", ".html", HTML_LINK);

        System.out.printf("links: Markdown %d resolved of %d written; HTML %d resolved of %d written%n",
                markdown[0], markdown[1], html[0], html[1]);
        assertThat(markdown[1]).isGreaterThan(50);
        assertThat(markdown[0]).isEqualTo(markdown[1]);
        assertThat(html[0]).isEqualTo(html[1]);
    }

    private static int[] links(String folder, String extension, Pattern pattern) throws IOException {
        int written = 0;
        int resolved = 0;
        for (Path file : files(folder, extension)) {
            Matcher matcher = pattern.matcher(Files.readString(file));
            while (matcher.find()) {
                String target = matcher.group(1).replaceFirst("#.*$", "").replace("&amp;", "&");
                if (target.isEmpty()) {
                    continue;
                }
                written++;
                String decoded = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (Files.exists(file.getParent().resolve(decoded).normalize())) {
                    resolved++;
                } else {
                    System.out.println("unresolved: " + out.relativize(file) + " -> " + decoded);
                }
            }
        }
        return new int[] {resolved, written};
    }

    private static void collectBlockTypes(JsonNode blocks, Set<String> types) {
        for (JsonNode block : blocks) {
            types.add(block.path("type").asText());
            collectBlockTypes(block.path("children"), types);
        }
    }

    @Test
    void aJsonOnlyExportSaysInItsIndexWhereEveryDownloadedFileIsUsed() throws IOException {
        Path jsonOnly = dir.resolve("json-only");
        CliRun run = CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--rate-limit", "0", "--out", jsonOnly.toString(), "--comments", "all", "--formats", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);

        Set<String> referenced = new TreeSet<>();
        Set<String> places = new TreeSet<>();
        for (JsonNode entry : MAPPER.readTree(jsonOnly.resolve("json/index.json").toFile()).path("objects")) {
            for (JsonNode attachment : entry.path("attachments")) {
                referenced.add(attachment.path("path").asText());
                places.add(attachment.path("used_in").asText());
                assertThat(attachment.path("name").asText()).as(attachment.toString()).isNotBlank();
                assertThat(jsonOnly.resolve(attachment.path("path").asText())).as(attachment.toString())
                        .isRegularFile();
            }
        }
        Set<String> downloaded = new TreeSet<>();
        try (Stream<Path> files = Files.walk(jsonOnly.resolve("files"))) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> downloaded.add(jsonOnly.relativize(file).toString().replace('\\', '/')));
        }
        assertThat(downloaded).isNotEmpty();
        assertThat(referenced).containsExactlyElementsOf(downloaded);
        assertThat(places).contains("block", "property", "comment", "icon");
    }

    private static Iterable<Path> files(String folder, String extension) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve(folder))) {
            return files.filter(file -> file.getFileName().toString().endsWith(extension))
                    .filter(file -> !file.getFileName().toString().equals("index.json")
                            && !file.getFileName().toString().equals("users.json"))
                    .toList();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
