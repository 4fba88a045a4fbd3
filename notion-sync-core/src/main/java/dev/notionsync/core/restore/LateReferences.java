package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.NotionClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites mentions written before their target existed. A page mentioning a page restored after it can only link
 * to the original URL when its blocks are appended; once every object exists, each such block is updated in place
 * ({@code PATCH /v1/blocks/{id}}) with the mention pointing at the new page. Whether a block needs it follows from
 * the log's order of creation, so a rerun after a crash finds the same blocks, and a block fixed once (journaled)
 * is never sent again.
 */
final class LateReferences {

    private final NotionClient client;
    private final RestoreLog log;
    private final Writes writes;
    private final ExportFolder folder;
    private final RestoreRun run;

    LateReferences(NotionClient client, RestoreLog log, Writes writes, ExportFolder folder, RestoreRun run) {
        this.client = client;
        this.log = log;
        this.writes = writes;
        this.folder = folder;
        this.run = run;
    }

    /** Fixes the title and text properties, then the blocks, of one restored page or row. */
    void fix(ExportFolder.Entry entry) {
        properties(entry);
        walk(entry.document().path("blocks"));
    }

    private void properties(ExportFolder.Entry entry) {
        String key = "fix-properties:" + entry.id();
        Optional<String> page = log.newId(entry.id());
        if (page.isEmpty() || log.isDone(key)) {
            return;
        }
        boolean row = folder.isRow(entry);
        ObjectNode changed = Requests.JSON.objectNode();
        for (Map.Entry<String, JsonNode> property : entry.object().path("properties").properties()) {
            String type = property.getValue().path("type").asText();
            if (!"title".equals(type) && !"rich_text".equals(type)) {
                continue;
            }
            Set<String> targets = new LinkedHashSet<>();
            JsonNode value = property.getValue().path(type);
            mentioned(value, targets);
            if (stale(targets, entry.id())) {
                changed.putObject(row ? property.getKey() : "title")
                        .set(type, Requests.chunks(Requests.richText(value, run)).get(0));
            }
        }
        if (!changed.isEmpty()) {
            ObjectNode update = Requests.JSON.objectNode();
            update.set("properties", changed);
            writes.call(client.updatePage(page.get(), update));
            log.done(key);
        }
    }

    /** Whether a target was created after the referrer; targets never restored are reported. */
    private boolean stale(Set<String> targets, String referrer) {
        boolean stale = false;
        for (String target : targets) {
            if (log.newId(target).isEmpty()) {
                run.lost("page mention of " + target, "its target was not restored: kept as a link to its original"
                        + " URL");
            } else if (log.createdAfter(target, referrer)) {
                stale = true;
            }
        }
        return stale;
    }

    private void walk(JsonNode blocks) {
        for (JsonNode block : blocks) {
            fixBlock(block);
            walk(block.path("children"));
        }
    }

    private void fixBlock(JsonNode block) {
        String old = block.path("id").asText();
        String type = block.path("type").asText();
        JsonNode body = block.path(type);
        Set<String> targets = new LinkedHashSet<>();
        mentioned(body.path("rich_text"), targets);
        mentioned(body.path("caption"), targets);
        body.path("cells").forEach(cell -> mentioned(cell, targets));
        String key = "fix:" + old;
        if (targets.isEmpty() || log.newId(old).isEmpty() || log.isDone(key)) {
            return;
        }
        if (!stale(targets, old)) {
            return;
        }
        ObjectNode update = Requests.JSON.objectNode();
        ObjectNode fields = update.putObject(type);
        for (String field : List.of("rich_text", "caption")) {
            if (body.has(field)) {
                List<ArrayNode> chunks = Requests.chunks(Requests.richText(body.get(field), run));
                if (chunks.size() > 1) {
                    // the text went on in further blocks when it was written; one update cannot redo that split
                    run.lost("mentions in block " + old, "its text was split into several blocks: mentions of"
                            + " pages restored later stay links to their original URLs");
                    return;
                }
                fields.set(field, chunks.get(0));
            }
        }
        if (body.has("cells")) {
            ArrayNode cells = fields.putArray("cells");
            for (JsonNode cell : body.path("cells")) {
                cells.add(Requests.chunks(Requests.richText(cell, run)).get(0));
            }
        }
        writes.call(client.updateBlock(log.newId(old).orElseThrow(), update));
        log.done(key);
    }

    private void mentioned(JsonNode richText, Set<String> targets) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : richText) {
            JsonNode mention = item.path("mention");
            String kind = mention.path("type").asText();
            if ("page".equals(kind) || "database".equals(kind)) {
                ids.add(mention.path(kind).path("id").asText());
            }
        }
        ids.stream().filter(folder.entries::containsKey).forEach(targets::add);
    }
}
