package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A read-only supplier of workspace objects in internal form (before overlay, version and file-URL rendering).
 * The generated part derives objects from ids; the static parts (demo, coverage, hostile titles, added pages)
 * store them.
 */
interface Source {

    /** What an id names. */
    enum Kind { PAGE, BLOCK, DATABASE, DATA_SOURCE, COMMENT }

    /** A Notion-hosted file: its id, file name and the key its bytes are derived from. */
    record FileRef(String fileId, String name, String contentKey) {
    }

    /** The kind of object the id names in this source, or null when it names nothing here. */
    Kind kind(Ids.Id id);

    /** A fresh (caller-owned) internal-form object for any page, block, database, data source or comment. */
    Optional<ObjectNode> object(Ids.Id id);

    /** Child block ids of a page or block in document order; pages and databases appear as their own ids. */
    List<String> children(Ids.Id id);

    /** Comment ids on a page or block, oldest first. */
    List<String> comments(Ids.Id target);

    /** Row page ids of a data source in creation order. */
    List<String> rows(Ids.Id dataSource);

    long createdMinute(Ids.Id id);

    long lastEditedMinute(Ids.Id id);

    Optional<FileRef> file(Ids.Id fileId);

    /** Every id of a kind (pages include rows; databases exclude linked databases). */
    Stream<String> ids(Kind kind);

    Stream<String> fileIds();

    /**
     * The pages and data sources search returns even when it misses others: top-level pages, their direct children
     * and every data source (Notion guarantees only what is shared directly).
     */
    Stream<String> searchable();

    /** Every page (rows excluded) and data source, in a stable order: what Notion's search lists when complete. */
    Stream<String> listable();

    long blockCount();

    Set<String> blockTypes();

    Set<String> propertyTypes();
}
