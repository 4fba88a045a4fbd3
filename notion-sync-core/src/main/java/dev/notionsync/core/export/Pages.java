package dev.notionsync.core.export;

import dev.notionsync.core.BlockTree;
import dev.notionsync.core.FailureKind;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Page;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;

/**
 * Assembles a page or row: its whole block tree (synced copies read once from their originals), completed property
 * values and comments; or its snapshot when it has not changed since the last run.
 */
final class Pages {

    private final NotionClient client;
    private final ExportSpec spec;
    private final ExportRun run;
    private final ExportState state;
    private final Properties properties;
    private final Users users;
    private final Discovery discovery;
    /**
     * Walks on from an unchanged page without its snapshot when it can ({@link Assembler#walkedOn}); true when it
     * did, and the page waits for the writers.
     */
    private final BiPredicate<String, Instant> walkedOn;
    /** The direct children of every block of synced content, read once per export whatever the copies. */
    private final Map<String, Mono<List<Block>>> syncedListings = new ConcurrentHashMap<>();
    /** Cleared at the first 403: a token without the read-comments capability is told once and not asked again. */
    private final AtomicBoolean commentsReadable = new AtomicBoolean(true);

    Pages(NotionClient client, ExportSpec spec, ExportRun run, ExportState state, Users users, Discovery discovery,
            Map<String, DataSource> fetchedSchemas, BiPredicate<String, Instant> walkedOn) {
        this.walkedOn = walkedOn;
        this.client = client;
        this.spec = spec;
        this.run = run;
        this.state = state;
        this.properties = new Properties(client, run, fetchedSchemas);
        this.users = users;
        this.discovery = discovery;
    }

    /**
     * A page with its complete content, or its snapshot when it has not changed since the last run; what it refers
     * to is queued when it is fetched.
     */
    Mono<Assembled> page(Work.PageWork work) {
        Instant fetchedAt = Instant.now();
        Mono<Page> fetched = work.page() != null ? Mono.just(work.page()) : client.page(work.id())
                .onErrorResume(error -> noLongerReadable(work, error), error -> {
                    // exported before and its own GET is refused now: deleted or unshared since, a removal
                    // candidate; the removal confirms it before moving anything aside
                    run.emit(new ExportEvent.Skipped(work.id(), Failures.reason(error), "no longer readable in Notion: "
                            + Failures.message(error)));
                    return Mono.empty();
                });
        return fetched.flatMap(page -> {
            if (page.inTrash()) {
                run.gone(page.id());
                run.emit(new ExportEvent.Skipped(page.id(), "in_trash", "page is in the trash"));
                return Mono.empty();
            }
            // only a hint: a listed title may be cut at 25 mentions; the checkpoint confirms the complete one
            run.names().assignHint(page.id(), page.title());
            Mono<Assembled> fresh = Mono.defer(() -> {
                AtomicBoolean gaps = new AtomicBoolean();
                return Mono.zip(properties.complete(page), tree(page.id(), gaps).collectList())
                        .flatMap(parts -> comments(page, parts.getT2())
                                .map(comments -> PageExport.ofPage(parts.getT1(), parts.getT2(), comments)))
                        .flatMap(export -> users.resolve(export).thenReturn(export))
                        .map(export -> {
                            // walked once: queued now, and kept with the checkpoint for the next run
                            List<ExportState.Found> found = discovery.found(export);
                            discovery.queue(found);
                            return new Assembled(export, true, fetchedAt, !gaps.get(), found);
                        });
            });
            if (walkedOn.test(page.id(), page.lastEditedTime().orElse(null))) {
                return Mono.empty();
            }
            return Assembled.unchanged(spec, state, page.id(), page.lastEditedTime().orElse(null))
                    .map(snapshot -> new Assembled(snapshot, false, fetchedAt))
                    .switchIfEmpty(fresh);
        });
    }

    /** A page or row known from an earlier run whose own GET is refused now (404 or 403). */
    private boolean noLongerReadable(Work.PageWork work, Throwable error) {
        return Failures.is(error, FailureKind.NOT_FOUND, FailureKind.FORBIDDEN)
                && state.entry(work.id()).filter(entry -> !"database".equals(entry.kind())).isPresent();
    }

    /**
     * The block tree of a page, depth first in document order, bounded in depth and safe against cycles. What it
     * leaves out is reported and sets {@code gaps}, so the page is not checkpointed as complete.
     */
    private Flux<Block> tree(String pageId, AtomicBoolean gaps) {
        Set<String> inSynced = ConcurrentHashMap.newKeySet();
        return BlockTree.walk(client.children(pageId, 0), block -> children(block, inSynced, gaps), spec.maxDepth(),
                gap -> {
                    gaps.set(true);
                    String message = "in page " + pageId + ": " + gap.message();
                    // too deep: content is missing (and child pages below it were not seen); a cycle repeats
                    // content that is exported once anyway; an unreadable part of meeting notes leaves the rest
                    run.emit(BlockTree.TOO_DEEP.equals(gap.reason())
                            ? new ExportEvent.PageFailed(gap.block().id(), ExportEvent.Reasons.TOO_DEEP, message)
                            : new ExportEvent.Skipped(gap.block().id(), gap.reason(), message));
                });
    }

    /**
     * The children of a block one level deeper. Synced content (below an original or a copy) is read once per
     * export from the original's ids. A block whose children are not shared (404) loses only those children.
     */
    private Flux<Block> children(Block block, Set<String> inSynced, AtomicBoolean gaps) {
        boolean synced = "synced_block".equals(block.type());
        String source = block.syncedFrom().orElse(block.id());
        Flux<Block> listing;
        if (synced || inSynced.contains(FileNames.normalizeId(block.id()))) {
            listing = syncedListings
                    .computeIfAbsent(FileNames.normalizeId(source), id -> client.children(source, 0).collectList()
                            .cache())
                    .flatMapIterable(list -> list)
                    .map(child -> child.withDepth(block.depth() + 1))
                    .doOnNext(child -> inSynced.add(FileNames.normalizeId(child.id())));
        } else {
            listing = client.children(source, block.depth() + 1);
        }
        return listing.onErrorResume(error -> error instanceof NotionNonTransientException notion
                && !notion.isUnauthorized() && (synced || notion.isNotFound()), error -> {
                    gaps.set(true);
                    run.emit(new ExportEvent.Skipped(block.id(), ExportEvent.Reasons.UNSHARED, (synced
                            ? "synced block original " + source : "the children of block " + block.id())
                            + " are not readable: " + error.getMessage()));
                    return Flux.empty();
                });
    }

    private Mono<List<Comment>> comments(Page page, List<Block> blocks) {
        if (spec.comments() == ExportSpec.Comments.NONE || !commentsReadable.get()) {
            return Mono.just(List.of());
        }
        // child pages and databases are objects of their own: their comments are exported with them
        Flux<Comment> blockComments = spec.comments() != ExportSpec.Comments.ALL ? Flux.empty()
                : Flux.fromIterable(blocks)
                        .filter(block -> !block.isChildObject())
                        .concatMap(block -> client.comments(block.id())
                                .onErrorResume(error -> error instanceof NotionNonTransientException notion
                                        && notion.isNotFound(), error -> Flux.empty()));
        return Flux.concat(client.comments(page.id()), blockComments)
                .collectList()
                .onErrorResume(error -> Failures.is(error, FailureKind.FORBIDDEN), error -> {
                    if (commentsReadable.getAndSet(false)) {
                        run.emit(new ExportEvent.Skipped("comments", ExportEvent.Reasons.FORBIDDEN,
                                "comments are not exported: the token lacks the read-comments capability"));
                    }
                    return Mono.just(List.of());
                });
    }
}
