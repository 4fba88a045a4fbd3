package dev.notionsync.core.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the listings of this run returned (search, 100 objects a request, and data-source queries, 100 rows a
 * request), kept compactly: per object whether it was listed and whether the export state holds it with the same
 * {@code last_edited_time}, two bits over the run's {@link IdTable} (whose numbers cost some 30 bytes an id), so a
 * 50,000-page workspace costs a few megabytes whatever its content.
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

    /** Every object a listing returned, and those of them the export state holds with the same edit time. */
    private final IdSet listed;
    private final IdSet unchanged;
    private long changed;

    /** Pages the walk met before search listed them, and databases met while search is read, in the order met. */
    private final Map<String, Work> waiting = new LinkedHashMap<>();
    /** Pages only a link or a mention led to after search ended, unlisted so far, in the order met. */
    private final Map<String, Work> referenced = new LinkedHashMap<>();
    private boolean searching;
    private boolean searched;
    private boolean databasesWait;

    /** @param ids the numbers of the run's ids, which the sets of listed ids are kept over */
    Listing(IdTable ids) {
        this.listed = new IdSet(ids);
        this.unchanged = new IdSet(ids);
    }

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
    synchronized void add(String id, boolean changed) {
        listed.add(id);
        if (changed) {
            this.changed++;
            unchanged.remove(id);
        } else {
            unchanged.add(id);
        }
    }

    /** Whether a listing of this run returned the object. */
    synchronized boolean contains(String id) {
        return listed.contains(id);
    }

    /** Whether a listing of this run returned the object with the edit time the export state holds. */
    synchronized boolean listedUnchanged(String id) {
        return unchanged.contains(id);
    }

    /** Whether search was read to its end (or gave up). */
    synchronized boolean searched() {
        return searched;
    }

    /** Objects the listings returned. */
    synchronized long count() {
        return listed.size();
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
}
