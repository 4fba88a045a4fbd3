package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A small stored set of objects: hand-authored content (demo, coverage, hostile titles) and added pages. */
final class StaticStore implements Source {

    private final int seedHash;
    private final Map<String, ObjectNode> objects = new ConcurrentHashMap<>();
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final Map<String, List<String>> children = new ConcurrentHashMap<>();
    private final Map<String, List<String>> comments = new ConcurrentHashMap<>();
    private final Map<String, List<String>> rows = new ConcurrentHashMap<>();
    private final Map<String, FileRef> files = new ConcurrentHashMap<>();
    private final Map<Kind, List<String>> order = new ConcurrentHashMap<>();
    private final List<String> fileOrder = new CopyOnWriteArrayList<>();
    private final List<String> searchable = new CopyOnWriteArrayList<>();
    private final Set<String> rowIds = ConcurrentHashMap.newKeySet();

    StaticStore(int seedHash) {
        this.seedHash = seedHash;
    }

    void put(Kind kind, ObjectNode node) {
        String id = node.get("id").asText();
        objects.put(id, node);
        kinds.put(id, kind);
        order.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(id);
    }

    /** The stored node itself (not a copy), for the builder to amend. */
    ObjectNode raw(String id) {
        return objects.get(id);
    }

    Kind kind(String id) {
        return kinds.get(id);
    }

    void addChild(String parent, String child) {
        children.computeIfAbsent(parent, k -> new CopyOnWriteArrayList<>()).add(child);
    }

    void addComment(String target, String comment) {
        comments.computeIfAbsent(target, k -> new CopyOnWriteArrayList<>()).add(comment);
    }

    void addRow(String dataSource, String row) {
        rows.computeIfAbsent(dataSource, k -> new CopyOnWriteArrayList<>()).add(row);
        rowIds.add(row);
    }

    void addFile(FileRef file) {
        files.put(file.fileId(), file);
        fileOrder.add(file.fileId());
    }

    void markSearchable(String id) {
        searchable.add(id);
    }

    private String key(Ids.Id id) {
        return Ids.encode(seedHash, id.kind(), id.owner(), id.local());
    }

    @Override
    public Kind kind(Ids.Id id) {
        return kinds.get(key(id));
    }

    @Override
    public Optional<ObjectNode> object(Ids.Id id) {
        ObjectNode node = objects.get(key(id));
        return node == null ? Optional.empty() : Optional.of(node.deepCopy());
    }

    @Override
    public List<String> children(Ids.Id id) {
        return List.copyOf(children.getOrDefault(key(id), List.of()));
    }

    @Override
    public List<String> comments(Ids.Id target) {
        return List.copyOf(comments.getOrDefault(key(target), List.of()));
    }

    @Override
    public List<String> rows(Ids.Id dataSource) {
        return List.copyOf(rows.getOrDefault(key(dataSource), List.of()));
    }

    @Override
    public long createdMinute(Ids.Id id) {
        return minute(id, "created_time");
    }

    @Override
    public long lastEditedMinute(Ids.Id id) {
        return minute(id, "last_edited_time");
    }

    private long minute(Ids.Id id, String field) {
        ObjectNode node = objects.get(key(id));
        String iso = Json.text(node, field);
        return iso == null ? Json.BASE_MINUTE : Json.minuteOf(iso);
    }

    @Override
    public Optional<FileRef> file(Ids.Id fileId) {
        return Optional.ofNullable(files.get(key(fileId)));
    }

    @Override
    public Stream<String> ids(Kind kind) {
        List<String> ids = order.getOrDefault(kind, List.of());
        if (kind == Kind.DATABASE) {
            return ids.stream().filter(id -> !objects.get(id).has("$linked"));
        }
        return ids.stream();
    }

    /** Every database id, linked ones included: they have views. */
    Stream<String> databaseIds() {
        return order.getOrDefault(Kind.DATABASE, List.of()).stream();
    }

    @Override
    public Stream<String> fileIds() {
        return fileOrder.stream();
    }

    @Override
    public Stream<String> searchable() {
        return searchable.stream();
    }

    @Override
    public Stream<String> listable() {
        return Stream.concat(ids(Kind.PAGE).filter(id -> !rowIds.contains(id)), ids(Kind.DATA_SOURCE));
    }

    @Override
    public long blockCount() {
        long count = 0;
        for (List<String> list : children.values()) {
            count += list.size();
        }
        return count;
    }

    @Override
    public Set<String> blockTypes() {
        Set<String> types = new HashSet<>();
        for (List<String> list : children.values()) {
            for (String id : list) {
                Kind kind = kinds.get(id);
                if (kind == Kind.PAGE) {
                    types.add("child_page");
                } else if (kind == Kind.DATABASE) {
                    types.add("child_database");
                } else if (kind == Kind.BLOCK) {
                    types.add(objects.get(id).get("type").asText());
                }
            }
        }
        return types;
    }

    @Override
    public Set<String> propertyTypes() {
        Set<String> types = new HashSet<>();
        for (String id : order.getOrDefault(Kind.DATA_SOURCE, List.of())) {
            for (JsonNode property : objects.get(id).path("properties")) {
                types.add(property.path("type").asText());
            }
        }
        return types;
    }
}
