package dev.notionsync.writers;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.model.User;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under Notion-Version 2026-12-01 some people come without a name: every format shows their email instead, never
 * "null" and never a bare id.
 */
class NamelessPeopleTests {

    @TempDir
    static Path dir;
    private static FakeNotionServer server;
    private static Path out;
    private static User nameless;

    @BeforeAll
    static void export() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
        NotionClient client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).notionVersion("2026-12-01").build());
        // the coverage rows name the second person in their People property
        nameless = client.users().filter(user -> user.json().path("name").isNull()).blockFirst();
        out = dir.resolve("export");
        AllFormatsExportTests.exportAll(client, out);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theFakeServesAPersonWithoutAName() {
        assertThat(nameless).isNotNull();
        assertThat(nameless.displayName()).contains("@").isEqualTo(nameless.json().path("person").path("email")
                .asText());
    }

    @Test
    void frontMatterCsvAndHtmlShowTheEmailOfAPersonWithoutAName() throws IOException {
        String email = nameless.displayName();
        for (String format : List.of("markdown", "csv", "html")) {
            List<String> texts = texts(format);
            assertThat(texts).as("%s files naming %s", format, email).anyMatch(text -> text.contains(email));
            assertThat(texts).as("%s files", format).noneMatch(text -> text.contains("name: null")
                    || text.contains("name: " + nameless.id()) || text.contains("@null"));
        }
    }

    @Test
    void aMentionOfAPersonWithoutANameFallsBackToItsTextThenTheEmailThenTheId() {
        assertThat(UserNames.mention(nameless.id(), "@Grace Hopper", id -> Optional.of(nameless)))
                .isEqualTo("Grace Hopper");
        assertThat(UserNames.mention(nameless.id(), "@", id -> Optional.of(nameless))).isEqualTo(nameless.displayName());
        assertThat(UserNames.mention("u-1", "@null", id -> Optional.empty())).isEqualTo("Unknown user (u-1)");
        assertThat(UserNames.author("", id -> Optional.empty())).isEqualTo("Unknown user");
    }

    private static List<String> texts(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(out.resolve(folder))) {
            String extension = "markdown".equals(folder) ? ".md" : "." + folder;
            return files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(extension)).map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
