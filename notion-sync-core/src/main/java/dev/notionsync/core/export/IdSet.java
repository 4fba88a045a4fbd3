package dev.notionsync.core.export;

import java.util.BitSet;

/**
 * A set of object ids kept as one bit an id over the run's {@link IdTable}: a run holds a dozen such sets for its
 * whole length, each about as large as the workspace. Ids compare as {@link FileNames#normalizeId} does (dashes and
 * case aside). Thread-safe.
 */
final class IdSet {

    private final IdTable ids;
    private final BitSet members = new BitSet();
    private int size;

    IdSet(IdTable ids) {
        this.ids = ids;
    }

    /** Adds an id; returns whether it was not in the set. */
    synchronized boolean add(String id) {
        int number = ids.number(id);
        if (members.get(number)) {
            return false;
        }
        members.set(number);
        size++;
        return true;
    }

    /** Whether the set holds an id. */
    synchronized boolean contains(String id) {
        int number = ids.find(id);
        return number != IdTable.UNKNOWN && members.get(number);
    }

    /** Removes an id; returns whether the set held it. */
    synchronized boolean remove(String id) {
        int number = ids.find(id);
        if (number == IdTable.UNKNOWN || !members.get(number)) {
            return false;
        }
        members.clear(number);
        size--;
        return true;
    }

    synchronized int size() {
        return size;
    }

    synchronized boolean isEmpty() {
        return size == 0;
    }

    /** Removes every id (their numbers stay in the table). */
    synchronized void clear() {
        members.clear();
        size = 0;
    }
}
