package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.NotionObject;
import dev.notionsync.core.model.Page;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One exported object with everything that belongs to it: a page (or database row) with its complete block tree
 * and comments, or a database with the schemas of its data sources. Rows of a database arrive as page exports of
 * their own; child pages are never inlined.
 *
 * @param source the page or database, with truncated property values already completed
 * @param blocks the block tree in document order (depth first), synced-block copies expanded from their originals
 * @param dataSources for a database, its data sources with their schemas; empty for pages
 * @param comments open comments on the page (and on its blocks, when asked for), oldest first
 * @param files local copies of Notion-hosted files: the file URL exactly as it appears in the JSON, to the copy's
 *     path relative to the output folder (with {@code /} separators); files missing here are linked by URL
 * @param views for a database, its views in tab order with their rows (since 0.9); empty for pages
 * @since 0.1
 */
public record PageExport(NotionObject source, List<Block> blocks, List<DataSource> dataSources,
        List<Comment> comments, Map<String, String> files, List<DatabaseView> views) {

    /** The field that marks an object handed again to rewrite its links; never in what Notion returns. */
    static final String RELINK_MARKER = "notion_sync_relink";
    /** The field that marks an object handed again under the name it got when the names were settled. */
    static final String RENAMED_MARKER = "notion_sync_renamed";

    /**
     * Creates a page export.
     *
     * @param source a {@link Page} or {@link Database}
     * @param blocks the blocks in document order
     * @param dataSources the data sources
     * @param comments the comments
     * @param files local copies of hosted files by URL
     * @param views the views of a database
     * @throws IllegalArgumentException if {@code source} is neither a page nor a database
     */
    public PageExport {
        Objects.requireNonNull(source, "source");
        if (!(source instanceof Page) && !(source instanceof Database)) {
            throw new IllegalArgumentException("source must be a page or a database: " + source.object());
        }
        blocks = List.copyOf(blocks);
        dataSources = List.copyOf(dataSources);
        comments = List.copyOf(comments);
        files = Map.copyOf(files);
        views = List.copyOf(views);
    }

    /**
     * Creates a page export without views.
     *
     * @param source a {@link Page} or {@link Database}
     * @param blocks the blocks in document order
     * @param dataSources the data sources
     * @param comments the comments
     * @param files local copies of hosted files by URL
     */
    public PageExport(NotionObject source, List<Block> blocks, List<DataSource> dataSources,
            List<Comment> comments, Map<String, String> files) {
        this(source, blocks, dataSources, comments, files, List.of());
    }

    /**
     * A page with its blocks.
     *
     * @param page the page
     * @param blocks the blocks in document order
     * @param comments the comments
     * @return the export
     */
    public static PageExport ofPage(Page page, List<Block> blocks, List<Comment> comments) {
        return new PageExport(page, blocks, List.of(), comments, Map.of());
    }

    /**
     * A database with its data sources.
     *
     * @param database the database
     * @param dataSources the data sources with schemas
     * @return the export
     */
    public static PageExport ofDatabase(Database database, List<DataSource> dataSources) {
        return new PageExport(database, List.of(), dataSources, List.of(), Map.of());
    }

    /**
     * Returns a copy with these local file copies.
     *
     * @param newFiles file URL to relative path
     * @return the copy
     */
    public PageExport withFiles(Map<String, String> newFiles) {
        return new PageExport(source, blocks, dataSources, comments, newFiles, views);
    }

    /**
     * Returns a copy with these views.
     *
     * @param newViews the database's views in tab order
     * @return the copy
     */
    public PageExport withViews(List<DatabaseView> newViews) {
        return new PageExport(source, blocks, dataSources, comments, files, newViews);
    }

    /**
     * Returns the exported object's id.
     *
     * @return the id
     */
    public String id() {
        return source.id();
    }

    /**
     * Returns the title of the page or database.
     *
     * @return the title, possibly empty
     */
    public String title() {
        if (source instanceof Page page) {
            return page.title();
        }
        return ((Database) source).title();
    }

    /**
     * Returns the kind of object exported.
     *
     * @return {@link Kind#PAGE}, {@link Kind#ROW} or {@link Kind#DATABASE}
     */
    public Kind kind() {
        if (source instanceof Page page) {
            return page.isRow() ? Kind.ROW : Kind.PAGE;
        }
        return Kind.DATABASE;
    }

    /**
     * Returns whether this is a stand-in written so that links to it resolve, not an object Notion returned: the
     * placeholder of a linked database, which the API cannot read. Its JSON says so in
     * {@code "notion_sync_placeholder"}. The export counts it once, as skipped with reason
     * {@link ExportEvent.Reasons#LINKED_DATABASE}, never as a database; writers that count what they hold do too.
     *
     * @return {@code true} for a placeholder
     */
    public boolean isPlaceholder() {
        return source.json().has(LinkedDatabase.MARKER);
    }

    /**
     * Returns whether this object was handed to the writers earlier in this run and comes again only because objects
     * it links to were exported after it was written: a writer that {@link ExportWriter#rewritesLinks() rewrites
     * links} renders its own file again (the links now resolve locally) and adds nothing to what it aggregates
     * (indexes, tables, CSV rows). Writers that do not rewrite links never see such an object.
     *
     * @return {@code true} for an object handed again to rewrite its links
     */
    public boolean isRelink() {
        return source.json().has(RELINK_MARKER);
    }

    /**
     * Returns whether this object comes again after the crawl because its name changed when the names of the run were
     * settled (same-title objects are named oldest first, whatever the order they were found in). It is also a
     * {@link #isRelink() relink}: a writer that rewrites links renders its file under the new name and lets this entry
     * replace the earlier one in its index; the export removes the file under the old name. Writers that do not
     * rewrite links but {@link ExportWriter#writesFilePerObject() write a file per object} get it too (then it is
     * no other kind of relink); one that stores the source takes it {@link #unmarked()}.
     *
     * @return {@code true} for an object handed again under a new name
     * @since 0.10
     */
    public boolean isRenamed() {
        return source.json().has(RENAMED_MARKER);
    }

    /** A relink copy marked as renamed; see {@link #isRenamed()}. */
    PageExport asRenamed() {
        ObjectNode json = source.json().deepCopy().put(RENAMED_MARKER, true);
        NotionObject copy = source instanceof Database ? new Database(json) : new Page(json);
        return new PageExport(copy, blocks, dataSources, comments, files, views);
    }

    /**
     * Returns this object without the marks of a {@link #isRelink() relink} or {@link #isRenamed() rename}: the
     * source as Notion returned it, for a writer that stores it.
     *
     * @return this object, or a copy without the marks
     * @since 0.10
     */
    public PageExport unmarked() {
        if (!isRelink() && !isRenamed()) {
            return this;
        }
        ObjectNode json = source.json().deepCopy();
        json.remove(RELINK_MARKER);
        json.remove(RENAMED_MARKER);
        NotionObject copy = source instanceof Database ? new Database(json) : new Page(json);
        return new PageExport(copy, blocks, dataSources, comments, files, views);
    }

    /** A copy handed again after the crawl so its links are rewritten; see {@link #isRelink()}. */
    PageExport asRelink() {
        ObjectNode json = source.json().deepCopy().put(RELINK_MARKER, true);
        NotionObject copy = source instanceof Database ? new Database(json) : new Page(json);
        // with its views: a renamed database's JSON document is written again from this copy
        return new PageExport(copy, blocks, dataSources, comments, files, views);
    }

    /**
     * Returns the blocks as a tree, rebuilt from document order and depth.
     *
     * @return the top-level nodes
     */
    public List<BlockNode> tree() {
        List<BlockNode> roots = new ArrayList<>();
        Deque<BlockNode> open = new ArrayDeque<>();
        for (Block block : blocks) {
            BlockNode node = new BlockNode(block, new ArrayList<>());
            while (!open.isEmpty() && open.peek().block().depth() >= block.depth()) {
                open.pop();
            }
            if (open.isEmpty()) {
                roots.add(node);
            } else {
                open.peek().children().add(node);
            }
            open.push(node);
        }
        return roots;
    }

    /** What a {@link PageExport} holds. */
    public enum Kind {
        /** A page that is not a database row. */
        PAGE,
        /** A page that is a row of a data source. */
        ROW,
        /** A database (container of data sources). */
        DATABASE
    }

    /**
     * A block with its children, for renderers that walk the tree.
     *
     * @param block the block
     * @param children the children, in document order
     * @since 0.1
     */
    public record BlockNode(Block block, List<BlockNode> children) {
    }
}
