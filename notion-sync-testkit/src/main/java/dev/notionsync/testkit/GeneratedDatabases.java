package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Generated databases, their data sources (database 0 has two), rows with small bodies, and the linked
 * database block on page 0. Row {@code r} of data source {@code s} of database {@code d} is derived from its id.
 */
final class GeneratedDatabases {

    static final int ROW_BLOCKS = 3;

    private final WorkspaceSpec spec;
    private final int seedHash;
    private final Users users;
    private final GeneratedSource pages;

    GeneratedDatabases(WorkspaceSpec spec, int seedHash, Users users, GeneratedSource pages) {
        this.spec = spec;
        this.seedHash = seedHash;
        this.users = users;
        this.pages = pages;
    }

    int count() {
        return spec.databases();
    }

    int dataSourceCount(int d) {
        return d == 0 ? 2 : 1;
    }

    long rowCount() {
        return (long) spec.rowsPerDatabase() * (count() + (count() > 0 ? 1 : 0));
    }

    int rowsPer() {
        return spec.rowsPerDatabase();
    }

    String databaseId(int d) {
        return Ids.encode(seedHash, Ids.DATABASE, d, 0);
    }

    String dataSourceId(int d, int s) {
        return Ids.encode(seedHash, Ids.DATA_SOURCE, d, s);
    }

    String rowId(int d, int s, int r) {
        return Ids.encode(seedHash, Ids.ROW, d, (long) s << 32 | r);
    }

    String rowBlockId(int d, int s, int r, int k) {
        return Ids.encode(seedHash, Ids.ROW_BLOCK, d, ((long) s << 32 | r) << 4 | k);
    }

    String rowFileId(int d, int s, int r, int fileType) {
        return Ids.encode(seedHash, Ids.ROW_FILE, d, ((long) s << 32 | r) << 4 | fileType);
    }

    String linkedId() {
        return Ids.encode(seedHash, Ids.LINKED, 0, 0);
    }

    String title(int d) {
        return Words.title(Hash.of(spec.seed(), 0x64627469L, d), 2) + " Tracker " + (d + 1);
    }

    String dataSourceName(int d, int s) {
        return s == 0 ? title(d) : title(d) + " Archive";
    }

    long rowCreated(int s, int r) {
        return Json.BASE_MINUTE + 100_000 + 2L * r + s;
    }

    long rowEdited(int d, int s, int r) {
        return rowCreated(s, r) + Hash.below(Hash.of(spec.seed(), 0x726f7765L, d, (long) s << 32 | r), 100_000);
    }

    static boolean rowHasFile(int s, int r) {
        return s == 0 && r % 10 == 0;
    }

    static int rowFileType(int r) {
        return r % 20 == 0 ? 0 : 1;
    }

    /** The parent page index of database {@code d}, or -1 when it sits at the workspace level. */
    int parentPage(int d) {
        return pages.layout.roots == 0 ? -1 : d % pages.layout.roots;
    }

    List<String> databasesUnder(int page) {
        List<String> ids = new ArrayList<>();
        if (page < pages.layout.roots) {
            for (int d = page; d < count(); d += pages.layout.roots) {
                ids.add(databaseId(d));
            }
        }
        if (page == 0) {
            ids.add(linkedId());
        }
        return ids;
    }

    private boolean validRow(Ids.Id id, long key) {
        long s = key >>> 32;
        long r = key & 0xffffffffL;
        return id.owner() < count() && s < dataSourceCount((int) id.owner()) && r < rowsPer();
    }

    Source.Kind kind(Ids.Id id) {
        return switch (id.kind()) {
            case Ids.DATABASE -> id.owner() < count() && id.local() == 0 ? Source.Kind.DATABASE : null;
            case Ids.LINKED -> spec.pages() > 0 && id.owner() == 0 && id.local() == 0 ? Source.Kind.DATABASE : null;
            case Ids.DATA_SOURCE -> id.owner() < count() && id.local() < dataSourceCount((int) id.owner())
                    ? Source.Kind.DATA_SOURCE : null;
            case Ids.ROW -> validRow(id, id.local()) ? Source.Kind.PAGE : null;
            case Ids.ROW_BLOCK -> validRow(id, id.local() >>> 4) && (id.local() & 15) < ROW_BLOCKS
                    ? Source.Kind.BLOCK : null;
            default -> null;
        };
    }

    Optional<ObjectNode> object(Ids.Id id) {
        if (kind(id) == null) {
            return Optional.empty();
        }
        int d = (int) id.owner();
        return Optional.of(switch (id.kind()) {
            case Ids.DATABASE -> GeneratedSchemas.database(this, d);
            case Ids.LINKED -> GeneratedSchemas.linkedDatabase(this);
            case Ids.DATA_SOURCE -> GeneratedSchemas.dataSource(this, d, (int) id.local());
            case Ids.ROW -> RowValues.row(this, d, (int) (id.local() >>> 32), (int) id.local());
            default -> RowValues.rowBlock(this, d, (int) (id.local() >>> 36), (int) (id.local() >>> 4),
                    (int) (id.local() & 15));
        });
    }

    List<String> children(Ids.Id id) {
        if (id.kind() != Ids.ROW || kind(id) == null) {
            return List.of();
        }
        int d = (int) id.owner();
        int s = (int) (id.local() >>> 32);
        int r = (int) id.local();
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < ROW_BLOCKS; k++) {
            ids.add(rowBlockId(d, s, r, k));
        }
        return ids;
    }

    List<String> rows(Ids.Id dataSource) {
        if (dataSource.kind() != Ids.DATA_SOURCE || kind(dataSource) == null) {
            return List.of();
        }
        int d = (int) dataSource.owner();
        int s = (int) dataSource.local();
        return new AbstractList<>() {
            @Override
            public String get(int r) {
                return rowId(d, s, r);
            }

            @Override
            public int size() {
                return rowsPer();
            }
        };
    }

    long createdMinute(Ids.Id id) {
        return switch (id.kind()) {
            case Ids.ROW -> rowCreated((int) (id.local() >>> 32), (int) id.local());
            case Ids.DATA_SOURCE, Ids.DATABASE -> Json.BASE_MINUTE + 30 + id.owner();
            default -> Json.BASE_MINUTE;
        };
    }

    long lastEditedMinute(Ids.Id id) {
        return switch (id.kind()) {
            case Ids.ROW -> rowEdited((int) id.owner(), (int) (id.local() >>> 32), (int) id.local());
            case Ids.DATA_SOURCE, Ids.DATABASE -> Json.BASE_MINUTE + 90_000 + id.owner();
            default -> Json.BASE_MINUTE;
        };
    }

    Optional<Source.FileRef> file(Ids.Id id) {
        long key = id.local() >>> 4;
        int fileType = (int) (id.local() & 15);
        if (id.kind() != Ids.ROW_FILE || !validRow(id, key)) {
            return Optional.empty();
        }
        int s = (int) (key >>> 32);
        int r = (int) key;
        if (!rowHasFile(s, r) || rowFileType(r) != fileType) {
            return Optional.empty();
        }
        return Optional.of(rowFile((int) id.owner(), s, r));
    }

    Source.FileRef rowFile(int d, int s, int r) {
        int fileType = rowFileType(r);
        String fileId = rowFileId(d, s, r, fileType);
        String name = "attachment-" + d + "-" + r + (fileType == 0 ? ".png" : ".pdf");
        return new Source.FileRef(fileId, name, r % 30 == 0 ? "shared-" + fileType : fileId);
    }

    Stream<String> databaseIds() {
        return IntStream.range(0, count()).mapToObj(this::databaseId);
    }

    Stream<String> dataSourceIds() {
        return IntStream.range(0, count()).boxed()
                .flatMap(d -> IntStream.range(0, dataSourceCount(d)).mapToObj(s -> dataSourceId(d, s)));
    }

    Stream<String> rowIds() {
        return IntStream.range(0, count()).boxed().flatMap(d -> IntStream.range(0, dataSourceCount(d)).boxed()
                .flatMap(s -> IntStream.range(0, rowsPer()).mapToObj(r -> rowId(d, s, r))));
    }

    Stream<String> fileIds() {
        return IntStream.range(0, count()).boxed().flatMap(d -> IntStream.range(0, rowsPer())
                .filter(r -> rowHasFile(0, r)).mapToObj(r -> rowFile(d, 0, r).fileId()));
    }

    Set<String> propertyTypes() {
        return count() == 0 ? Set.of() : RowValues.TYPES;
    }

    WorkspaceSpec spec() {
        return spec;
    }

    Users users() {
        return users;
    }

    GeneratedSource pages() {
        return pages;
    }
}
