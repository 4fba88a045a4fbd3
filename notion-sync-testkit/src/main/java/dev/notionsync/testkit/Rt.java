package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Rich-text builders: text with annotations and links, every mention type, inline equations. */
final class Rt {

    private Rt() {
    }

    static ArrayNode of(ObjectNode... items) {
        ArrayNode array = Json.arr();
        for (ObjectNode item : items) {
            array.add(item);
        }
        return array;
    }

    static ArrayNode plain(String content) {
        return of(text(content));
    }

    static ObjectNode text(String content) {
        return text(content, null);
    }

    static ObjectNode link(String content, String url) {
        return text(content, url);
    }

    /** Text with the named annotations: bold, italic, strikethrough, underline, code, or color:NAME. */
    static ObjectNode styled(String content, String... annotations) {
        ObjectNode item = text(content, null);
        ObjectNode a = (ObjectNode) item.get("annotations");
        for (String name : annotations) {
            if (name.startsWith("color:")) {
                a.put("color", name.substring(6));
            } else {
                a.put(name, true);
            }
        }
        return item;
    }

    private static ObjectNode text(String content, String url) {
        ObjectNode item = Json.obj().put("type", "text");
        ObjectNode text = item.putObject("text").put("content", content);
        if (url == null) {
            text.putNull("link");
        } else {
            text.putObject("link").put("url", url);
        }
        return finish(item, content, url);
    }

    static ObjectNode mentionUser(String userId, String name) {
        ObjectNode m = mention("user");
        ((ObjectNode) m.get("mention")).set("user", Json.userRef(userId));
        return finish(m, "@" + name, null);
    }

    static ObjectNode mentionPage(String pageId, String title) {
        ObjectNode m = mention("page");
        ((ObjectNode) m.get("mention")).putObject("page").put("id", pageId);
        return finish(m, title, "https://www.notion.so/" + Ids.compact(pageId));
    }

    static ObjectNode mentionDatabase(String databaseId, String title) {
        ObjectNode m = mention("database");
        ((ObjectNode) m.get("mention")).putObject("database").put("id", databaseId);
        return finish(m, title, "https://www.notion.so/" + Ids.compact(databaseId));
    }

    static ObjectNode mentionDate(String start, String end) {
        ObjectNode m = mention("date");
        ObjectNode date = ((ObjectNode) m.get("mention")).putObject("date").put("start", start);
        date.put("end", end);
        date.putNull("time_zone");
        return finish(m, end == null ? start : start + " → " + end, null);
    }

    static ObjectNode mentionLinkPreview(String url) {
        ObjectNode m = mention("link_preview");
        ((ObjectNode) m.get("mention")).putObject("link_preview").put("url", url);
        return finish(m, url, url);
    }

    static ObjectNode mentionLink(String href, String title) {
        ObjectNode m = mention("link_mention");
        ((ObjectNode) m.get("mention")).putObject("link_mention").put("href", href).put("title", title)
                .put("description", "A page about " + title).put("link_author", "Example Author")
                .put("link_provider", "Example").put("thumbnail_url", "https://example.com/thumb.png")
                .put("icon_url", "https://example.com/favicon.ico");
        return finish(m, title, href);
    }

    /** A template mention: {@code today}/{@code now} dates, or {@code me} for the user kind. */
    static ObjectNode templateMention(String value) {
        ObjectNode m = mention("template_mention");
        ObjectNode t = ((ObjectNode) m.get("mention")).putObject("template_mention");
        if ("me".equals(value)) {
            t.put("type", "template_mention_user").put("template_mention_user", "me");
            return finish(m, "@Me", null);
        }
        t.put("type", "template_mention_date").put("template_mention_date", value);
        return finish(m, "@" + Character.toUpperCase(value.charAt(0)) + value.substring(1), null);
    }

    static ObjectNode customEmoji(String id, String name, String url) {
        ObjectNode m = mention("custom_emoji");
        ((ObjectNode) m.get("mention")).putObject("custom_emoji").put("id", id).put("name", name).put("url", url);
        return finish(m, ":" + name + ":", null);
    }

    static ObjectNode equation(String expression) {
        ObjectNode item = Json.obj().put("type", "equation");
        item.putObject("equation").put("expression", expression);
        return finish(item, expression, null);
    }

    /** The concatenated plain text of a rich-text array. */
    static String plainText(JsonNode richText) {
        StringBuilder sb = new StringBuilder();
        if (richText != null) {
            for (JsonNode item : richText) {
                sb.append(item.path("plain_text").asText());
            }
        }
        return sb.toString();
    }

    /** Whether a rich-text item counts toward the 25-reference limit (a page or person mention). */
    static boolean isReference(JsonNode item) {
        String type = item.path("mention").path("type").asText();
        return List.of("user", "page", "database").contains(type);
    }

    private static ObjectNode mention(String type) {
        ObjectNode item = Json.obj().put("type", "mention");
        item.putObject("mention").put("type", type);
        return item;
    }

    private static ObjectNode finish(ObjectNode item, String plainText, String href) {
        item.putObject("annotations").put("bold", false).put("italic", false).put("strikethrough", false)
                .put("underline", false).put("code", false).put("color", "default");
        item.put("plain_text", plainText);
        item.put("href", href);
        return item;
    }
}
