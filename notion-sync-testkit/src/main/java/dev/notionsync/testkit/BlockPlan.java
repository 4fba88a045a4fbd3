package dev.notionsync.testkit;

/**
 * The shape of one generated page's content: block types and nesting in document order, computed in O(n)
 * from the seed and the page index. Local index {@code k} names block {@code k} of the page.
 */
final class BlockPlan {

    static final byte PARAGRAPH = 0;
    static final byte HEADING_2 = 1;
    static final byte HEADING_3 = 2;
    static final byte BULLETED = 3;
    static final byte NUMBERED = 4;
    static final byte TO_DO = 5;
    static final byte TOGGLE = 6;
    static final byte QUOTE = 7;
    static final byte CALLOUT = 8;
    static final byte CODE = 9;
    static final byte DIVIDER = 10;
    static final byte IMAGE = 11;
    static final byte PDF = 12;
    static final byte FILE = 13;
    static final byte BOOKMARK = 14;
    static final byte SYNCED_ORIGINAL = 15;
    static final byte SYNCED_COPY = 16;
    static final byte HEADING_1 = 17;

    private static final byte[] TOP = {PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH,
        HEADING_1, HEADING_2, HEADING_2, HEADING_3, BULLETED, BULLETED, BULLETED, NUMBERED, NUMBERED, TO_DO, TO_DO,
        TOGGLE, TOGGLE, QUOTE, CALLOUT, CODE, DIVIDER, BOOKMARK};
    private static final byte[] NESTED = {PARAGRAPH, BULLETED, BULLETED, NUMBERED, TO_DO, TOGGLE};

    final int page;
    final int size;
    private final byte[] type;
    private final int[] parent;
    private final int[] childStart;
    private final int[] childList;
    private int next;

    private BlockPlan(int page, int size) {
        this.page = page;
        this.size = size;
        this.type = new byte[size];
        this.parent = new int[size];
        this.childStart = new int[size + 2];
        this.childList = new int[size];
    }

    static BlockPlan of(long seed, int page, int blocks, int files, boolean syncedOriginal, boolean syncedCopy) {
        int size = blocks + (syncedOriginal ? 3 : 0) + (syncedCopy ? 1 : 0);
        BlockPlan plan = new BlockPlan(page, size);
        while (plan.next < blocks) {
            plan.emit(seed, -1, 0, blocks);
        }
        if (syncedOriginal) {
            int original = plan.next;
            plan.set(original, SYNCED_ORIGINAL, -1);
            plan.set(original + 1, PARAGRAPH, original);
            plan.set(original + 2, BULLETED, original);
        }
        if (syncedCopy) {
            plan.set(plan.next, SYNCED_COPY, -1);
        }
        plan.index();
        plan.placeFiles(files, blocks);
        return plan;
    }

    private void emit(long seed, int par, int depth, int limit) {
        long h = Hash.of(seed, 0x626c6bL, page, next);
        byte t = depth == 0 ? TOP[Hash.below(h, TOP.length)] : NESTED[Hash.below(h, NESTED.length)];
        int me = next;
        set(me, t, par);
        boolean container = t == BULLETED || t == NUMBERED || t == TOGGLE || t == TO_DO;
        if (container && depth < 2 && next < limit && Hash.below(h >>> 20, 3) == 0) {
            int count = 1 + Hash.below(h >>> 24, 3);
            for (int j = 0; j < count && next < limit; j++) {
                emit(seed, me, depth + 1, limit);
            }
        }
    }

    private void set(int k, byte t, int par) {
        type[k] = t;
        parent[k] = par;
        next = k + 1;
    }

    private void index() {
        // Compressed sparse rows: children of k live in childList[childStart[k]..childStart[k+1]); slot size is top level.
        int[] counts = new int[size + 1];
        for (int k = 0; k < size; k++) {
            counts[slot(parent[k])]++;
        }
        for (int s = 0; s <= size; s++) {
            childStart[s + 1] = childStart[s] + counts[s];
        }
        int[] fill = new int[size + 1];
        for (int k = 0; k < size; k++) {
            int s = slot(parent[k]);
            childList[childStart[s] + fill[s]++] = k;
        }
    }

    private void placeFiles(int files, int blocks) {
        int[] top = children(-1);
        int leaves = 0;
        int[] candidates = new int[top.length];
        for (int k : top) {
            if (k < blocks && childCount(k) == 0) {
                candidates[leaves++] = k;
            }
        }
        int count = Math.min(files, leaves);
        for (int j = 0; j < count; j++) {
            int k = candidates[(int) ((long) j * leaves / count)];
            type[k] = j % 3 == 0 ? IMAGE : j % 3 == 1 ? PDF : FILE;
        }
    }

    private int slot(int k) {
        return k < 0 ? size : k;
    }

    byte type(int k) {
        return type[k];
    }

    int parent(int k) {
        return parent[k];
    }

    int childCount(int k) {
        int s = slot(k);
        return childStart[s + 1] - childStart[s];
    }

    /** Children of block {@code k} in document order; {@code k = -1} gives the page's top-level blocks. */
    int[] children(int k) {
        int s = slot(k);
        int[] out = new int[childStart[s + 1] - childStart[s]];
        System.arraycopy(childList, childStart[s], out, 0, out.length);
        return out;
    }

    static boolean isFile(byte t) {
        return t == IMAGE || t == PDF || t == FILE;
    }
}
