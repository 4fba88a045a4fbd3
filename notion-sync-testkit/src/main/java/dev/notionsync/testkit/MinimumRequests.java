package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fewest API requests a complete export of a workspace needs, counted from the workspace's shape, and the
 * shape itself. The rule for each object (page size 100 everywhere):
 * <ul>
 *   <li>search: {@code ceil(results / 100)}, at least one; users: {@code users/me}, {@code ceil(listed / 100)}
 *       list pages and one {@code GET /v1/users/{id}} per guest (guests are not listed);</li>
 *   <li>a page: one {@code GET /v1/pages/{id}} unless search returned it, plus {@code ceil(children / 100)} (at
 *       least one) for the page itself and for every block with {@code has_children}, except child pages and
 *       databases (objects of their own) and synced-block copies (their content is the original's, read once);</li>
 *   <li>a row: no page request (the query returned it), its body as for a page;</li>
 *   <li>a database: one {@code GET /v1/databases/{id}} (a linked database answers 400, but only asking tells),
 *       one {@code GET /v1/data_sources/{id}} per data source search did not return, and
 *       {@code ceil(rows / 100)} query pages (at least one) per data source;</li>
 *   <li>the views of a database (linked ones too): {@code ceil(views / 100)} (at least one), one
 *       {@code GET /v1/views/{id}} each, and for views that show rows {@code ceil(rows / 100)} query pages (at least
 *       one);</li>
 *   <li>a property value cut at 25 references: {@code ceil(items / 100)} property-item requests (a computed
 *       rollup: one);</li>
 *   <li>page comments, counted apart: {@code ceil(comments / 100)} (at least one) per page and row.</li>
 * </ul>
 * Trashed objects are left out. Not thread-safe; the caller holds the workspace lock.
 */
final class MinimumRequests {

    private static final int PAGE_SIZE = 100;
    private static final int REFERENCE_LIMIT = Renderer.REFERENCE_LIMIT;

    private final Model model;
    private final Set<String> searchable = new HashSet<>();
    private final Map<String, Long> requests = new LinkedHashMap<>();
    private final Set<String> databases = new HashSet<>();
    private long pages;
    private long rows;
    private long blocks;
    private long linkedDatabases;

    private MinimumRequests(Model model) {
        this.model = model;
        for (String key : List.of("search", "users", "pages", "blockChildren", "databases", "dataSources", "queries",
                "propertyItems", "comments", "views")) {
            requests.put(key, 0L);
        }
    }

    /** Counts the workspace's minimum; the JSON has {@code requests} by kind, totals and the shape. */
    static ObjectNode of(Model model) {
        MinimumRequests count = new MinimumRequests(model);
        count.run();
        return count.toJson();
    }

    /**
     * The fewest requests the content of some pages needs once a listing returned them: their block children,
     * their comments and their cut property values, plus a {@code GET /v1/pages/{id}} for each page search does not
     * list. What an incremental export must spend on pages edited since its last run.
     */
    static long forPages(Model model, Collection<String> pageIds) {
        MinimumRequests count = new MinimumRequests(model);
        model.searchable().filter(id -> !model.overlay.trashed.contains(id)).forEach(count.searchable::add);
        pageIds.forEach(count::page);
        return count.requests.values().stream().mapToLong(Long::longValue).sum();
    }

    private void run() {
        model.searchable().filter(id -> !model.overlay.trashed.contains(id)).forEach(searchable::add);
        add("search", pagesOf(searchable.size()));
        add("users", 1 + pagesOf(model.users.listed().size()) + (model.users.guestId() == null ? 0 : 1));
        model.ids(Source.Kind.PAGE).forEach(this::page);
        model.ids(Source.Kind.DATABASE).forEach(databases::add);
        ViewRoutes views = new ViewRoutes(model);
        for (String database : databases) {
            add("databases", 1);
            List<JsonNode> tabs = new ArrayList<>();
            model.database(database).ifPresent(d -> d.path("$views").forEach(tabs::add));
            add("views", pagesOf(tabs.size()));
            for (JsonNode tab : tabs) {
                boolean rows = !tab.has("$partial") && Set.of("table", "board", "calendar", "list", "gallery",
                        "timeline", "map").contains(tab.path("type").asText());
                add("views", 1 + (rows ? pagesOf(views.rows((ObjectNode) tab).size()) : 0));
            }
            if (model.database(database).map(d -> d.has("$linked")).orElse(false)) {
                linkedDatabases++;
            }
        }
        model.ids(Source.Kind.DATA_SOURCE).forEach(source -> {
            if (!searchable.contains(source)) {
                add("dataSources", 1);
            }
            add("queries", pagesOf(model.rows(source, false).size()));
        });
    }

    private void page(String id) {
        ObjectNode page = model.page(id).orElse(null);
        if (page == null || page.path("in_trash").asBoolean(false)) {
            return;
        }
        boolean row = "data_source_id".equals(page.path("parent").path("type").asText());
        if (row) {
            rows++;
        } else {
            pages++;
            if (!searchable.contains(id)) {
                add("pages", 1);
            }
        }
        add("comments", pagesOf(model.comments(id).size()));
        add("blockChildren", children(id, true));
        for (JsonNode property : page.path("properties")) {
            add("propertyItems", propertyItems(property));
        }
    }

    /** Requests for the children of a page or block and everything below; counts the blocks on the way. */
    private long children(String parentId, boolean isPage) {
        List<String> children = model.children(parentId).orElse(List.of());
        long calls = isPage || !children.isEmpty() ? pagesOf(children.size()) : 0;
        for (String childId : children) {
            ObjectNode block = model.block(childId).orElse(null);
            if (block == null) {
                continue;
            }
            blocks++;
            String type = block.path("type").asText();
            if ("child_database".equals(type)) {
                databases.add(childId);
            } else if ("synced_block".equals(type) && block.path("synced_block").path("synced_from").isObject()) {
                // A copy shows its original's children, read once where the original is.
                blocks += subtreeSize(block.path("synced_block").path("synced_from").path("block_id").asText());
            } else if (!"child_page".equals(type) && block.path("has_children").asBoolean(false)) {
                calls += children(childId, false);
            }
        }
        return calls;
    }

    private long subtreeSize(String blockId) {
        long size = 0;
        for (String childId : model.children(blockId).orElse(List.of())) {
            size++;
            if (model.block(childId).map(b -> b.path("has_children").asBoolean(false)).orElse(false)) {
                size += subtreeSize(childId);
            }
        }
        return size;
    }

    private static long propertyItems(JsonNode property) {
        String type = property.path("type").asText();
        JsonNode value = property.path(type);
        return switch (type) {
            case "relation", "people" -> value.size() > REFERENCE_LIMIT ? pagesOf(value.size()) : 0;
            case "title", "rich_text" -> references(value) > REFERENCE_LIMIT ? pagesOf(value.size()) : 0;
            case "rollup" -> {
                if ("array".equals(value.path("type").asText())) {
                    int size = value.path("array").size();
                    yield size > REFERENCE_LIMIT ? pagesOf(size) : 0;
                }
                boolean countOverLimit = value.path("function").asText().startsWith("count")
                        && value.path("number").asDouble() > REFERENCE_LIMIT;
                yield countOverLimit ? 1 : 0;
            }
            default -> 0;
        };
    }

    private static int references(JsonNode richText) {
        int count = 0;
        for (JsonNode item : richText) {
            if (Rt.isReference(item)) {
                count++;
            }
        }
        return count;
    }

    private static long pagesOf(long items) {
        return Math.max(1, (items + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    private void add(String kind, long count) {
        requests.merge(kind, count, Long::sum);
    }

    private ObjectNode toJson() {
        ObjectNode out = Json.obj();
        long total = requests.values().stream().mapToLong(Long::longValue).sum();
        out.put("total", total);
        out.put("totalWithoutComments", total - requests.get("comments"));
        ObjectNode byKind = out.putObject("requests");
        requests.forEach(byKind::put);
        ObjectNode shape = out.putObject("shape");
        shape.put("pages", pages);
        shape.put("rows", rows);
        shape.put("databases", databases.size() - linkedDatabases);
        shape.put("linkedDatabases", linkedDatabases);
        shape.put("dataSources", model.ids(Source.Kind.DATA_SOURCE).count());
        shape.put("blocks", blocks);
        shape.put("searchResults", searchable.size());
        return out;
    }
}
