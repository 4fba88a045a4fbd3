package dev.notionsync.core.export;

import dev.notionsync.core.model.Page;

import java.util.List;

/** One object the crawl still has to fetch and export. Holds ids, plus the page itself when a listing gave it. */
sealed interface Work {

    /** How the object was found; decides whether a 404 is a failure or an expected gap. */
    enum Origin {
        /** Returned by search, or named as a root. */
        LISTED,
        /** A child page or child database block, or a row of a data source. */
        CHILD,
        /** A link_to_page block or a mention; may point outside what the token can see. */
        REFERENCE
    }

    String id();

    Origin origin();

    /** A page or row; {@code page} is null when only the id is known. */
    record PageWork(String id, Page page, Origin origin) implements Work {
    }

    /**
     * A database (container of data sources).
     *
     * @param id the database id
     * @param origin how it was found
     * @param parentId for a child database block, the page it sits in; else null
     */
    record DatabaseWork(String id, Origin origin, String parentId) implements Work {

        DatabaseWork(String id, Origin origin) {
            this(id, origin, null);
        }
    }

    /**
     * Objects handed to the writers from their snapshots after the crawl, one after the other in this order, without
     * a request.
     *
     * @param ids the object ids
     * @param reemitted whether the writers saw them earlier in this run (their links are rewritten); else they are
     *     objects of the previous run that this run did not export, replayed so the aggregate files keep them
     */
    record Replays(List<String> ids, boolean reemitted) implements Work {

        @Override
        public String id() {
            return "";
        }

        @Override
        public Origin origin() {
            return Origin.LISTED;
        }
    }
}
