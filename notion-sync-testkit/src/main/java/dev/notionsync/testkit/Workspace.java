package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The data a {@link FakeNotionServer} serves. Generated objects are derived from their ids on demand (a
 * 50,000-page workspace costs almost no memory); only mutations are stored.
 *
 * <p>Read methods return objects as the server sends them with Notion-Version 2026-03-11, except that page
 * properties are complete (no 25-reference truncation) and hosted files have the unsigned URL
 * {@code /files/{fileId}/{name}} with a null {@code expiry_time}. Ids are accepted with or without dashes.
 * Mutation methods are thread-safe and stamp {@code last_edited_time} with the clock's current minute.
 */
public final class Workspace {

    private static final long DEMO_SEED = 2024;
    private static final int GENERATED_PEOPLE = 30;

    private final Model model;
    private final Renderer renderer;
    private volatile Clock clock = Clock.systemUTC();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    private Workspace(Model model) {
        this.model = model;
        this.renderer = new Renderer(Renderer.V2026, (id, name) -> Json.obj().put("url", "/files/" + id + "/" + name)
                .putNull("expiry_time"));
    }

    /**
     * The bundled demo workspace: a team handbook, an engineering space with a Projects database related to a
     * People database, code, tables, to-dos, callouts, images, attachments and comments, plus the coverage pages.
     *
     * @return a new demo workspace (always identical)
     */
    public static Workspace demo() {
        int seedHash = Hash.seedHash(DEMO_SEED);
        Users users = Users.demo(seedHash);
        WorkspaceSpec none = new WorkspaceSpec(DEMO_SEED, 0, 0, 0, 0, 0, true, false, 0, 0);
        StaticStore statics = new StaticStore(seedHash);
        StaticBuilder builder = new StaticBuilder(statics, users, seedHash, Ids.STATIC, Json.BASE_MINUTE + 200_000);
        DemoContent.build(builder);
        CoverageContent.build(builder);
        return new Workspace(new Model(seedHash, users, new GeneratedSource(none, seedHash, users), statics));
    }

    /**
     * A procedurally generated workspace. Generation is instant whatever the size.
     *
     * @param spec what to generate
     * @return a new workspace
     */
    public static Workspace generate(WorkspaceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        int seedHash = Hash.seedHash(spec.seed());
        Users users = Users.generated(seedHash, spec.seed(), GENERATED_PEOPLE);
        StaticStore statics = new StaticStore(seedHash);
        StaticBuilder builder = new StaticBuilder(statics, users, seedHash, Ids.STATIC, Json.BASE_MINUTE + 200_000);
        if (spec.coverage()) {
            CoverageContent.build(builder);
        }
        if (spec.hostileTitles()) {
            HostileContent.build(builder);
        }
        return new Workspace(new Model(seedHash, users, new GeneratedSource(spec, seedHash, users), statics));
    }

    /**
     * A workspace of {@code pages} pages that link to each other in every way Notion content does (link_to_page
     * blocks, page, database and block mentions, Notion URLs in every form, pages that are not shared), with targets
     * found before, after and only through the links, and many same-title pages.
     *
     * @param seed decides titles, places and targets
     * @param pages how many linking pages
     * @return a new workspace
     */
    public static Workspace generateWithLinks(long seed, int pages) {
        int seedHash = Hash.seedHash(seed);
        Users users = Users.generated(seedHash, seed, GENERATED_PEOPLE);
        WorkspaceSpec none = new WorkspaceSpec(seed, 0, 0, 0, 0, 0, false, false, 0, 0);
        StaticStore statics = new StaticStore(seedHash);
        StaticBuilder builder = new StaticBuilder(statics, users, seedHash, Ids.STATIC, Json.BASE_MINUTE + 200_000);
        LinksContent.build(builder, seed, pages);
        return new Workspace(new Model(seedHash, users, new GeneratedSource(none, seedHash, users), statics));
    }

    /** @return every page id, database rows included, trashed pages included, deleted pages excluded */
    public Stream<String> pageIds() {
        return model.ids(Source.Kind.PAGE);
    }

    /** @return every database id (linked databases excluded: they cannot be retrieved) */
    public Stream<String> databaseIds() {
        return model.ids(Source.Kind.DATABASE);
    }

    /** @return every data source id */
    public Stream<String> dataSourceIds() {
        return model.ids(Source.Kind.DATA_SOURCE);
    }

    /** @return the ids of users listed by {@code GET /v1/users} (people and the bot; not the guest) */
    public List<String> userIds() {
        return model.users.listed();
    }

    /** @return the id of the guest user, who appears in content but not in the user list */
    public String guestUserId() {
        return model.users.guestId();
    }

    /**
     * @param dataSourceId a data source id
     * @return its row page ids in creation order (trashed rows included, deleted ones excluded)
     */
    public List<String> rowIds(String dataSourceId) {
        return model.rows(Objects.requireNonNull(dataSourceId, "dataSourceId"), true);
    }

    /** @param id a page id @return the page with complete property values, or empty */
    public Optional<ObjectNode> page(String id) {
        return model.page(id).map(renderer::object);
    }

    /** @param id a database id @return the database container, or empty */
    public Optional<ObjectNode> database(String id) {
        return model.database(id).filter(d -> !d.has("$linked")).map(renderer::object);
    }

    /** @param id a data source id @return the data source with its schema, or empty */
    public Optional<ObjectNode> dataSource(String id) {
        return model.dataSource(id).map(renderer::object);
    }

    /** @param id a block, page or database id @return the block (child_page/child_database for pages and databases) */
    public Optional<ObjectNode> block(String id) {
        return model.block(id).map(renderer::object);
    }

    /** @param id a user id, guests included @return the user, or empty */
    public Optional<ObjectNode> user(String id) {
        return model.user(id).map(renderer::object);
    }

    /** @param id a comment id @return the comment, or empty */
    public Optional<ObjectNode> comment(String id) {
        return model.comment(id).map(renderer::object);
    }

    /**
     * @param blockOrPageId a page or block id
     * @return all its child blocks in document order (unpaginated); empty when it has none or does not exist
     */
    public List<ObjectNode> children(String blockOrPageId) {
        List<ObjectNode> out = new ArrayList<>();
        for (String id : model.children(blockOrPageId).orElse(List.of())) {
            model.block(id).map(renderer::object).ifPresent(out::add);
        }
        return out;
    }

    /** @param blockOrPageId a page or block id @return its open comments, oldest first */
    public List<ObjectNode> comments(String blockOrPageId) {
        List<ObjectNode> out = new ArrayList<>();
        String id = Ids.normalize(blockOrPageId);
        for (String commentId : id == null ? List.<String>of() : model.comments(id)) {
            model.comment(commentId).map(renderer::object).ifPresent(out::add);
        }
        return out;
    }

    /**
     * @param pageOrDatabaseId a page, database or data source id
     * @return its plain-text title
     * @throws IllegalArgumentException when no such object exists
     */
    public String title(String pageOrDatabaseId) {
        return model.title(pageOrDatabaseId)
                .orElseThrow(() -> new IllegalArgumentException("no page or database " + pageOrDatabaseId));
    }

    /**
     * @param fileId a hosted file id (the path segment after {@code /files/})
     * @return the bytes the server serves for it
     * @throws IllegalArgumentException when no such file exists
     */
    public byte[] fileBytes(String fileId) {
        return model.file(fileId).map(FileBytes::of)
                .orElseThrow(() -> new IllegalArgumentException("no hosted file " + fileId));
    }

    /** @param fileId a hosted file id @return its file name, or empty */
    public Optional<String> fileName(String fileId) {
        return model.file(fileId).map(Source.FileRef::name);
    }

    /** @return every hosted file id (covers, icons, media blocks, files properties, comment attachments) */
    public Stream<String> fileIds() {
        return model.fileIds();
    }

    /**
     * @return the number of blocks reachable through block children, child_page and child_database blocks
     *     included (mutations other than added pages are not reflected)
     */
    public int blockCount() {
        return Math.toIntExact(model.blockCount());
    }

    /** @return the block types present (2026-03-11 names, e.g. {@code meeting_notes}) */
    public Set<String> blockTypes() {
        Set<String> types = new HashSet<>(model.statics.blockTypes());
        types.addAll(model.generated.blockTypes());
        types.addAll(model.added.blockTypes());
        return Set.copyOf(types);
    }

    /** @return the property types present in data source schemas */
    public Set<String> propertyTypes() {
        Set<String> types = new HashSet<>(model.statics.propertyTypes());
        types.addAll(model.generated.propertyTypes());
        return Set.copyOf(types);
    }

    /**
     * Replaces the text of the page's first text block and bumps the block's and the page's last_edited_time.
     *
     * @param pageId the page
     * @param newParagraphText the new text
     * @throws IllegalArgumentException when the page does not exist or has no top-level text block
     */
    public synchronized void editPageText(String pageId, String newParagraphText) {
        String id = requirePage(pageId);
        model.editText(id, Objects.requireNonNull(newParagraphText, "newParagraphText"), nowMinute());
        changed("page.content_updated", id);
    }

    /**
     * Renames a page (its title property and its child_page block) and bumps its last_edited_time.
     *
     * @param pageId the page
     * @param newTitle the new title
     */
    public synchronized void renamePage(String pageId, String newTitle) {
        String id = requirePage(pageId);
        model.overlay.titles.put(id, Objects.requireNonNull(newTitle, "newTitle"));
        model.overlay.edited.put(id, nowMinute());
        changed("page.properties_updated", id);
    }

    /**
     * Renames a database container and bumps its last_edited_time. Its child_database block shows the new title, so
     * the page it sits in changed too; its data sources keep their own names and edit times, as the container's
     * title is not theirs.
     *
     * @param databaseId the database
     * @param newTitle the new title
     */
    public synchronized void renameDatabase(String databaseId, String newTitle) {
        String id = Ids.normalize(databaseId);
        if (id == null || model.kind(id) != Source.Kind.DATABASE) {
            throw new IllegalArgumentException("no database " + databaseId);
        }
        long minute = nowMinute();
        model.overlay.databaseTitles.put(id, Objects.requireNonNull(newTitle, "newTitle"));
        model.overlay.edited.put(id, minute);
        model.database(id).map(database -> database.path("parent").path("page_id").asText(""))
                .filter(parent -> !parent.isEmpty())
                .map(Ids::normalize)
                .ifPresent(parent -> model.overlay.edited.put(parent, minute));
    }

    /**
     * Adds a rich-text property to a data source's schema and bumps the data source's last_edited_time (not its
     * database's). Rows have no value for it.
     *
     * @param dataSourceId the data source
     * @param propertyName the new property's name
     */
    public synchronized void addProperty(String dataSourceId, String propertyName) {
        String id = Ids.normalize(dataSourceId);
        if (id == null || model.kind(id) != Source.Kind.DATA_SOURCE) {
            throw new IllegalArgumentException("no data source " + dataSourceId);
        }
        model.overlay.addedProperties.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>())
                .add(Objects.requireNonNull(propertyName, "propertyName"));
        model.overlay.edited.put(id, nowMinute());
    }

    /**
     * Moves a page to the trash: {@code in_trash} becomes true, search and default queries stop returning it,
     * and its child_page block disappears from its parent's children. Retrieving it by id still works.
     *
     * @param pageId the page
     */
    public synchronized void trashPage(String pageId) {
        String id = requirePage(pageId);
        long minute = nowMinute();
        touchParent(id, minute);
        model.overlay.trashed.add(id);
        model.overlay.edited.put(id, minute);
        changed("page.deleted", id);
    }

    /**
     * Deletes a page for good: every request naming it answers 404 and it disappears from all lists.
     *
     * @param pageId the page
     */
    public synchronized void deletePage(String pageId) {
        String id = requirePage(pageId);
        String parent = parentOf(id);
        touchParent(id, nowMinute());
        model.overlay.deleted.add(id);
        changed(new Change("page.deleted", id, parent));
    }

    /**
     * A change of a page, as a webhook event names it.
     *
     * @param type the event type, e.g. {@code page.content_updated}
     * @param pageId the page
     * @param parentPageId its parent page, or null at the workspace level
     */
    record Change(String type, String pageId, String parentPageId) {
    }

    /** Calls {@code listener} after every mutation of a page, on the mutating thread; for webhooks. */
    void onChange(Consumer<Change> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    private void changed(String type, String id) {
        changed(new Change(type, id, parentOf(id)));
    }

    private void changed(Change change) {
        listeners.forEach(listener -> listener.accept(change));
    }

    private String parentOf(String id) {
        return model.page(id).map(page -> page.path("parent").path("page_id").asText(""))
                .filter(parent -> !parent.isEmpty()).orElse(null);
    }

    /** The parent page's content changed (its child_page block went away), so its last_edited_time moves too. */
    private void touchParent(String id, long minute) {
        model.page(id)
                .map(page -> page.path("parent").path("page_id").asText(""))
                .filter(parent -> !parent.isEmpty())
                .map(Ids::normalize)
                .ifPresent(parent -> model.overlay.edited.put(parent, minute));
    }

    /**
     * Adds a page with one paragraph under a page, appending a child_page block to the parent and bumping the
     * parent's last_edited_time. Pages added under top-level pages are returned by search.
     *
     * @param parentPageId the parent page
     * @param title the new page's title
     * @param text the new page's paragraph text
     * @return the new page's id
     */
    public synchronized String addPage(String parentPageId, String title, String text) {
        String id = model.addPage(requirePage(parentPageId), Objects.requireNonNull(title, "title"),
                Objects.requireNonNull(text, "text"), nowMinute());
        changed("page.created", id);
        return id;
    }

    /**
     * Makes search leave out an object that still exists and can still be retrieved, as when Notion's search index
     * lags behind.
     *
     * @param id a page or data source id
     */
    public synchronized void hideFromSearch(String id) {
        String normalized = Ids.normalize(id);
        if (normalized == null) {
            throw new IllegalArgumentException("not an id: " + id);
        }
        model.overlay.unsearchable.add(normalized);
    }

    /**
     * While on, search answers an empty list although the workspace is unchanged, as Notion has been seen to do
     * for an integration whose access was being changed.
     *
     * @param on whether search answers nothing
     */
    public void searchEmpty(boolean on) {
        model.overlay.searchEmpty = on;
    }

    /**
     * While on, search also lists every database row, as Notion's own search does; by default the fake leaves rows
     * out so that an exporter must reach them through their data source.
     *
     * @param on whether search lists rows
     */
    public void searchListsRows(boolean on) {
        model.overlay.searchRows = on;
    }

    /**
     * While on, search misses deep pages: it lists only top-level pages, their direct children and every data
     * source, as Notion's index may (it guarantees only what is shared directly). Off by default: search lists every
     * page shared with the integration, however deep, as Notion's search does.
     *
     * @param on whether search misses pages below the second level
     */
    public void searchMissesDeepPages(boolean on) {
        model.overlay.searchShallow = on;
    }

    /**
     * While on, search lags behind edits: a page edited through this workspace from now on (its text, title, or a
     * page added below it) is not listed by search until the lag is switched off, as when Notion's index has not
     * caught up yet. The page itself can still be retrieved and reached through its parent.
     *
     * @param on whether pages edited from now on are left out of search
     */
    public synchronized void searchLags(boolean on) {
        model.overlay.searchLagFrom = on ? nowMinute() : Long.MAX_VALUE;
    }

    /**
     * Adds a searchable page at the workspace level whose block tree holds a hazard: a block that lists itself, a
     * cycle of blocks, a synced block holding a copy of itself, or a chain nested 10,000 levels deep.
     *
     * @param hazard what the tree holds
     * @return the new page's id
     */
    public synchronized String addHazardPage(TreeHazard hazard) {
        return model.addHazardPage(Objects.requireNonNull(hazard, "hazard"), nowMinute());
    }

    /**
     * Adds a searchable page with one paragraph at the workspace level, linked from nowhere.
     *
     * @param title the new page's title
     * @param text the new page's paragraph text
     * @return the new page's id
     */
    public synchronized String addRootPage(String title, String text) {
        String id = model.addRootPage(Objects.requireNonNull(title, "title"), Objects.requireNonNull(text, "text"),
                nowMinute());
        changed("page.created", id);
        return id;
    }

    /**
     * Adds a searchable page at the workspace level whose one paragraph mentions the given pages or rows, as a page
     * that refers to rows of a database does.
     *
     * @param title the new page's title
     * @param mentioned the pages (or database rows) the paragraph mentions, in order
     * @return the new page's id
     */
    public synchronized String addRootPageMentioning(String title, List<String> mentioned) {
        String id = model.addRootPageMentioning(Objects.requireNonNull(title, "title"),
                mentioned.stream().map(this::requirePage).toList(), nowMinute());
        changed("page.created", id);
        return id;
    }

    private String requirePage(String pageId) {
        String id = Ids.normalize(pageId);
        if (id == null || model.kind(id) != Source.Kind.PAGE) {
            throw new IllegalArgumentException("no page " + pageId);
        }
        return id;
    }

    private long nowMinute() {
        return Math.floorDiv(clock.instant().getEpochSecond(), 60);
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    Model model() {
        return model;
    }
}
