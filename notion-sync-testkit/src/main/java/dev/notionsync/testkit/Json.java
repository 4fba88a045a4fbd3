package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** JSON plumbing shared by the generator and the server: the mapper, timestamps, parents and files. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** 2024-01-01T00:00:00Z in epoch minutes: the base of every generated timestamp. */
    static final long BASE_MINUTE = 1_704_067_200L / 60;

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode obj() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode arr() {
        return MAPPER.createArrayNode();
    }

    static String iso(long epochMinute) {
        return ISO_MILLIS.format(Instant.ofEpochSecond(epochMinute * 60));
    }

    static String iso(Instant instant) {
        return ISO_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static long minuteOf(String iso) {
        return Instant.parse(iso).getEpochSecond() / 60;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static ObjectNode userRef(String userId) {
        return obj().put("object", "user").put("id", userId);
    }

    static ObjectNode workspaceParent() {
        return obj().put("type", "workspace").put("workspace", true);
    }

    static ObjectNode pageParent(String pageId) {
        return obj().put("type", "page_id").put("page_id", pageId);
    }

    static ObjectNode blockParent(String blockId) {
        return obj().put("type", "block_id").put("block_id", blockId);
    }

    static ObjectNode databaseParent(String databaseId) {
        return obj().put("type", "database_id").put("database_id", databaseId);
    }

    static ObjectNode dataSourceParent(String dataSourceId, String databaseId) {
        return obj().put("type", "data_source_id").put("data_source_id", dataSourceId).put("database_id", databaseId);
    }

    static ObjectNode emoji(String emoji) {
        return obj().put("type", "emoji").put("emoji", emoji);
    }

    static ObjectNode external(String url) {
        ObjectNode file = obj().put("type", "external");
        file.putObject("external").put("url", url);
        return file;
    }

    /**
     * A Notion-hosted file object. The inner object is a placeholder that the renderer replaces with a
     * freshly signed {@code {url, expiry_time}} each time the owning object is served.
     */
    static ObjectNode hosted(String fileId, String name) {
        ObjectNode file = obj().put("type", "file");
        file.set("file", placeholder(fileId, name));
        return file;
    }

    static ObjectNode placeholder(String fileId, String name) {
        return obj().put("$file", fileId).put("$name", name);
    }

    static String notionUrl(String title, String id) {
        String slug = Words.slug(title);
        return "https://www.notion.so/" + (slug.isEmpty() ? "" : slug + "-") + Ids.compact(id);
    }
}
