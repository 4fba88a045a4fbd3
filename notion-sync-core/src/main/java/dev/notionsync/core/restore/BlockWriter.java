package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.model.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes an exported block tree in document order within Notion's limits: at most 100 blocks per append, two levels
 * per request (a block goes with its children when they are leaves; otherwise its children are appended to its new
 * id), a column list with its columns, a table with its rows. Child pages and databases met in the content are
 * created at their place, so the order of a page's children is kept.
 */
final class BlockWriter {

    private static final int MAX_ELEMENTS = 900;
    private static final int MAX_BYTES = 400 * 1024;

    /** One exported block and the request blocks it became. */
    private record Pending(JsonNode block, List<ObjectNode> requests, boolean deferred) {
    }

    private final NotionClient client;
    private final RestoreLog log;
    private final Writes writes;
    private final RestoreRun run;
    final Map<String, Integer> blocks = new TreeMap<>();

    BlockWriter(NotionClient client, RestoreLog log, Writes writes, RestoreRun run) {
        this.client = client;
        this.log = log;
        this.writes = writes;
        this.run = run;
    }

    /** Writes {@code children} under {@code parent} (a new page or block id), skipping what the log has. */
    void write(String parent, JsonNode children, int skip, ExportFolder.Entry owner, String pageId,
            Set<String> commented) {
        List<Pending> batch = new ArrayList<>();
        int elements = 0;
        int bytes = 0;
        for (int i = skip; i < children.size(); i++) {
            JsonNode block = children.get(i);
            String old = block.path("id").asText();
            String type = block.path("type").asText();
            if ("child_page".equals(type) || "child_database".equals(type)) {
                flush(parent, batch, owner, pageId, commented);
                batch.clear();
                elements = 0;
                bytes = 0;
                run.child(old, type, pageId, !parent.equals(pageId));
                continue;
            }
            Optional<String> earlier = log.newId(old);
            if (earlier.isPresent()) {
                flush(parent, batch, owner, pageId, commented);
                batch.clear();
                elements = 0;
                bytes = 0;
                descend(block, earlier.get(), owner, pageId, commented);
                continue;
            }
            List<ObjectNode> requests = Requests.block(block, owner, run.folder(), run);
            if (requests.isEmpty()) {
                continue;
            }
            JsonNode nested = block.path("children");
            boolean deferred = false;
            ObjectNode last = requests.get(requests.size() - 1);
            ObjectNode lastBody = (ObjectNode) last.get(last.get("type").asText());
            if ("table".equals(type)) {
                lastBody.set("children", leaves(nested, 0, 100, owner));
                deferred = nested.size() > 100;
            } else if ("column_list".equals(type)) {
                ArrayNode columns = lastBody.putArray("children");
                for (JsonNode column : nested) {
                    ObjectNode request = Requests.wrap("column", Requests.JSON.objectNode());
                    ((ObjectNode) request.get("column")).set("children", leaves(column.path("children"), 0, 100, owner));
                    columns.add(request);
                }
                deferred = true;
            } else if (nested.size() > 0) {
                if (inlinable(nested, commented)) {
                    lastBody.set("children", leaves(nested, 0, 100, owner));
                } else {
                    deferred = true;
                }
            }
            int size = count(last) + requests.size() - 1;
            int length = requests.toString().length();
            if (!batch.isEmpty() && (batch.stream().mapToInt(p -> p.requests().size()).sum() + requests.size() > 100
                    || elements + size > MAX_ELEMENTS || bytes + length > MAX_BYTES)) {
                flush(parent, batch, owner, pageId, commented);
                batch.clear();
                elements = 0;
                bytes = 0;
            }
            batch.add(new Pending(block, requests, deferred));
            elements += size;
            bytes += length;
        }
        flush(parent, batch, owner, pageId, commented);
    }

    /** Whether children can go inside their parent's request: leaves only, none that must be found by id later. */
    private static boolean inlinable(JsonNode children, Set<String> commented) {
        if (children.size() > 100) {
            return false;
        }
        for (JsonNode child : children) {
            String type = child.path("type").asText();
            boolean needsId = commented.contains(child.path("id").asText())
                    || ("synced_block".equals(type) && child.path("synced_block").path("synced_from").isNull());
            if (child.path("children").size() > 0 || needsId || Set.of("child_page", "child_database", "table",
                    "column_list", "column").contains(type)) {
                return false;
            }
        }
        return true;
    }

    private ArrayNode leaves(JsonNode children, int from, int max, ExportFolder.Entry owner) {
        ArrayNode out = Requests.JSON.arrayNode();
        for (int i = from; i < children.size() && out.size() < max; i++) {
            for (ObjectNode request : Requests.block(children.get(i), owner, run.folder(), run)) {
                if (out.size() < max) {
                    out.add(request);
                    count(children.get(i).path("type").asText());
                }
            }
        }
        return out;
    }

    private static int count(JsonNode request) {
        int n = 1;
        JsonNode body = request.path(request.path("type").asText());
        for (JsonNode child : body.path("children")) {
            n += count(child);
        }
        return n;
    }

    private void count(String type) {
        blocks.merge(type, 1, Integer::sum);
    }

    private void flush(String parent, List<Pending> batch, ExportFolder.Entry owner, String pageId,
            Set<String> commented) {
        if (batch.isEmpty()) {
            return;
        }
        ArrayNode children = Requests.JSON.arrayNode();
        batch.forEach(p -> p.requests().forEach(children::add));
        String key = "append:" + parent + ":" + batch.get(0).block().path("id").asText();
        int total = children.size();
        List<String> ids = writes.once(key, () -> {
            ObjectNode body = Requests.JSON.objectNode();
            body.set("children", children);
            return writes.call(client.appendChildren(parent, body).map(Block::id).collectList());
        }, () -> writes.unrecorded(childIds(parent), total));
        List<String> olds = new ArrayList<>();
        List<String> news = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<String> done = new ArrayList<>();
        int at = 0;
        for (Pending pending : batch) {
            if (!pending.deferred() && pending.block().path("children").size() > 0) {
                done.add("children:" + pending.block().path("id").asText());
            }
            at += pending.requests().size();
            olds.add(pending.block().path("id").asText());
            news.add(ids.get(at - 1));
            for (int k = at - pending.requests().size(); k < at - 1; k++) {
                others.add(ids.get(k));
            }
            count(pending.block().path("type").asText());
        }
        log.mapAll(olds, news, others, done, "block");
        for (Pending pending : batch) {
            if (pending.deferred()) {
                descend(pending.block(), log.newId(pending.block().path("id").asText()).orElseThrow(), owner, pageId,
                        commented);
            }
        }
    }

    /** Writes the children of a block created earlier (in this run or before), unless that is done. */
    private void descend(JsonNode block, String newId, ExportFolder.Entry owner, String pageId, Set<String> commented) {
        String old = block.path("id").asText();
        String type = block.path("type").asText();
        JsonNode nested = block.path("children");
        String key = "children:" + old;
        if (nested.isEmpty() || log.isDone(key)) {
            return;
        }
        if ("synced_block".equals(type) && block.path("synced_block").path("synced_from").path("block_id").isTextual()
                && log.newId(block.path("synced_block").path("synced_from").path("block_id").asText()).isPresent()) {
            // a copy shows its original's content; it has none of its own to write
            log.done(key);
            return;
        }
        if ("table".equals(type)) {
            write(newId, nested, 100, owner, pageId, commented);
        } else if ("column_list".equals(type)) {
            List<String> columns = childIds(newId);
            List<String> oldColumns = new ArrayList<>();
            nested.forEach(c -> oldColumns.add(c.path("id").asText()));
            if (log.newId(oldColumns.get(0)).isEmpty()) {
                log.mapAll(oldColumns, columns.subList(0, oldColumns.size()), List.of(), "block");
            }
            for (JsonNode column : nested) {
                String columnId = log.newId(column.path("id").asText()).orElseThrow();
                JsonNode content = column.path("children");
                List<String> made = childIds(columnId);
                List<String> olds = new ArrayList<>();
                for (int i = 0; i < Math.min(content.size(), made.size()); i++) {
                    olds.add(content.get(i).path("id").asText());
                }
                if (!olds.isEmpty() && log.newId(olds.get(0)).isEmpty()) {
                    log.mapAll(olds, made.subList(0, olds.size()), List.of(), "block");
                }
                // the column's first 100 blocks came with the column list; the rest are appended
                write(columnId, content, 0, owner, pageId, commented);
            }
        } else {
            write(newId, nested, 0, owner, pageId, commented);
        }
        log.done(key);
    }

    private List<String> childIds(String parent) {
        return writes.call(client.children(parent).map(Block::id).collectList());
    }
}
