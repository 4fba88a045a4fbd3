package dev.notionsync.writers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Renders every fixture and compares it with {@code golden/<fixture>.md}. After an intended change, run with
 * {@code -Dgolden.update=true} to rewrite the golden files, then review the diff.
 */
class MarkdownGoldenTests {

    static final String[] FIXTURES = {"text-blocks", "lists", "toggles", "code", "structure", "tables", "references",
        "media", "unsupported", "rich-text", "properties", "comments", "database"};

    static String[] fixtures() {
        return FIXTURES.clone();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rendersLikeTheGoldenFile(String fixture) throws IOException {
        String markdown = Fixtures.load(fixture).markdown();
        if (Boolean.getBoolean("golden.update")) {
            Path golden = Path.of("src/test/resources/golden", fixture + ".md");
            Files.writeString(golden, markdown, StandardCharsets.UTF_8);
        }
        try (InputStream in = getClass().getResourceAsStream("/golden/" + fixture + ".md")) {
            assertNotNull(in, "missing golden file for " + fixture);
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), markdown, fixture);
        }
    }
}
