package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterBlock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Front matter is YAML that a real parser reads back to the same values. */
class FrontMatterTests {

    private static final ObjectMapper YAML = new YAMLMapper();

    static final List<String> HOSTILE = List.of("yes", "no", "on", "off", "null", "~", "true", "False", "2024-01-01",
            "12:30", "0x1F", "1e3", "+1", ".inf", "#not a comment", "a: b", "a #b", "- item", "[a, b]", "{a: b}",
            "'single'", "\"double\"", "back\\slash", "line\nbreak", "tab\there", "cr\rhere", "line\u2028separator",
            "next\u0085line", "bom\ufefffirst", "control\u0001char", "del\u007fchar", "emoji 😀 ✓", " leading",
            "trailing ", "", "@at", "`tick", "%percent", "!tag", "&anchor", "*alias", "|pipe", ">fold", "---", "...",
            "? question", "<script>alert(1)</script>", "ünïcödé", "\\u0041 not an escape");

    private static JsonNode frontMatter(String markdown) throws IOException {
        assertTrue(markdown.startsWith("---\n"), markdown);
        int end = markdown.indexOf("\n---\n", 3);
        return YAML.readTree(markdown.substring(4, end + 1));
    }

    @Test
    void everyPropertyTypeHasAPlainValue() throws IOException {
        JsonNode yaml = frontMatter(Fixtures.load("properties").markdown());
        assertEquals("11111111-1111-4111-8111-111111111111", yaml.get("id").asText());
        assertEquals("Fix the \"login\" bug: yes", yaml.get("title").asText());
        assertEquals("Fix the \"login\" bug: yes", yaml.get("Name").asText());
        assertEquals("Line one\nline two # not a comment", yaml.get("Notes").asText());
        assertEquals(2.5, yaml.get("Estimate").asDouble());
        assertEquals(42, yaml.get("Count").asInt());
        assertTrue(yaml.get("Empty number").isNull());
        assertEquals("High", yaml.get("Priority").asText());
        assertEquals("In progress", yaml.get("Status").asText());
        assertEquals(YAML.readTree("[backend, 'yes', 'null']"), yaml.get("Tags"));
        assertEquals("2025-03-01", yaml.get("Due").asText());
        assertEquals("Europe/Paris", yaml.get("Window").get("time_zone").asText());
        assertEquals(YAML.readTree("[{name: Grace Hopper, id: 44444444-4444-4444-8444-444444444444},"
                + " {name: Ada, id: 45555555-4444-4444-8444-444444444444}]"), yaml.get("Owner"));
        assertEquals(YAML.readTree("[{name: spec.pdf, path: '../files/abc/spec.pdf'},"
                + " {name: site, url: 'https://example.com/site'}]"), yaml.get("Attachments"));
        assertTrue(yaml.get("Done").asBoolean());
        assertTrue(yaml.get("Done").isBoolean());
        assertEquals("+1 555 0100", yaml.get("Phone").asText());
        assertEquals(7, yaml.get("Score").asInt());
        assertEquals("on", yaml.get("Label").asText());
        assertFalse(yaml.get("Overdue").asBoolean(true));
        assertEquals(YAML.readTree("[{id: 22222222-2222-4222-8222-222222222222, title: Other page, file: Other page.md},"
                + " {id: 77777777-7777-4777-8777-777777777777}]"), yaml.get("Related"), "titles only when confirmed");
        assertEquals(12.75, yaml.get("Total").asDouble());
        assertEquals(YAML.readTree("[[x], Sub]"), yaml.get("Rolled tags"));
        assertTrue(yaml.get("Broken rollup").isNull());
        assertEquals("Grace Hopper", yaml.get("Created by").get("name").asText());
        assertEquals("44444444-4444-4444-8444-444444444444", yaml.get("Created by").get("id").asText());
        assertEquals("BUG-17", yaml.get("Ticket").asText());
        assertEquals(3, yaml.get("Plain id").asInt());
        assertEquals("verified", yaml.get("Verified").asText());
        assertEquals(48.8566, yaml.get("Office").get("lat").asDouble());
        assertFalse(yaml.has("Action"), "buttons have no value");
        assertEquals("A property named title", yaml.get("title (property)").asText());
        assertEquals(3, yaml.get("Future").get("level").asInt(), "unknown property types keep their JSON shape");
    }

    @Test
    void hostileStringsAndNamesReadBackUnchanged() throws IOException {
        ObjectNode root = JsonFileWriter.MAPPER.createObjectNode().put("front_matter", true);
        ObjectNode page = root.putObject("page").put("object", "page")
                .put("id", "11111111-1111-4111-8111-111111111111").put("url", "https://www.notion.so/x");
        page.putObject("parent").put("type", "workspace").put("workspace", true);
        ObjectNode properties = page.putObject("properties");
        properties.putObject("Name").put("type", "title").put("title", "Hostile: yes # no");
        for (int i = 0; i < HOSTILE.size(); i++) {
            properties.putObject("p" + i).put("type", "rich_text").set("rich_text", Fixtures.richText(HOSTILE.get(i)));
            String name = HOSTILE.get(i).isEmpty() ? "empty name" : HOSTILE.get(i);
            properties.putObject(name).put("type", "select").putObject("select").put("name", HOSTILE.get(i));
        }
        String markdown = Fixtures.parse("hostile", root.toString()).markdown();
        JsonNode yaml = frontMatter(markdown);
        assertEquals("Hostile: yes # no", yaml.get("title").asText());
        for (int i = 0; i < HOSTILE.size(); i++) {
            String name = HOSTILE.get(i).isEmpty() ? "empty name" : HOSTILE.get(i);
            assertEquals(HOSTILE.get(i), yaml.get("p" + i).asText(), "value " + i);
            assertTrue(yaml.has(name), "key " + name);
            assertEquals(HOSTILE.get(i), yaml.get(name).asText(), "value of key " + name);
        }
        assertTrue(MarkdownStructureTests.all(Flexmark.parse(markdown), YamlFrontMatterBlock.class).size() == 1,
                "flexmark sees one front matter block");
    }

    @Test
    void noFrontMatterWhenTheSpecSaysNo() {
        Fixtures.Fixture fixture = Fixtures.load("properties");
        String markdown = new MarkdownRenderer(fixture.names(), id -> java.util.Optional.empty(), false)
                .render(fixture.export()).markdown();
        assertTrue(markdown.startsWith("# Fix the \"login\" bug: yes\n"), markdown);
    }
}
