package dev.notionsync.core.export;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Dense numbers for the object ids of one export, 0, 1, 2, … in the order the ids are first met. A run keeps many
 * facts per object for its whole length (listed, found, exported, written, …); kept as {@link IdSet bits} over these
 * numbers they cost a bit each, where a hash set of strings costs a node, a table slot and, for an id no other set
 * holds, its string: about 40 bytes an id and a set, which made the heap grow with the workspace.
 *
 * <p>An id of 32 hex digits (Notion's, with or without dashes, in either case) is kept as two longs: 24 bytes with
 * its slot. Any other string (never from Notion, but an answer is not trusted) is kept as it is, in
 * {@link FileNames#normalizeId} form. Thread-safe.
 */
final class IdTable {

    /** Returned by {@link #find} for an id never numbered. */
    static final int UNKNOWN = -1;

    /** Open addressing over the numbers of hex ids, plus one (0 is a free slot); at most half full. */
    private int[] slots = new int[1024];
    private long[] high = new long[512];
    private long[] low = new long[512];
    private int size;
    private final Map<String, Integer> others = new HashMap<>();

    /**
     * Returns an id's number, giving it the next one if it has none.
     *
     * @param id an id in any of Notion's forms
     * @return its number
     */
    synchronized int number(String id) {
        if (!isHex(id)) {
            return others.computeIfAbsent(FileNames.normalizeId(id), key -> next(0, 0));
        }
        long hi = half(id, 0);
        long lo = half(id, 16);
        int slot = slot(hi, lo);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        int number = next(hi, lo);
        slots[slot] = number + 1;
        if (size * 2 > slots.length) {
            rehash();
        }
        return number;
    }

    /**
     * Returns an id's number without giving it one.
     *
     * @param id an id in any of Notion's forms
     * @return its number, or {@link #UNKNOWN}
     */
    synchronized int find(String id) {
        if (!isHex(id)) {
            Integer number = others.get(FileNames.normalizeId(id));
            return number == null ? UNKNOWN : number;
        }
        return slots[slot(half(id, 0), half(id, 16))] - 1;
    }

    /** How many ids are numbered: every number is below it. */
    synchronized int size() {
        return size;
    }

    private int next(long hi, long lo) {
        if (size == high.length) {
            high = Arrays.copyOf(high, size * 2);
            low = Arrays.copyOf(low, size * 2);
        }
        high[size] = hi;
        low[size] = lo;
        return size++;
    }

    private int slot(long hi, long lo) {
        int mask = slots.length - 1;
        // every bit of both halves reaches the low bits the mask keeps (MurmurHash3's finalizer): ids that differ in
        // a few middle digits only (sequential ones, as some workspaces' are) would otherwise share long probe runs
        long mixed = hi * 0x9E3779B97F4A7C15L + lo;
        mixed = (mixed ^ (mixed >>> 33)) * 0xFF51AFD7ED558CCDL;
        mixed = (mixed ^ (mixed >>> 33)) * 0xC4CEB9FE1A85EC53L;
        int slot = (int) (mixed ^ (mixed >>> 33)) & mask;
        while (slots[slot] != 0 && (high[slots[slot] - 1] != hi || low[slots[slot] - 1] != lo)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash() {
        int[] old = slots;
        slots = new int[old.length * 2];
        for (int entry : old) {
            if (entry != 0) {
                slots[slot(high[entry - 1], low[entry - 1])] = entry;
            }
        }
    }

    /**
     * Whether an id is 32 hex digits, dashes aside (Notion's two forms; {@link FileNames#normalizeId} strips every
     * dash, so this does too).
     */
    static boolean isHex(String id) {
        int length = id.length();
        if (length != 32 && length != 36) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            if (c == '-') {
                continue;
            }
            if (digits == 32 || Character.digit(c, 16) < 0 || c > 'f') {
                return false;
            }
            digits++;
        }
        return digits == 32;
    }

    /**
     * The value of 16 hex digits of an id that {@link #isHex} accepts, from its {@code from}-th digit on.
     *
     * @param id the id, with or without dashes
     * @param from 0 for the high half, 16 for the low one
     */
    static long half(String id, int from) {
        long value = 0;
        int digit = 0;
        for (int i = 0; i < id.length() && digit < from + 16; i++) {
            char c = id.charAt(i);
            if (c == '-') {
                continue;
            }
            if (digit++ >= from) {
                value = value << 4 | Character.digit(c, 16);
            }
        }
        return value;
    }
}
