package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The workspace as the server sees it: routes ids to the generated part, the static part or the added pages,
 * and applies the overlay. Returns internal-form objects (see {@link Renderer}).
 */
final class Model {

    private static final Set<String> TEXT_TYPES = Set.of("paragraph", "heading_1", "heading_2", "heading_3",
            "heading_4", "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote", "callout");

    final int seedHash;
    final Users users;
    final GeneratedSource generated;
    final StaticStore statics;
    final StaticStore added;
    final Overlay overlay = new Overlay();
    /** Bytes of files received through the File Upload API, by hosted file id. */
    final Map<String, byte[]> uploadedBytes = new ConcurrentHashMap<>();
    private final StaticBuilder additions;

    Model(int seedHash, Users users, GeneratedSource generated, StaticStore statics) {
        this.seedHash = seedHash;
        this.users = users;
        this.generated = generated;
        this.statics = statics;
        this.added = new StaticStore(seedHash);
        this.additions = new StaticBuilder(added, users, seedHash, Ids.ADDED, Json.BASE_MINUTE);
    }

    Optional<Ids.Id> decode(String raw) {
        return Ids.decode(raw, seedHash);
    }

    private Source source(Ids.Id id) {
        return id.kind() >= Ids.ADDED ? added : id.kind() >= Ids.STATIC ? statics : generated;
    }

    /** What the id names, or null when it names nothing (or was deleted). */
    Source.Kind kind(String raw) {
        String id = Ids.normalize(raw);
        if (id == null || overlay.isGone(id)) {
            return null;
        }
        return decode(id).map(d -> source(d).kind(d)).orElse(null);
    }

    private Optional<ObjectNode> object(String raw, Source.Kind kind) {
        if (kind(raw) != kind) {
            return Optional.empty();
        }
        Ids.Id id = decode(raw).orElseThrow();
        return source(id).object(id);
    }

    Optional<ObjectNode> page(String raw) {
        return object(raw, Source.Kind.PAGE).map(overlay::page);
    }

    Optional<ObjectNode> database(String raw) {
        return object(raw, Source.Kind.DATABASE).map(overlay::database);
    }

    Optional<ObjectNode> dataSource(String raw) {
        return object(raw, Source.Kind.DATA_SOURCE).map(overlay::dataSource);
    }

    Optional<ObjectNode> comment(String raw) {
        return object(raw, Source.Kind.COMMENT);
    }

    Optional<ObjectNode> user(String raw) {
        return decode(raw == null ? "" : raw).flatMap(users::user);
    }

    /** A block; page ids give their child_page block and database ids their child_database block. */
    Optional<ObjectNode> block(String raw) {
        Source.Kind kind = kind(raw);
        if (kind == Source.Kind.BLOCK) {
            return object(raw, kind).map(overlay::block);
        }
        if (kind == Source.Kind.PAGE) {
            return page(raw).map(p -> referenceBlock(p, "child_page", !children(raw).orElse(List.of()).isEmpty()));
        }
        if (kind == Source.Kind.DATABASE) {
            return database(raw).map(d -> referenceBlock(d, "child_database", false));
        }
        return Optional.empty();
    }

    private ObjectNode referenceBlock(ObjectNode target, String type, boolean hasChildren) {
        ObjectNode b = Json.obj().put("object", "block").put("id", target.get("id").asText());
        b.set("parent", target.get("parent"));
        b.put("created_time", target.get("created_time").asText());
        b.put("last_edited_time", target.get("last_edited_time").asText());
        JsonNode creator = target.get("created_by");
        b.set("created_by", creator == null ? Json.userRef(users.personId(0)) : creator);
        JsonNode editor = target.get("last_edited_by");
        b.set("last_edited_by", editor == null ? Json.userRef(users.personId(0)) : editor);
        b.put("has_children", hasChildren);
        b.put("in_trash", target.path("in_trash").asBoolean(false));
        b.put("type", type);
        String title = "child_page".equals(type) ? Rt.plainText(Overlay.titleProperty(target).get("title"))
                : Rt.plainText(target.get("title"));
        b.putObject(type).put("title", title);
        return b;
    }

    /** Child ids in document order without trashed or deleted pages; empty when the parent cannot be read. */
    Optional<List<String>> children(String raw) {
        Source.Kind kind = kind(raw);
        if (kind != Source.Kind.PAGE && kind != Source.Kind.BLOCK) {
            return kind == Source.Kind.DATABASE ? Optional.of(List.of()) : Optional.empty();
        }
        Ids.Id id = decode(raw).orElseThrow();
        List<String> out = new ArrayList<>();
        for (String child : source(id).children(id)) {
            if (!overlay.isHidden(child)) {
                out.add(child);
            }
        }
        if (source(id) != added) {
            for (String child : added.children(id)) {
                if (!overlay.isHidden(child)) {
                    out.add(child);
                }
            }
        }
        return Optional.of(out);
    }

    List<String> comments(String raw) {
        return kind(raw) == null ? List.of() : decode(raw).map(id -> source(id).comments(id)).orElse(List.of());
    }

    /** Row ids of a data source in creation order, without deleted rows and, unless asked, trashed ones. */
    List<String> rows(String raw, boolean includeTrashed) {
        if (kind(raw) != Source.Kind.DATA_SOURCE) {
            return List.of();
        }
        Ids.Id id = decode(raw).orElseThrow();
        List<String> rows = source(id).rows(id);
        if (overlay.trashed.isEmpty() && overlay.deleted.isEmpty()) {
            return rows;
        }
        List<String> out = new ArrayList<>(rows.size());
        for (String row : rows) {
            if (!overlay.isGone(row) && (includeTrashed || !overlay.trashed.contains(row))) {
                out.add(row);
            }
        }
        return out;
    }

    long createdMinute(String raw) {
        Ids.Id id = decode(raw).orElseThrow();
        return source(id).createdMinute(id);
    }

    long lastEditedMinute(String raw) {
        Long edited = overlay.edited.get(raw);
        if (edited != null) {
            return edited;
        }
        Ids.Id id = decode(raw).orElseThrow();
        return source(id).lastEditedMinute(id);
    }

    Optional<Source.FileRef> file(String fileId) {
        return decode(fileId).flatMap(id -> source(id).file(id));
    }

    Stream<String> ids(Source.Kind kind) {
        return Stream.of(statics, generated, added).flatMap(s -> s.ids(kind)).filter(id -> !overlay.isGone(id));
    }

    Stream<String> fileIds() {
        return Stream.of(statics, generated, added).flatMap(Source::fileIds);
    }

    /**
     * Search candidates: every page and data source (only the shallow ones when search misses pages; rows too when
     * asked), without deleted objects and without pages edited within the search lag.
     */
    Stream<String> searchable() {
        if (overlay.searchEmpty) {
            return Stream.empty();
        }
        Stream<String> listed = Stream.of(statics, generated, added)
                .flatMap(overlay.searchShallow ? Source::searchable : Source::listable);
        long lagFrom = overlay.searchLagFrom;
        if (lagFrom != Long.MAX_VALUE) {
            // only edits made through the workspace lag: generated times lie far in the past
            listed = listed.filter(id -> {
                Long edited = overlay.edited.get(id);
                return edited == null || edited < lagFrom;
            });
        }
        if (overlay.searchRows) {
            List<String> sources = ids(Source.Kind.DATA_SOURCE).toList();
            listed = Stream.concat(listed, sources.stream().flatMap(source -> rows(source, false).stream()));
        }
        return listed.filter(id -> !overlay.isGone(id) && !overlay.unsearchable.contains(id));
    }

    /** The plain-text title of a page, database or data source. */
    Optional<String> title(String raw) {
        Source.Kind kind = kind(raw);
        if (kind == Source.Kind.PAGE) {
            return page(raw).map(p -> Rt.plainText(Overlay.titleProperty(p).get("title")));
        }
        if (kind == Source.Kind.DATABASE || kind == Source.Kind.DATA_SOURCE) {
            return object(raw, kind).map(o -> Rt.plainText(o.get("title")));
        }
        return Optional.empty();
    }

    long blockCount() {
        return statics.blockCount() + generated.blockCount() + added.blockCount();
    }

    /** Replaces the text of the page's first top-level text block; the caller holds the workspace lock. */
    void editText(String pageId, String text, long minute) {
        String target = null;
        for (String child : children(pageId).orElse(List.of())) {
            JsonNode block = block(child).orElse(null);
            if (block != null && TEXT_TYPES.contains(block.path("type").asText())) {
                target = child;
                break;
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("page " + pageId + " has no top-level text block");
        }
        overlay.texts.put(target, text);
        overlay.edited.put(target, minute);
        overlay.edited.put(pageId, minute);
    }

    /** The builder API writes go through, stamped with the current minute; the caller holds the model's lock. */
    StaticBuilder writer() {
        return additions.at(System.currentTimeMillis() / 60_000);
    }

    /** Adds a page holding a tree hazard at the workspace level; the caller holds the workspace lock. */
    String addHazardPage(TreeHazard hazard, long minute) {
        return hazard.build(additions.at(minute));
    }

    /** Adds a page with one paragraph at the workspace level; the caller holds the workspace lock. */
    String addRootPage(String title, String text, long minute) {
        String id = additions.at(minute).page(null, title, null, true);
        additions.text(id, "paragraph", text);
        return id;
    }

    /** Adds a page whose one paragraph mentions pages; the caller holds the workspace lock. */
    String addRootPageMentioning(String title, List<String> mentioned, long minute) {
        String id = additions.at(minute).page(null, title, null, true);
        ArrayNode text = Rt.of(Rt.text("Mentions: "));
        for (String target : mentioned) {
            text.add(Rt.mentionPage(target, title(target).orElse("Untitled")));
            text.add(Rt.text(" "));
        }
        additions.rich(id, "paragraph", text);
        return id;
    }

    /** Adds a page with one paragraph under a page; the caller holds the workspace lock. */
    String addPage(String parentId, String title, String text, long minute) {
        boolean searchable = page(parentId).map(p -> "workspace".equals(p.path("parent").path("type").asText()))
                .orElse(false);
        String id = additions.at(minute).page(parentId, title, null, searchable);
        additions.text(id, "paragraph", text);
        overlay.edited.put(parentId, minute);
        return id;
    }
}
