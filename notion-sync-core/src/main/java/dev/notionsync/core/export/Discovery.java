package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Block;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an assembled object refers to: child pages, child databases, linked pages and mentioned pages and databases,
 * queued as work; and for a page replayed from the previous run, the linked-database placeholders made from its
 * blocks.
 */
final class Discovery {

    private final ExportSpec spec;
    private final ExportRun run;
    private final WorkQueue queue;
    private final ExportState state;
    /** The listings' index: a page a listing returned comes with its object and is never queued by id. */
    private final Listing index;
    /** Ids the previous run wrote placeholders for, read with the leftovers. */
    private volatile Set<String> placeholders = Set.of();

    Discovery(ExportSpec spec, ExportRun run, WorkQueue queue, ExportState state, Listing index) {
        this.spec = spec;
        this.run = run;
        this.queue = queue;
        this.state = state;
        this.index = index;
    }

    /** Notes the ids the previous run wrote placeholders for, as the leftovers are read. */
    void placeholders(Set<String> ids) {
        placeholders = ids;
    }

    /**
     * What an object's content leads the walk to: child pages and databases, with the title their block shows,
     * linked pages and databases, and mentions. A pure function of the content, so the export state can keep it
     * with the checkpoint ({@link ExportState#walk(String)}) and a rerun need not read the snapshot again.
     */
    List<ExportState.Found> found(PageExport export) {
        List<ExportState.Found> found = new ArrayList<>();
        List<Work> mentioned = new ArrayList<>();
        for (Block block : export.blocks()) {
            JsonNode content = block.content();
            switch (block.type()) {
                case "child_page" -> found.add(new ExportState.Found(
                        new Work.PageWork(block.id(), null, Work.Origin.CHILD), content.path("title").asText("")));
                case "child_database" -> found.add(new ExportState.Found(
                        new Work.DatabaseWork(block.id(), Work.Origin.CHILD, export.id()),
                        content.path("title").asText("")));
                case "link_to_page" -> {
                    if (content.hasNonNull("page_id")) {
                        mentioned.add(new Work.PageWork(content.get("page_id").asText(), null,
                                Work.Origin.REFERENCE));
                    } else if (content.hasNonNull("database_id")) {
                        mentioned.add(new Work.DatabaseWork(content.get("database_id").asText(),
                                Work.Origin.REFERENCE));
                    }
                }
                default -> {
                }
            }
            mentions(block.content(), mentioned);
            mentioned.forEach(work -> found.add(new ExportState.Found(work, "")));
            mentioned.clear();
        }
        mentions(export.source().json().path("properties"), mentioned);
        mentioned.forEach(work -> found.add(new ExportState.Found(work, "")));
        return found;
    }

    /** Queues what the walk met in an object, as {@link #found} tells it, minus what needs no fetch. */
    void queue(List<ExportState.Found> met) {
        List<Work> found = new ArrayList<>(met.size());
        for (ExportState.Found next : met) {
            if (next.work().origin() == Work.Origin.CHILD) {
                run.names().assignHint(next.work().id(), next.hint());
            }
            found.add(next.work());
        }
        // references to objects already exported are common (mentions, links): drop them before they wait in the queue;
        // a subtree export leaves out what it only refers to, which stays a link to Notion
        // an export limited to named objects walks nothing below them
        found.removeIf(work -> !spec.only().isEmpty() || queue.visited(work.id())
                || work.origin() == Work.Origin.REFERENCE && spec.subtreeOnly()
                // a page a listing returned comes with its object: never fetched by id
                // a database waits for the end of search on a rerun, which tells whether it changed
                || !index.fetchNow(work));
        if (!found.isEmpty()) {
            queue.add(Flux.fromIterable(found));
        }
    }

    private void mentions(JsonNode node, List<Work> found) {
        if (spec.subtreeOnly()) {
            // nothing mentioned is exported, so nothing mentioned gets a file name either
            return;
        }
        if (node.isObject()) {
            JsonNode mention = node.get("mention");
            if ("mention".equals(node.path("type").asText()) && mention != null) {
                String type = mention.path("type").asText();
                String id = mention.path(type).path("id").asText("");
                // no name from the mention's text: it may differ from the title, and which mention comes first
                // depends on the crawl; the object names itself when it is fetched
                if (!id.isEmpty() && "page".equals(type)) {
                    found.add(new Work.PageWork(id, null, Work.Origin.REFERENCE));
                } else if (!id.isEmpty() && "database".equals(type)) {
                    found.add(new Work.DatabaseWork(id, Work.Origin.REFERENCE));
                }
                return;
            }
            ((ObjectNode) node).elements().forEachRemaining(child -> mentions(child, found));
        } else if (node.isArray()) {
            node.forEach(child -> mentions(child, found));
        }
    }

    /**
     * The linked-database placeholders the previous run made from the blocks of a leftover page: they have no
     * snapshot of their own, so they are made again from the blocks, each one this run has not exported already.
     */
    List<PageExport> linkedDatabases(PageExport page) {
        List<PageExport> found = new ArrayList<>();
        for (Block block : page.blocks()) {
            String id = FileNames.normalizeId(block.id());
            if ("child_database".equals(block.type()) && placeholders.contains(id) && !run.foundIds().contains(id)
                    && state.entry(id).isEmpty()) {
                run.late(id);
                run.names().assignHint(block.id(), block.content().path("title").asText(""));
                found.add(LinkedDatabase.placeholder(new Work.DatabaseWork(block.id(), Work.Origin.CHILD, page.id()),
                        run.names()));
            }
        }
        return found;
    }
}
