package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionIds;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import reactor.core.publisher.Flux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Objects that ever held forward references: their files may be written twice. */
    private final Set<String> holders = new HashSet<>();
    /** The files of holders, and whether they were counted as changed. */
    private final Map<Path, Boolean> files = new HashMap<>();

    LinkPlan(FileNames names) {
        this.names = names;
    }

    /** Called as an object goes to the writers: it is exported from now on; its references to the rest are noted. */
    synchronized void handed(PageExport export) {
        if (export.isRelink()) {
            return;
        }
        String self = FileNames.normalizeId(export.id());
        names.exported(self, export.title());
        if (export.isPlaceholder()) {
            return;
        }
        Set<String> pending = new HashSet<>();
        references(export, id -> {
            String key = FileNames.normalizeId(id);
            if (!key.equals(self) && !names.linkable(key)) {
                pending.add(key);
            }
        });
        if (!pending.isEmpty()) {
            forward.computeIfAbsent(self, k -> new HashSet<>()).addAll(pending);
            holders.add(self);
        }
    }

    /**
     * The objects to render again, once every object of the run went to the writers: those with a forward reference
     * that is exported now. Asked once, after the crawl; what it returns is forgotten.
     */
    synchronized Flux<Work> relinks() {
        List<String> ids = new ArrayList<>();
        forward.forEach((holder, targets) -> {
            if (targets.stream().anyMatch(names::linkable)) {
                ids.add(holder);
            }
        });
        forward.clear();
        ids.sort(null);
        return ids.isEmpty() ? Flux.empty() : Flux.just(new Work.Replays(ids, true));
    }

    /** How one written file counts, so a file written for an object and again for its relink is counted once. */
    synchronized Count written(ExportEvent.PageWritten written) {
        if (!holders.contains(FileNames.normalizeId(written.id()))) {
            return written.changed() ? Count.CHANGED : Count.UNCHANGED;
        }
        Boolean before = files.put(written.file(), written.changed());
        if (before == null) {
            return written.changed() ? Count.CHANGED : Count.UNCHANGED;
        }
        if (before) {
            files.put(written.file(), true);
            return Count.AGAIN;
        }
        return written.changed() ? Count.NOW_CHANGED : Count.AGAIN;
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
}
