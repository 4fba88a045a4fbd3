package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionIds;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Timestamps;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Makes links independent of the order of the crawl, at no request. A writer links to an object's file only once
 * that object is {@link FileNames#exported exported}; an object handed to the writers before some object it refers
 * to holds "forward references". This plan records them as each object goes to the writers, and after the crawl
 * names the objects whose forward references were exported meanwhile: they are replayed from their snapshots to the
 * writers that {@link ExportWriter#rewritesLinks() rewrite links}, which render them again with local links.
 * Memory grows with the forward references only (interned ids), not with the content.
 *
 * <p>It also keeps the count of files true: a file written again for a relink is one file, counted once.
 */
final class LinkPlan {

    /** How a written file counts in the summary. */
    enum Count {
        /** A new or changed file. */
        CHANGED,
        /** A file whose content was already on disk. */
        UNCHANGED,
        /** A file counted as unchanged before, changed now: it moves from one count to the other. */
        NOW_CHANGED,
        /** A file counted before. */
        AGAIN
    }

    private final FileNames names;
    /** Object to the ids it referred to that were not exported when it was handed to the writers. */
    private final Map<String, Set<String>> forward = new HashMap<>();
    /**
     * Object to the exported ids it referred to whose names were not settled yet ({@link FileNames#settle()}): if one
     * of them is renamed, the object is rendered again.
     */
    private final Map<String, Set<String>> unsettled = new HashMap<>();
    /** Exported pages that hold a block a link seen after them points at: rendered again with its anchor. */
    private final Set<String> anchorHolders = new HashSet<>();
    /** Blocks first targeted by a link in this run: checkpointed once the crawl is done. */
    private final Set<String> newAnchors = new HashSet<>();
    /** Objects renamed when the names were settled, with their name before. */
    private final Map<String, String> renamed = new HashMap<>();
    /**
     * The folders a new object's first file went to (counted as changed) before the names were settled; kept for the
     * objects written again after the crawl under a new name or with a new anchor, whose file then counts once.
     */
    private final Map<String, Set<String>> firstWritten = new HashMap<>();
    // the sets above and below are immutable copies (Set.copyOf), replaced when they change: an entry per object of
    // the run until the crawl ends, so a hash set's table and nodes each would make the heap grow with the workspace
    private boolean settled;
    /** Objects that ever held forward references: their files may be written twice. */
    private final IdSet holders;
    /**
     * The files of holders, by a 64-bit digest of their path ({@link #key}), and whether they were counted as changed.
     * A path kept whole costs several hundred bytes (its bytes, its string, its offsets) for every file of the run,
     * and a map of boxed digests some fifty.
     */
    private final FileMarks files = new FileMarks();

    LinkPlan(FileNames names) {
        this.names = names;
        this.holders = new IdSet(names.ids());
    }

    /** Called as an object goes to the writers: it is exported from now on; its references to the rest are noted. */
    synchronized void handed(PageExport export) {
        if (export.isRelink()) {
            return;
        }
        String self = FileNames.normalizeId(export.id());
        names.exported(self, export.title());
        if (names.unsettled(self)) {
            names.hasFiles(self, createdTime(export.source().json()));
        }
        for (DataSource source : export.dataSources()) {
            // a data source names the CSV file of its rows
            if (names.unsettled(source.id())) {
                names.hasFiles(source.id(), createdTime(source.json()));
            }
        }
        if (export.isPlaceholder()) {
            return;
        }
        Set<String> pending = new HashSet<>();
        Set<String> mayChange = new HashSet<>();
        references(export, id -> {
            String key = FileNames.normalizeId(id);
            if (key.equals(self)) {
                return;
            }
            if (!names.linkable(key)) {
                pending.add(key);
            } else if (names.unsettled(key)) {
                mayChange.add(key);
            }
        });
        anchors(export, (page, block) -> {
            if (names.linkTarget(block)) {
                newAnchors.add(FileNames.normalizeId(block));
                String key = FileNames.normalizeId(page);
                // a page written before the link to its block was seen gets the block's anchor by a relink
                if (names.linkable(key)) {
                    anchorHolders.add(key);
                    holders.add(key);
                }
            }
        });
        if (!pending.isEmpty()) {
            forward.merge(self, Set.copyOf(pending), LinkPlan::union);
            holders.add(self);
        }
        if (!mayChange.isEmpty()) {
            unsettled.merge(self, Set.copyOf(mayChange), LinkPlan::union);
            holders.add(self);
        }
    }

    private static long createdTime(JsonNode json) {
        // Timestamps reads Notion's shape directly: Instant.parse cost more than the rest of this method
        Instant created = Timestamps.parse(json.path("created_time").asText(""));
        return created == null ? Long.MAX_VALUE : created.toEpochMilli();
    }

    /**
     * Settles the names of the run ({@link FileNames#settle()}), once every object went to the writers: the objects
     * renamed are handed again, to every writer that writes a file per object, before the relinks.
     *
     * @return the renamed objects with their name before
     */
    synchronized Map<String, String> settle() {
        renamed.putAll(names.settle());
        settled = true;
        Set<String> again = new HashSet<>(renamed.keySet());
        again.addAll(anchorHolders);
        firstWritten.keySet().retainAll(again);
        // written again under the new name, and maybe once more at the end: each file counts once
        renamed.keySet().forEach(holders::add);
        return Map.copyOf(renamed);
    }

    /** The blocks first targeted by a link in this run, once: the export state keeps them for the next run. */
    synchronized Set<String> newAnchors() {
        Set<String> anchors = Set.copyOf(newAnchors);
        newAnchors.clear();
        return anchors;
    }

    /** The name an object had before the names were settled, when they renamed it. */
    synchronized Optional<String> renamedFrom(String id) {
        return Optional.ofNullable(renamed.get(FileNames.normalizeId(id)));
    }

    /** The renamed objects, in id order, handed again under their new name. */
    synchronized Flux<Work> renames() {
        List<String> ids = new ArrayList<>(renamed.keySet());
        ids.sort(null);
        return ids.isEmpty() ? Flux.empty() : Flux.just(new Work.Replays(ids, true));
    }

    /**
     * The objects to render again, once every object of the run went to the writers: those with a forward reference
     * that is exported now. Asked once, after the crawl; what it returns is forgotten.
     */
    synchronized Flux<Work> relinks() {
        Set<String> ids = new HashSet<>();
        forward.forEach((holder, targets) -> {
            if (targets.stream().anyMatch(names::linkable)) {
                ids.add(holder);
            }
        });
        unsettled.forEach((holder, targets) -> {
            if (targets.stream().anyMatch(renamed::containsKey)) {
                ids.add(holder);
            }
        });
        ids.addAll(anchorHolders);
        anchorHolders.clear();
        // a renamed object was rendered again with every link of the run already
        ids.removeAll(renamed.keySet());
        forward.clear();
        unsettled.clear();
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        return sorted.isEmpty() ? Flux.empty() : Flux.just(new Work.Replays(sorted, true));
    }

    /** Whether a file is a renamed object's under its old name (a writer that was still behind when it was renamed). */
    private boolean underOldName(String id, Path file) {
        String old = renamed.get(id);
        String name = file.getFileName().toString();
        return old != null && name.lastIndexOf('.') > 0 && name.equals(old + name.substring(name.lastIndexOf('.')));
    }

    /** How one written file counts, so a file written for an object and again for its relink is counted once. */
    synchronized Count written(ExportEvent.PageWritten written) {
        String id = FileNames.normalizeId(written.id());
        String folder = String.valueOf(written.file().getParent()).intern();
        if (!settled && names.unsettled(id) || underOldName(id, written.file())) {
            // a new object's first file (counted as changed): it may be written again, under another name or with
            // an anchor more, once the names are settled
            firstWritten.merge(id, Set.of(folder), LinkPlan::union);
        } else if (settled && firstWritten.getOrDefault(id, Set.of()).contains(folder)) {
            // the file under its new name, or with its anchors, replaces the one counted before
            Set<String> left = new HashSet<>(firstWritten.get(id));
            left.remove(folder);
            firstWritten.put(id, Set.copyOf(left));
            files.put(key(written.file()), true);
            return Count.AGAIN;
        }
        if (!holders.contains(id)) {
            return written.changed() ? Count.CHANGED : Count.UNCHANGED;
        }
        Boolean before = files.put(key(written.file()), written.changed());
        if (before == null) {
            return written.changed() ? Count.CHANGED : Count.UNCHANGED;
        }
        if (before) {
            files.put(key(written.file()), true);
            return Count.AGAIN;
        }
        return written.changed() ? Count.NOW_CHANGED : Count.AGAIN;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a.containsAll(b)) {
            return a;
        }
        Set<String> both = new HashSet<>(a);
        both.addAll(b);
        return Set.copyOf(both);
    }

    /**
     * A 64-bit FNV-1a digest of a file's path. Two paths of one run sharing it (odds under one in 30 million at a
     * million files) would only move a file between the changed and unchanged counts of the summary.
     */
    private static long key(Path file) {
        String path = file.toString();
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            hash ^= path.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /**
     * Every id an object refers to, as any writer may link it: child pages and databases, {@code page_id} and
     * {@code database_id} anywhere (link_to_page blocks, parents, relation schemas), page and database mentions,
     * related pages, and links into Notion ({@link NotionIds#target}). More ids than writers link do no harm: an id
     * that is never exported never makes a relink.
     */
    static void references(PageExport export, Consumer<String> out) {
        scan(export.source().json(), out);
        for (Block block : export.blocks()) {
            if (block.isChildObject()) {
                out.accept(block.id());
            }
            scan(block.content(), out);
        }
        for (DataSource source : export.dataSources()) {
            scan(source.json().path("properties"), out);
        }
        for (Comment comment : export.comments()) {
            scan(comment.json().path("rich_text"), out);
        }
    }

    /** Every block an object links to with a {@code #<block id>} anchor, with the page or database that holds it. */
    static void anchors(PageExport export, BiConsumer<String, String> out) {
        Consumer<String> urls = url -> NotionIds.target(url).filter(target -> target.block() != null)
                .ifPresent(target -> out.accept(target.id(), target.block()));
        urls(export.source().json(), urls);
        for (Block block : export.blocks()) {
            urls(block.content(), urls);
        }
        for (Comment comment : export.comments()) {
            urls(comment.json().path("rich_text"), urls);
        }
    }

    private static void urls(JsonNode node, Consumer<String> out) {
        if (node.isContainerNode()) {
            node.properties().forEach(field -> {
                JsonNode value = field.getValue();
                if (value.isTextual() && ("url".equals(field.getKey()) || "href".equals(field.getKey()))) {
                    out.accept(value.asText());
                } else if (value.isContainerNode()) {
                    urls(value, out);
                }
            });
            if (node.isArray()) {
                node.forEach(child -> urls(child, out));
            }
        }
    }

    private static void scan(JsonNode node, Consumer<String> out) {
        if (node.isArray()) {
            node.forEach(child -> scan(child, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String type = node.path("type").asText("");
        JsonNode typed = node.path(type);
        if (("page".equals(type) || "database".equals(type)) && typed.path("id").isTextual()) {
            // a mention
            out.accept(typed.get("id").asText());
        } else if ("relation".equals(type) && typed.isArray()) {
            typed.forEach(related -> {
                if (related.path("id").isTextual()) {
                    out.accept(related.get("id").asText());
                }
            });
        }
        node.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                switch (field.getKey()) {
                    case "page_id", "database_id" -> out.accept(value.asText());
                    case "url", "href" -> NotionIds.target(value.asText()).ifPresent(target -> out.accept(target.id()));
                    default -> {
                    }
                }
            } else if (value.isContainerNode()) {
                scan(value, out);
            }
        });
    }

    /** Path digests mapped to whether their file was counted as changed: open addressing, 9 bytes a slot. */
    private static final class FileMarks {

        private static final byte UNCHANGED = 1;
        private static final byte CHANGED = 2;

        private long[] keys = new long[1024];
        /** 0 for a free slot, else {@link #UNCHANGED} or {@link #CHANGED}. */
        private byte[] marks = new byte[1024];
        private int size;

        /** Marks a file; returns its mark before, null when it had none. */
        Boolean put(long key, boolean changed) {
            int slot = slot(key, keys, marks);
            byte before = marks[slot];
            keys[slot] = key;
            marks[slot] = changed ? CHANGED : UNCHANGED;
            if (before != 0) {
                return before == CHANGED;
            }
            if (++size * 2 > keys.length) {
                grow();
            }
            return null;
        }

        private static int slot(long key, long[] keys, byte[] marks) {
            int mask = keys.length - 1;
            long mixed = (key ^ (key >>> 33)) * 0xFF51AFD7ED558CCDL;
            int slot = (int) (mixed ^ (mixed >>> 33)) & mask;
            while (marks[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            long[] oldKeys = keys;
            byte[] oldMarks = marks;
            keys = new long[oldKeys.length * 2];
            marks = new byte[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldMarks[i] != 0) {
                    int slot = slot(oldKeys[i], keys, marks);
                    keys[slot] = oldKeys[i];
                    marks[slot] = oldMarks[i];
                }
            }
        }
    }
}
