package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** The procedural part of a workspace: pages, blocks and comments derived on demand from ids. */
final class GeneratedSource implements Source {

    static final long COVER_SLOT = 1L << 38;
    static final long ICON_SLOT = COVER_SLOT + 1;
    static final long COMMENT_SLOT = COVER_SLOT + 2;
    private static final String[] EMOJIS = {"📄", "📘", "🗂️", "🚀", "🧭", "📝", "🔧", "🌱", "📊", "🎯"};

    private final WorkspaceSpec spec;
    private final long seed;
    private final int seedHash;
    private final Users users;
    final Layout layout;
    private final GeneratedBlocks blocks;
    final GeneratedDatabases databases;
    final GeneratedFiles files;
    private final ThreadLocal<BlockPlan> lastPlan = new ThreadLocal<>();
    private volatile Set<String> blockTypes;

    GeneratedSource(WorkspaceSpec spec, int seedHash, Users users) {
        this.spec = spec;
        this.seed = spec.seed();
        this.seedHash = seedHash;
        this.users = users;
        this.layout = new Layout(spec.pages(), spec.maxDepth());
        this.blocks = new GeneratedBlocks(this, seed, seedHash, users);
        this.databases = new GeneratedDatabases(spec, seedHash, users, this);
        this.files = new GeneratedFiles(this, spec, seedHash);
    }

    BlockPlan plan(int page) {
        BlockPlan plan = lastPlan.get();
        if (plan == null || plan.page != page) {
            boolean synced = spec.pages() >= 2;
            plan = BlockPlan.of(seed, page, spec.blocksPerPage(), spec.filesPerPage(), synced && page == 0,
                    synced && page == 1);
            lastPlan.set(plan);
        }
        return plan;
    }

    String pageId(int page) {
        return Ids.encode(seedHash, Ids.PAGE, page, 0);
    }

    String blockId(int page, int k) {
        return Ids.encode(seedHash, Ids.BLOCK, page, k);
    }

    /** The synced original sits right after page 0's regular blocks. */
    String syncedOriginalId() {
        return blockId(0, spec.blocksPerPage());
    }

    String pageTitle(int page) {
        long h = Hash.of(seed, 0x7469746cL, page);
        return Words.title(h, 2 + Hash.below(h >>> 40, 2)) + " " + (page + 1);
    }

    long pageCreated(int page) {
        return Json.BASE_MINUTE + 60 + 7L * page;
    }

    long pageEdited(int page) {
        return pageCreated(page) + 1 + Hash.below(Hash.of(seed, 0x65646974L, page), 43_200);
    }

    private boolean isPage(Ids.Id id) {
        return id.owner() < spec.pages() && id.local() == 0;
    }

    @Override
    public Kind kind(Ids.Id id) {
        return switch (id.kind()) {
            case Ids.PAGE -> isPage(id) ? Kind.PAGE : null;
            case Ids.BLOCK -> id.owner() < spec.pages() && id.local() < plan((int) id.owner()).size ? Kind.BLOCK : null;
            case Ids.COMMENT -> id.owner() < spec.pages() && comments(pageOrBlock(id)).contains(
                    Ids.encode(seedHash, Ids.COMMENT, id.owner(), id.local())) ? Kind.COMMENT : null;
            default -> databases.kind(id);
        };
    }

    private Ids.Id pageOrBlock(Ids.Id comment) {
        return comment.local() < 8 ? new Ids.Id(Ids.PAGE, comment.owner(), 0)
                : new Ids.Id(Ids.BLOCK, comment.owner(), comment.local() / 8 - 1);
    }

    @Override
    public Optional<ObjectNode> object(Ids.Id id) {
        Kind kind = kind(id);
        if (kind == null) {
            return Optional.empty();
        }
        int page = (int) id.owner();
        return switch (id.kind()) {
            case Ids.PAGE -> Optional.of(page(page));
            case Ids.BLOCK -> Optional.of(blocks.block(plan(page), (int) id.local()));
            case Ids.COMMENT -> Optional.of(blocks.comment(page, id.local()));
            default -> databases.object(id);
        };
    }

    private ObjectNode page(int i) {
        String id = pageId(i);
        long h = Hash.of(seed, 0x70616765L, i);
        String title = pageTitle(i);
        ObjectNode p = Json.obj().put("object", "page").put("id", id).put("created_time", Json.iso(pageCreated(i)))
                .put("last_edited_time", Json.iso(pageEdited(i)));
        p.set("created_by", Json.userRef(users.pick(h)));
        p.set("last_edited_by", Json.userRef(users.pick(h >>> 8)));
        int parent = layout.parent(i);
        if (parent < 0) {
            p.set("cover", Json.hosted(files.fileId(i, COVER_SLOT, 0), "cover-" + i + ".png"));
        } else if (i % 5 == 1) {
            p.set("cover", Json.external("https://example.com/covers/" + i + ".jpg"));
        } else {
            p.putNull("cover");
        }
        p.set("icon", i % 10 == 4 ? Json.hosted(files.fileId(i, ICON_SLOT, 0), "icon-" + i + ".png")
                : Json.emoji(EMOJIS[Hash.below(h >>> 16, EMOJIS.length)]));
        p.set("parent", parent < 0 ? Json.workspaceParent() : Json.pageParent(pageId(parent)));
        p.put("in_trash", false).put("is_locked", false);
        ObjectNode titleProp = p.putObject("properties").putObject("title").put("id", "title").put("type", "title");
        titleProp.set("title", Rt.plain(title));
        p.put("url", Json.notionUrl(title, id));
        p.putNull("public_url");
        return p;
    }

    @Override
    public List<String> children(Ids.Id id) {
        if (kind(id) == null) {
            return List.of();
        }
        int page = (int) id.owner();
        if (id.kind() == Ids.PAGE) {
            List<String> out = new ArrayList<>();
            for (int k : plan(page).children(-1)) {
                out.add(blockId(page, k));
            }
            int first = layout.firstChild(page);
            for (int c = 0; c < layout.childCount(page); c++) {
                out.add(pageId(first + c));
            }
            out.addAll(databases.databasesUnder(page));
            return out;
        }
        if (id.kind() == Ids.BLOCK) {
            BlockPlan plan = plan(page);
            if (plan.type((int) id.local()) == BlockPlan.SYNCED_COPY) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int k : plan.children((int) id.local())) {
                out.add(blockId(page, k));
            }
            return out;
        }
        return databases.children(id);
    }

    @Override
    public List<String> comments(Ids.Id target) {
        if (target.kind() == Ids.PAGE && isPage(target) && target.owner() % 3 == 0) {
            return List.of(Ids.encode(seedHash, Ids.COMMENT, target.owner(), 0),
                    Ids.encode(seedHash, Ids.COMMENT, target.owner(), 1));
        }
        if (target.kind() == Ids.BLOCK && target.owner() < spec.pages() && target.owner() % 4 == 0) {
            int[] top = plan((int) target.owner()).children(-1);
            if (top.length > 0 && top[0] == target.local()) {
                return List.of(Ids.encode(seedHash, Ids.COMMENT, target.owner(), (target.local() + 1) * 8));
            }
        }
        return List.of();
    }

    @Override
    public List<String> rows(Ids.Id dataSource) {
        return databases.rows(dataSource);
    }

    @Override
    public long createdMinute(Ids.Id id) {
        return id.kind() == Ids.PAGE ? pageCreated((int) id.owner()) : databases.createdMinute(id);
    }

    @Override
    public long lastEditedMinute(Ids.Id id) {
        return id.kind() == Ids.PAGE ? pageEdited((int) id.owner()) : databases.lastEditedMinute(id);
    }

    @Override
    public Optional<FileRef> file(Ids.Id id) {
        return id.kind() == Ids.FILE ? files.file(id) : databases.file(id);
    }

    @Override
    public Stream<String> ids(Kind kind) {
        return switch (kind) {
            case PAGE -> Stream.concat(IntStream.range(0, spec.pages()).mapToObj(this::pageId), databases.rowIds());
            case DATABASE -> databases.databaseIds();
            case DATA_SOURCE -> databases.dataSourceIds();
            default -> Stream.empty();
        };
    }

    @Override
    public Stream<String> fileIds() {
        return Stream.concat(files.fileIds(), databases.fileIds());
    }

    @Override
    public Stream<String> searchable() {
        long shallow = Math.min(spec.pages(), (long) layout.roots * (1 + layout.branching));
        return Stream.concat(LongStream.range(0, shallow).mapToObj(i -> pageId((int) i)), databases.dataSourceIds());
    }

    @Override
    public Stream<String> listable() {
        return Stream.concat(IntStream.range(0, spec.pages()).mapToObj(this::pageId), databases.dataSourceIds());
    }

    @Override
    public long blockCount() {
        long pages = spec.pages();
        long synced = pages >= 2 ? 4 : 0;
        long childDatabases = pages > 0 ? databases.count() + 1L : 0;
        return pages * spec.blocksPerPage() + synced + (pages - layout.roots) + childDatabases
                + databases.rowCount() * GeneratedDatabases.ROW_BLOCKS;
    }

    @Override
    public Set<String> blockTypes() {
        Set<String> types = blockTypes;
        if (types == null) {
            types = new HashSet<>();
            for (int page = 0; page < spec.pages(); page++) {
                BlockPlan plan = plan(page);
                for (int k = 0; k < plan.size; k++) {
                    types.add(GeneratedBlocks.typeName(plan.type(k)));
                }
            }
            if (spec.pages() > layout.roots) {
                types.add("child_page");
            }
            if (spec.pages() > 0) {
                types.add("child_database");
            }
            if (databases.rowCount() > 0) {
                types.addAll(List.of("paragraph", "bulleted_list_item", "to_do"));
            }
            blockTypes = Set.copyOf(types);
        }
        return types;
    }

    @Override
    public Set<String> propertyTypes() {
        return databases.propertyTypes();
    }
}
