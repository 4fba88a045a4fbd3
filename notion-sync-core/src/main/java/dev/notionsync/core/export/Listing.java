package dev.notionsync.core.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the listings of this run returned (search, 100 objects a request, and data-source queries, 100 rows a
 * request), kept compactly: per object its id, {@code last_edited_time}, kind and parent, about 50 bytes, in an
 * open-addressing table of primitive arrays, so a 50,000-page workspace costs a few megabytes whatever its content.
 *
 * <p>It lets the crawl avoid fetching what a listing returns: while search is still being read, a page the walk meets
 * (a child page, a link, a mention) that search has not listed yet waits here, by id, instead of being fetched;
 * once search is read to its end (or gave up), the pages it did not list are handed back to be fetched, and the
 * others arrive with their listed object, so none is fetched twice. On a rerun databases wait the same way: whether
 * one changed is told by its data sources as search lists them, which is known only once search is read. A page only
 * a link or a mention leads to (often a row, which search does not list but its query does) waits until the crawl
 * runs dry, so whether it is fetched by id does not depend on how far the queries got.
 */
final class Listing {

    /** What a listed id names. */
    enum Kind { PAGE, ROW, DATA_SOURCE }

    private static final long EMPTY = 0L;
    /** Set in {@link #kinds} beside the kind: the export state did not hold the object with this edit time. */
    private static final byte CHANGED = 0x10;

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private long[] parentHigh = new long[1024];
    private long[] parentLow = new long[1024];
    private long[] edited = new long[1024];
    private byte[] kinds = new byte[1024];
    private int size;
    /** Ids that are not 32 hex digits (never from Notion, but a listing is not trusted): kept as they are. */
    private final Set<String> odd = ConcurrentHashMap.newKeySet();
    private long changed;

    /** Pages the walk met before search listed them, and databases met while search is read, in the order met. */
    private final Map<String, Work> waiting = new LinkedHashMap<>();
    /** Pages only a link or a mention led to after search ended, unlisted so far, in the order met. */
    private final Map<String, Work> referenced = new LinkedHashMap<>();
    private boolean searching;
    private boolean searched;
    private boolean databasesWait;

    /**
     * Marks search as being read: from now on until {@link #searchDone()} pages the walk meets wait.
     *
     * @param databasesWait whether databases wait too (a rerun, which may replay them without a request)
     */
    synchronized void searchStarted(boolean databasesWait) {
        searching = true;
        this.databasesWait = databasesWait;
    }

    /**
     * Records a listed object.
     *
     * @param changed whether the export state holds it with another edit time (or not at all)
     */
    synchronized void add(String id, Kind kind, Instant lastEdited, String parent, boolean changed) {
        String key = FileNames.normalizeId(id);
        if (changed) {
            this.changed++;
        }
        if (!isHex(key)) {
            odd.add(key);
            return;
        }
        if ((size + 1) * 2 > high.length) {
            grow();
        }
        long hi = Long.parseUnsignedLong(key.substring(0, 16), 16);
        long lo = Long.parseUnsignedLong(key.substring(16), 16);
        int slot = slot(hi, lo, high, low);
        if (high[slot] == EMPTY && low[slot] == EMPTY) {
            size++;
        }
        high[slot] = hi;
        low[slot] = lo;
        edited[slot] = lastEdited == null ? Long.MIN_VALUE : lastEdited.toEpochMilli();
        kinds[slot] = (byte) (kind.ordinal() | (changed ? CHANGED : 0));
        String parentKey = parent == null ? "" : FileNames.normalizeId(parent);
        parentHigh[slot] = isHex(parentKey) ? Long.parseUnsignedLong(parentKey.substring(0, 16), 16) : 0;
        parentLow[slot] = isHex(parentKey) ? Long.parseUnsignedLong(parentKey.substring(16), 16) : 0;
    }

    /** Whether a listing of this run returned the object. */
    synchronized boolean contains(String id) {
        String key = FileNames.normalizeId(id);
        if (!isHex(key)) {
            return odd.contains(key);
        }
        long hi = Long.parseUnsignedLong(key.substring(0, 16), 16);
        long lo = Long.parseUnsignedLong(key.substring(16), 16);
        int slot = slot(hi, lo, high, low);
        return high[slot] == hi && low[slot] == lo;
    }

    /** Whether a listing of this run returned the object with the edit time the export state holds. */
    synchronized boolean listedUnchanged(String id) {
        String key = FileNames.normalizeId(id);
        if (!isHex(key)) {
            return false;
        }
        long hi = Long.parseUnsignedLong(key.substring(0, 16), 16);
        long lo = Long.parseUnsignedLong(key.substring(16), 16);
        int slot = slot(hi, lo, high, low);
        return high[slot] == hi && low[slot] == lo && (kinds[slot] & CHANGED) == 0;
    }

    /** Whether search was read to its end (or gave up). */
    synchronized boolean searched() {
        return searched;
    }

    /** Objects the listings returned. */
    synchronized long count() {
        return size + odd.size();
    }

    /** Listed objects the export state did not hold with the same edit time: what this run has to fetch. */
    synchronized long changed() {
        return changed;
    }

    /**
     * Decides what to do with a page or database the walk met.
     *
     * @return true when it is to be fetched now; false when a listing returned it (it comes with its object) or it
     *     waits for search to end
     */
    synchronized boolean fetchNow(Work work) {
        if (work instanceof Work.DatabaseWork) {
            if (databasesWait && searching && !searched) {
                waiting.putIfAbsent(FileNames.normalizeId(work.id()), work);
                return false;
            }
            return true;
        }
        if (contains(work.id())) {
            return false;
        }
        if (searching && !searched) {
            waiting.putIfAbsent(FileNames.normalizeId(work.id()), work);
            return false;
        }
        if (work.origin() == Work.Origin.REFERENCE) {
            // a link or mention may name a row, which its data source's query lists, or a page the walk reaches
            // as a child later: fetched by id only if nothing else brought it by the time the crawl runs dry
            referenced.putIfAbsent(FileNames.normalizeId(work.id()), work);
            return false;
        }
        return true;
    }

    /**
     * The crawl ran dry: the pages only a link or a mention led to and that no listing returned, to be fetched now,
     * or null when there are none. Called by the queue each time it drains, so their own references follow.
     */
    synchronized List<Work> unlistedReferences() {
        List<Work> unlisted = new ArrayList<>();
        for (Work work : referenced.values()) {
            if (!contains(work.id())) {
                unlisted.add(work);
            }
        }
        referenced.clear();
        return unlisted.isEmpty() ? null : unlisted;
    }

    /**
     * Search is read (or gave up): the pages that waited and that it did not list, to be fetched, and the databases
     * that waited; pages only a link or a mention led to wait on for {@link #unlistedReferences()}.
     */
    synchronized List<Work> searchDone() {
        searched = true;
        List<Work> unlisted = new ArrayList<>();
        for (Work work : waiting.values()) {
            if (work instanceof Work.PageWork && work.origin() == Work.Origin.REFERENCE) {
                referenced.putIfAbsent(FileNames.normalizeId(work.id()), work);
            } else if (work instanceof Work.DatabaseWork || !contains(work.id())) {
                unlisted.add(work);
            }
        }
        waiting.clear();
        return unlisted;
    }

    private static boolean isHex(String key) {
        if (key.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = key.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return !key.equals("0".repeat(32));
    }

    private static int slot(long hi, long lo, long[] high, long[] low) {
        int mask = high.length - 1;
        // every bit of both halves reaches the low bits the mask keeps (MurmurHash3's finalizer): ids that differ in
        // a few middle digits only (sequential ones, as some workspaces' are) would otherwise share long probe runs
        long mixed = hi * 0x9E3779B97F4A7C15L + lo;
        mixed = (mixed ^ (mixed >>> 33)) * 0xFF51AFD7ED558CCDL;
        mixed = (mixed ^ (mixed >>> 33)) * 0xC4CEB9FE1A85EC53L;
        int slot = (int) (mixed ^ (mixed >>> 33)) & mask;
        while ((high[slot] != EMPTY || low[slot] != EMPTY) && (high[slot] != hi || low[slot] != lo)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int capacity = high.length * 2;
        long[] newHigh = new long[capacity];
        long[] newLow = new long[capacity];
        long[] newParentHigh = new long[capacity];
        long[] newParentLow = new long[capacity];
        long[] newEdited = new long[capacity];
        byte[] newKinds = new byte[capacity];
        for (int i = 0; i < high.length; i++) {
            if (high[i] != EMPTY || low[i] != EMPTY) {
                int slot = slot(high[i], low[i], newHigh, newLow);
                newHigh[slot] = high[i];
                newLow[slot] = low[i];
                newParentHigh[slot] = parentHigh[i];
                newParentLow[slot] = parentLow[i];
                newEdited[slot] = edited[i];
                newKinds[slot] = kinds[i];
            }
        }
        high = newHigh;
        low = newLow;
        parentHigh = newParentHigh;
        parentLow = newParentLow;
        edited = newEdited;
        kinds = newKinds;
    }
}
