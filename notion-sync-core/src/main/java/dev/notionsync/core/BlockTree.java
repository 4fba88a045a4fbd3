package dev.notionsync.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Block;
import reactor.core.publisher.Flux;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The walk of a block tree: depth first in document order, bounded in depth and safe against cycles. It is
 * iterative ({@code expandDeep}), so a tree nested thousands of levels deep costs no stack, and it never descends
 * below {@code maxDepth} levels. A block met a second time at the same place of the tree (a block that lists itself
 * as its child, any cycle of blocks, a synced block whose content holds a copy of itself) is not emitted or
 * descended again. What the walk leaves out is handed to a {@link Gap} consumer, so the caller can report it.
 *
 * <p>Meeting notes keep their summary, notes and transcript under blocks of their own, named by
 * {@link Block#meetingNotesParts()}: below a meeting-notes block the walk reads the children of each part block (one
 * listing per part), one level deeper than the meeting notes, instead of the block's own children. A part Notion
 * does not find or refuses (404, 403; a transcript may not be readable) is left out as a gap, and the rest goes on.
 *
 * <pre>{@code
 * Flux<Block> tree = BlockTree.walk(notion.children(pageId), notion::expandChildren, 64,
 *         gap -> System.err.println(gap.reason() + " at " + gap.block().id()));
 * }</pre>
 *
 * @since 0.1
 */
public final class BlockTree {

    /** Levels of blocks a walk descends by default; Notion's editor nests far less deep. */
    public static final int DEFAULT_MAX_DEPTH = 256;
    /** The reason of a gap left by the depth bound: the block's children were not read. */
    public static final String TOO_DEEP = "too_deep";
    /** The reason of a gap left by a cycle: the block was met before at the same place, and is left out. */
    public static final String CYCLE = "block_cycle";
    /** The reason of a gap left by a part of meeting notes that Notion does not find (404): the part is left out. */
    public static final String UNSHARED = "unshared";
    /** The reason of a gap left by a part of meeting notes that Notion refuses (403): the part is left out. */
    public static final String FORBIDDEN = "forbidden";

    private BlockTree() {
    }

    /**
     * What a walk left out.
     *
     * @param block the block whose children were not read ({@link #TOO_DEEP}; {@link #UNSHARED} and
     *     {@link #FORBIDDEN} for the block standing for a part of meeting notes) or that was met again
     *     ({@link #CYCLE})
     * @param reason {@link #TOO_DEEP}, {@link #CYCLE}, {@link #UNSHARED} or {@link #FORBIDDEN}
     * @param message a human-readable explanation
     * @since 0.1
     */
    public record Gap(Block block, String reason, String message) {

        /**
         * Checks the components.
         *
         * @throws NullPointerException if a component is {@code null}
         */
        public Gap {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Walks a tree. {@code children} gives the children of a block one level deeper; it is asked only for blocks
     * above the depth bound, one block at a time, when downstream demand reaches them. Each subscription walks
     * afresh.
     *
     * @param top the blocks of the first level, at depth 0
     * @param children the children of a block (for a synced-block copy, its original's), at the block's depth + 1;
     *     for a part of meeting notes it is given a block that stands for the part: the part's id, with children,
     *     at the meeting notes' depth
     * @param maxDepth how many levels of blocks are emitted, 1 or more
     * @param gaps told of every block left out or not descended; called on the walk's thread, so keep it short
     * @return every block of the tree in document order, each once per place
     * @throws IllegalArgumentException if {@code maxDepth} is less than 1
     */
    public static Flux<Block> walk(Flux<Block> top, Function<Block, ? extends Flux<Block>> children, int maxDepth,
            Consumer<Gap> gaps) {
        Objects.requireNonNull(top, "top");
        Objects.requireNonNull(children, "children");
        Objects.requireNonNull(gaps, "gaps");
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
        }
        return Flux.defer(() -> {
            Walk walk = new Walk(children, maxDepth, gaps);
            return top.filter(block -> walk.firstTime(null, block))
                    .map(block -> new Node(block, null, ""))
                    .expandDeep(walk::expand)
                    .map(Node::block);
        });
    }

    /**
     * A block at its place: its parent node, and the synced block through which it was reached ("" for none), so
     * the same synced content may appear under two copies while a block met twice under one of them is a cycle.
     */
    private record Node(Block block, Node parent, String context) {

        String source() {
            return block.syncedFrom().orElse(block.id());
        }
    }

    /** The state of one subscription. */
    private static final class Walk {

        private final Function<Block, ? extends Flux<Block>> children;
        private final int maxDepth;
        private final Consumer<Gap> gaps;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        Walk(Function<Block, ? extends Flux<Block>> children, int maxDepth, Consumer<Gap> gaps) {
            this.children = children;
            this.maxDepth = maxDepth;
            this.gaps = gaps;
        }

        Flux<Node> expand(Node node) {
            Block block = node.block();
            Map<String, String> parts = block.meetingNotesParts();
            if (!block.hasChildren() && parts.isEmpty() || block.isChildObject()) {
                return Flux.empty();
            }
            if (block.depth() + 1 >= maxDepth) {
                gaps.accept(new Gap(block, TOO_DEEP, "block " + block.id() + " is nested " + (block.depth() + 1)
                        + " levels deep; the " + maxDepth + "-level bound keeps its children out"));
                return Flux.empty();
            }
            String source = node.source();
            for (Node above = node.parent(); above != null; above = above.parent()) {
                if (above.source().equals(source)) {
                    gaps.accept(new Gap(block, CYCLE, "block " + block.id() + " holds " + source
                            + ", which also holds it: its content is exported once"));
                    return Flux.empty();
                }
            }
            String context = "synced_block".equals(block.type()) ? block.id() : node.context();
            Flux<Block> below = parts.isEmpty() ? Flux.defer(() -> children.apply(block))
                    : Flux.fromIterable(parts.entrySet()).concatMap(part -> part(block, part.getKey(), part.getValue()));
            return below
                    .filter(child -> firstTime(context, child))
                    .map(child -> new Node(child, node, context));
        }

        /** The content of one part of meeting notes; a part that is not readable is reported and left out. */
        private Flux<Block> part(Block meeting, String name, String id) {
            ObjectNode json = meeting.json().objectNode().put("object", "block").put("id", id)
                    .put("type", "meeting_notes_part").put("has_children", true);
            json.putObject("parent").put("type", "block_id").put("block_id", meeting.id());
            Block part = new Block(json, meeting.depth());
            return Flux.defer(() -> children.apply(part))
                    .onErrorResume(error -> error instanceof NotionNonTransientException notion
                            && (notion.isNotFound() || notion.status() == 403), error -> {
                                int status = ((NotionNonTransientException) error).status();
                                gaps.accept(new Gap(part, status == 403 ? FORBIDDEN : UNSHARED, "the " + name
                                        + " of meeting notes " + meeting.id() + " (block " + id
                                        + ") is not readable and is left out: " + error.getMessage()));
                                return Flux.empty();
                            });
        }

        /** Whether the block is new at its place; a repeat is reported and dropped. */
        boolean firstTime(String context, Block block) {
            if (seen.add((context == null ? "" : context) + '/' + block.id().replace("-", ""))) {
                return true;
            }
            gaps.accept(new Gap(block, CYCLE, "block " + block.id()
                    + " is listed twice in one tree (it lists itself, or a cycle leads back to it); exported once"));
            return false;
        }
    }
}
