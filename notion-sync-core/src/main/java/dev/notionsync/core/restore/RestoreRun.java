package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.FailureKind;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.Page;
import dev.notionsync.core.model.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.FluxSink;

/**
 * One restore, run step by step on one worker thread: every write depends on the ids the previous ones returned,
 * so they are sent in order. Pages and databases top-down in document order (rows with their database), then the
 * relations, rollups and formulas of every data source, then every row's relation values.
 */
final class RestoreRun implements Requests.Context {

    private final NotionClient client;
    private final RestoreSpec spec;
    private final FluxSink<RestoreEvent> sink;
    private final ObjectMapper mapper;
    private ExportFolder folder;
    private RestoreLog log;
    private Writes writes;
    private BlockWriter blocks;
    private final Set<String> users = new HashSet<>();
    private final Set<String> strangers = new HashSet<>();
    private final Map<Path, String> uploads = new HashMap<>();
    private final Map<String, String> restoredKind = new LinkedHashMap<>();
    private final Set<String> preexisting = new HashSet<>();
    private String current;
    private int objects;
    private int comments;
    private int failed;

    RestoreRun(NotionClient client, RestoreSpec spec, FluxSink<RestoreEvent> sink, ObjectMapper mapper) {
        this.client = client;
        this.spec = spec;
        this.sink = sink;
        this.mapper = mapper;
    }

    ExportFolder folder() {
        return folder;
    }

    void run() {
        Instant start = Instant.now();
        folder = ExportFolder.read(spec.from(), mapper);
        List<ExportFolder.Entry> roots = roots();
        if (spec.dryRun()) {
            sink.next(Plans.of(folder, roots, client.options().requestsPerSecond()));
            sink.next(new RestoreEvent.Finished(new RestoreEvent.Summary(0, 0, 0, 0, 0, 0, 0, Duration.ZERO)));
            return;
        }
        // the parent must exist and take writes before anything is written: an empty update changes nothing
        try {
            Page target = client.page(spec.parentPageId()).block();
            client.updatePage(target.id(), Requests.JSON.objectNode()).block();
        } catch (NotionNonTransientException refused) {
            if (refused.kind() == FailureKind.UNAUTHORIZED) {
                throw refused;
            }
            throw new IllegalStateException("cannot restore under page " + spec.parentPageId() + ": Notion answered "
                    + refused.status() + " " + refused.code() + ". Share the page with the integration and give it"
                    + " the insert and update content capabilities; nothing was written.", refused);
        }
        log = RestoreLog.open(spec.from(), spec.parentPageId(), mapper);
        try {
            writes = new Writes(log, client.options().maxRetries());
            blocks = new BlockWriter(client, log, writes, this);
            writes.call(client.users().map(User::id).collectList()).forEach(users::add);
            writes.call(client.children(spec.parentPageId()).map(Block::id).collectList()).stream()
                    .filter(id -> !log.isKnown(id)).forEach(preexisting::add);
            sink.next(new RestoreEvent.Started(folder.entries.size(), log.resumed()));
            for (ExportFolder.Entry root : roots) {
                guarded(root.id(), () -> object(root, spec.parentPageId()));
            }
            for (String database : List.copyOf(restoredKind.keySet())) {
                if ("database".equals(restoredKind.get(database))) {
                    guarded(database, () -> schema(folder.entries.get(database), true));
                }
            }
            for (String database : List.copyOf(restoredKind.keySet())) {
                if ("database".equals(restoredKind.get(database))) {
                    guarded(database, () -> schema(folder.entries.get(database), false));
                }
            }
            for (String row : List.copyOf(restoredKind.keySet())) {
                if ("row".equals(restoredKind.get(row))) {
                    guarded(row, () -> relations(folder.entries.get(row)));
                }
            }
            LateReferences late = new LateReferences(client, log, writes, folder, this);
            for (String restored : List.copyOf(restoredKind.keySet())) {
                if (!"database".equals(restoredKind.get(restored))) {
                    current = restored;
                    guarded(restored, () -> late.fix(folder.entries.get(restored)));
                }
            }
            Reports.write(spec.from(), mapper, folder, log, restoredKind);
            sink.next(new RestoreEvent.Finished(new RestoreEvent.Summary(objects,
                    blocks.blocks.values().stream().mapToInt(Integer::intValue).sum(), uploads.size(), comments,
                    log.lost().values().stream().mapToInt(Map::size).sum(),
                    failed, writes.requests.get(), Duration.between(start, Instant.now()))));
        } finally {
            log.close();
        }
    }

    /** Blocks counted by type in this run. */
    Map<String, Integer> blockCounts() {
        return blocks.blocks;
    }

    private List<ExportFolder.Entry> roots() {
        if (spec.only().isEmpty()) {
            return folder.roots();
        }
        List<ExportFolder.Entry> roots = new ArrayList<>();
        for (String id : spec.only()) {
            ExportFolder.Entry entry = folder.entries.get(id);
            if (entry == null || folder.isRow(entry)) {
                throw new IllegalArgumentException("--only " + id + " is not a page or database of the export");
            }
            roots.add(entry);
        }
        return roots;
    }

    private void guarded(String id, Runnable step) {
        try {
            step.run();
        } catch (dev.notionsync.core.NotionNonTransientException | IllegalStateException e) {
            if (e instanceof dev.notionsync.core.NotionNonTransientException n && n.status() == 401) {
                throw e;
            }
            failed++;
            sink.next(new RestoreEvent.Failed(id, e.getMessage()));
        }
    }

    private void object(ExportFolder.Entry entry, String parentPage) {
        if (entry.isDatabase()) {
            database(entry, parentPage);
        } else {
            page(entry, parentPage, null);
        }
    }

    /** A child_page or child_database block met in content: its object is created at this place. */
    void child(String oldId, String type, String pageId, boolean nested) {
        ExportFolder.Entry child = folder.entries.get(oldId);
        String owner = current;
        if (child == null) {
            lost(type + " " + oldId, "not in the export: left out");
            return;
        }
        if (nested) {
            lost(type + " " + oldId, "it sat inside a block; the API creates pages only under pages, so it is at"
                    + " the end of its page");
        }
        guarded(oldId, () -> object(child, pageId));
        current = owner;
    }

    private void page(ExportFolder.Entry entry, String parent, String dataSource) {
        current = entry.id();
        ObjectNode source = entry.object();
        String kind = dataSource == null ? "page" : "row";
        boolean earlier = log.newId(entry.id()).isPresent();
        String id = log.newId(entry.id()).orElseGet(() -> {
            ObjectNode body = Requests.JSON.objectNode();
            if (dataSource == null) {
                body.putObject("parent").put("page_id", parent);
                JsonNode title = titleOf(source);
                body.putObject("properties").putObject("title").set("title",
                        Requests.chunks(Requests.richText(title, this)).get(0));
            } else {
                body.putObject("parent").put("data_source_id", dataSource);
                body.set("properties", Schemas.values(entry, folder, this));
            }
            decorate(body, source, entry);
            String title = entry.title();
            String made = writes.once("create:" + entry.id(),
                    () -> writes.call(client.createPage(body)).id(),
                    () -> dataSource == null ? findChild(parent, "child_page", title) : findRow(dataSource, title));
            log.map(entry.id(), made, kind);
            return made;
        });
        restored(entry, id, kind, earlier);
        content(entry, id);
    }

    private void content(ExportFolder.Entry entry, String id) {
        if (!log.isDone("content:" + entry.id())) {
            current = entry.id();
            blocks.write(id, entry.document().path("blocks"), 0, entry, id, commentedBlocks(entry));
            current = entry.id();
            log.done("content:" + entry.id());
        }
        comments(entry, id);
    }

    private void database(ExportFolder.Entry entry, String parent) {
        current = entry.id();
        ObjectNode db = entry.object();
        JsonNode sources = entry.document().path("data_sources");
        if (sources.isEmpty()) {
            lost("database " + entry.id(), "it has no data source in the export");
            return;
        }
        boolean earlier = log.newId(entry.id()).isPresent();
        String id = log.newId(entry.id()).orElseGet(() -> {
            ObjectNode body = Requests.JSON.objectNode();
            body.putObject("parent").put("type", "page_id").put("page_id", parent);
            body.set("title", Requests.chunks(Requests.richText(db.path("title"), this)).get(0));
            body.set("description", Requests.chunks(Requests.richText(db.path("description"), this)).get(0));
            body.put("is_inline", db.path("is_inline").asBoolean(false));
            decorate(body, db, entry);
            ObjectNode initial = body.putObject("initial_data_source");
            initial.set("properties", Schemas.early(sources.get(0).path("properties"), this));
            initial.set("title", Requests.chunks(Requests.richText(sources.get(0).path("title"), this)).get(0));
            Database made = writes.once("create:" + entry.id(), () -> writes.call(client.createDatabase(body)),
                    () -> findChild(parent, "child_database", entry.title())
                            .map(found -> writes.call(client.database(found))));
            log.mapAll(List.of(entry.id(), sources.get(0).path("id").asText()),
                    List.of(made.id(), made.dataSourceIds().get(0)), List.of(), "database");
            return made.id();
        });
        restored(entry, id, "database", earlier);
        for (JsonNode source : sources) {
            String oldSource = source.path("id").asText();
            String newSource = log.newId(oldSource).orElseGet(() -> {
                ObjectNode body = Requests.JSON.objectNode();
                body.putObject("parent").put("type", "database_id").put("database_id", id);
                body.set("title", Requests.chunks(Requests.richText(source.path("title"), this)).get(0));
                body.set("properties", Schemas.early(source.path("properties"), this));
                String made = writes.once("create:" + oldSource,
                        () -> writes.call(client.createDataSource(body)).id(),
                        () -> writes.call(client.database(id)).json().path("data_sources").findValues("id").stream()
                                .map(JsonNode::asText).filter(found -> !log.isKnown(found)).findFirst());
                log.map(oldSource, made, "data_source");
                return made;
            });
            current = entry.id();
            for (String row : folder.rows.getOrDefault(oldSource, List.of())) {
                ExportFolder.Entry rowEntry = folder.entries.get(row);
                guarded(row, () -> page(rowEntry, null, newSource));
            }
        }
        current = entry.id();
    }

    private void schema(ExportFolder.Entry entry, boolean relationsStep) {
        current = entry.id();
        for (JsonNode source : entry.document().path("data_sources")) {
            String key = (relationsStep ? "relations-schema:" : "computed-schema:") + source.path("id").asText();
            Optional<String> newSource = log.newId(source.path("id").asText());
            if (log.isDone(key) || newSource.isEmpty()) {
                continue;
            }
            ObjectNode properties = Schemas.late(source.path("properties"), log::newId, this, relationsStep);
            if (!properties.isEmpty()) {
                ObjectNode body = Requests.JSON.objectNode();
                body.set("properties", properties);
                writes.call(client.updateDataSource(newSource.get(), body));
            }
            log.done(key);
        }
    }

    private void relations(ExportFolder.Entry row) {
        current = row.id();
        String key = "relations:" + row.id();
        if (log.isDone(key)) {
            return;
        }
        ObjectNode properties = Requests.JSON.objectNode();
        for (Map.Entry<String, JsonNode> field : row.object().path("properties").properties()) {
            if (!"relation".equals(field.getValue().path("type").asText())) {
                continue;
            }
            ArrayNode related = Requests.JSON.arrayNode();
            for (JsonNode reference : field.getValue().path("relation")) {
                Optional<String> target = log.newId(reference.path("id").asText());
                if (target.isEmpty()) {
                    lost("relation \"" + field.getKey() + "\" to " + reference.path("id").asText(),
                            "the related page is not in the export");
                } else if (related.size() == Requests.RICH_TEXT_ITEMS) {
                    lost("relation \"" + field.getKey() + "\" to " + reference.path("id").asText(),
                            "a request sets at most 100 related pages");
                } else {
                    related.addObject().put("id", target.get());
                }
            }
            boolean schemaHasIt = folder.entries.get(folder.databaseOfSource.get(row.object().path("parent")
                    .path("data_source_id").asText())) != null;
            if (schemaHasIt && !related.isEmpty()) {
                properties.putObject(field.getKey()).set("relation", related);
            }
        }
        if (!properties.isEmpty()) {
            ObjectNode body = Requests.JSON.objectNode();
            body.set("properties", properties);
            writes.call(client.updatePage(log.newId(row.id()).orElseThrow(), body));
        }
        log.done(key);
    }

    private void comments(ExportFolder.Entry entry, String pageId) {
        for (JsonNode comment : entry.document().path("comments")) {
            String old = comment.path("id").asText();
            if (log.newId(old).isPresent()) {
                continue;
            }
            current = entry.id();
            JsonNode parent = comment.path("parent");
            String target = parent.has("block_id") ? log.newId(parent.path("block_id").asText()).orElse(null) : pageId;
            if (target == null) {
                lost("comment " + old, "the block it was on was not restored");
                continue;
            }
            String author = userName(comment.path("created_by").path("id").asText());
            String header = author + ", " + comment.path("created_time").asText() + ": ";
            ArrayNode text = Requests.JSON.arrayNode();
            text.addObject().put("type", "text").putObject("text").put("content", header);
            text.addAll(Requests.richText(comment.path("rich_text"), this));
            ObjectNode body = Requests.JSON.objectNode();
            String discussion = log.newId(comment.path("discussion_id").asText()).orElse(null);
            if (discussion != null) {
                body.put("discussion_id", discussion);
            } else {
                body.putObject("parent").put(parent.has("block_id") ? "block_id" : "page_id", target);
            }
            ArrayNode chunk = Requests.chunks(text).get(0);
            body.set("rich_text", chunk);
            body.putObject("display_name").put("type", "custom").putObject("custom").put("name", author);
            int nth = 0;
            ArrayNode attachments = Requests.JSON.arrayNode();
            for (JsonNode ignored : comment.path("attachments")) {
                Path local = folder.attachment(entry, "comment", old, nth++);
                Optional<String> upload = local == null ? Optional.empty() : upload(local);
                upload.ifPresentOrElse(id -> attachments.addObject().put("file_upload_id", id),
                        () -> lost("comment " + old + " attachment", "the export holds no local copy"));
            }
            if (!attachments.isEmpty()) {
                body.set("attachments", attachments);
            }
            String expected = plain(chunk);
            String targetId = target;
            Comment made = writes.once("create:" + old, () -> writes.call(client.createComment(body)),
                    () -> writes.call(client.comments(targetId).filter(c -> !log.isKnown(c.id()))
                            .filter(c -> c.text().equals(expected)).next().map(Optional::of)
                            .defaultIfEmpty(Optional.empty())));
            List<String> olds = new ArrayList<>(List.of(old));
            List<String> news = new ArrayList<>(List.of(made.id()));
            if (discussion == null) {
                olds.add(comment.path("discussion_id").asText());
                news.add(made.discussionId());
            }
            log.mapAll(olds, news, List.of(), "comment");
            comments++;
        }
    }

    private static String plain(ArrayNode items) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : items) {
            text.append(item.path("text").path("content").asText(item.path("plain_text").asText("")));
        }
        return text.toString();
    }

    private static Set<String> commentedBlocks(ExportFolder.Entry entry) {
        Set<String> ids = new HashSet<>();
        entry.document().path("comments").forEach(c -> {
            if (c.path("parent").has("block_id")) {
                ids.add(c.path("parent").path("block_id").asText());
            }
        });
        return ids;
    }

    private void decorate(ObjectNode body, JsonNode source, ExportFolder.Entry entry) {
        for (String field : List.of("icon", "cover")) {
            JsonNode value = source.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if ("custom_emoji".equals(value.path("type").asText())) {
                lost(field, "custom emoji icons are not restored");
                continue;
            }
            ObjectNode file = Requests.fileObject(value, folder.attachment(entry, field, null, 0), field, this);
            if (file != null) {
                body.set(field, file);
            }
        }
    }

    private static JsonNode titleOf(JsonNode page) {
        for (JsonNode property : page.path("properties")) {
            if ("title".equals(property.path("type").asText())) {
                return property.path("title");
            }
        }
        return Requests.JSON.arrayNode();
    }

    private Optional<String> findChild(String parent, String type, String title) {
        return writes.call(client.children(parent).filter(b -> type.equals(b.type()))
                .filter(b -> !log.isKnown(b.id()) && !preexisting.contains(b.id()))
                .filter(b -> title.equals(b.content().path("title").asText()))
                .map(Block::id).next().map(Optional::of).defaultIfEmpty(Optional.empty()));
    }

    private Optional<String> findRow(String dataSource, String title) {
        return writes.call(client.query(dataSource, dev.notionsync.core.DataSourceQuery.all())
                .filter(p -> !log.isKnown(p.id()) && title.equals(p.title()))
                .map(Page::id).next().map(Optional::of).defaultIfEmpty(Optional.empty()));
    }

    private void restored(ExportFolder.Entry entry, String id, String kind, boolean earlier) {
        restoredKind.put(entry.id(), kind);
        objects++;
        sink.next(new RestoreEvent.Restored(entry.id(), id, kind, entry.title(), earlier));
    }

    @Override
    public Optional<String> newId(String oldId) {
        return log.newId(oldId);
    }

    @Override
    public boolean later(String oldId) {
        ExportFolder.Entry entry = folder.entries.get(oldId);
        if (entry == null || spec.only().isEmpty()) {
            return entry != null;
        }
        // within an --only restore: below one of the named objects (bounded, should the parents loop)
        for (int steps = 0; entry != null && steps <= folder.entries.size(); steps++) {
            if (spec.only().contains(entry.id())) {
                return true;
            }
            entry = entry.parentId() == null ? null : folder.entries.get(entry.parentId());
        }
        return false;
    }

    @Override
    public boolean knownUser(String userId) {
        if (users.contains(userId)) {
            return true;
        }
        if (!strangers.contains(userId)) {
            // guests are not listed by GET /v1/users, but can be read one by one
            try {
                writes.call(client.user(userId));
                users.add(userId);
                return true;
            } catch (NotionNonTransientException notThere) {
                strangers.add(userId);
            }
        }
        return false;
    }

    @Override
    public String userName(String userId) {
        String name = folder.userNames.get(userId);
        return name == null || name.isBlank() ? "Unknown user (" + userId + ")" : name;
    }

    @Override
    public Optional<String> upload(Path file) {
        String known = uploads.get(file);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String type = Files.probeContentType(file);
            String name = file.getFileName().toString();
            String id = writes.call(client.uploadFile(name, type, bytes));
            uploads.put(file, id);
            return Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void lost(String what, String why) {
        String owner = current == null ? "restore" : current;
        if (log.lost(owner, what, why)) {
            sink.next(new RestoreEvent.NotRestored(owner, what, why));
        }
    }
}
