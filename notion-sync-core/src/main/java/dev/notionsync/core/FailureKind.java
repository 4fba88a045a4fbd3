package dev.notionsync.core;

/**
 * What kind of failure a {@link NotionException} is. It is decided once, where the failure is met (the client's
 * error mapping for API answers, the download code for files), so everything downstream (the export's reasons, its
 * retries, the CLI's exit codes) switches on it instead of reading HTTP statuses or message text again.
 *
 * @since 0.2
 */
public enum FailureKind {

    /** 401: Notion refused the token. An export stops at once. */
    UNAUTHORIZED(false),
    /** 403: the token lacks a capability or a permission. */
    FORBIDDEN(false),
    /** 404: the object was deleted, or is not shared with the integration. */
    NOT_FOUND(false),
    /** A linked database (a view of a database elsewhere): the API can neither retrieve nor query it. */
    LINKED_DATABASE(false),
    /** Any other 4xx: Notion refused the request as it was. */
    BAD_REQUEST(false),
    /**
     * The API's host is not known, or no TLS session could be agreed with it (a refused certificate, https:// to a
     * port that speaks plain HTTP): nothing can be reached, and trying again would fail the same way.
     */
    UNREACHABLE(false),
    /**
     * The connection was refused (nothing listens on the port), reset, or closed before a complete answer arrived.
     */
    CONNECTION_FAILED(true),
    /** 429 {@code rate_limited} or 529 {@code service_overload}: Notion asked to slow down. */
    THROTTLED(true),
    /** 409 or 5xx: a fault on the server's side. */
    FAULT(true),
    /**
     * A timeout ran out: the connect timeout (no connection made), the read timeout (the server fell silent), the
     * request timeout (no complete answer), or DNS gave no answer. The message names which.
     */
    TIMEOUT(true),
    /**
     * The API failed every request (5xx, resets, timeouts) for longer than
     * {@link NotionClientOptions#maxOutage()}: the requests that waited for it to come back gave up. An export stops,
     * keeping what it wrote; a rerun resumes.
     *
     * @since 0.2
     */
    OUTAGE(true),
    /** A 2xx answer whose body breaks the shape its endpoint promises. */
    MALFORMED_RESPONSE(true),
    /** A listing handed out the same {@code next_cursor} twice. */
    CURSOR_LOOP(false),
    /** A file could not be downloaded from the file host (a refused URL, a refused redirect, a 4xx). */
    DOWNLOAD_FAILED(false),
    /** A file is larger than the configured limit, so it was not downloaded. */
    TOO_LARGE(false);

    private final boolean transientKind;

    FailureKind(boolean transientKind) {
        this.transientKind = transientKind;
    }

    /**
     * Returns whether a failure of this kind may succeed when tried again (after a wait): connection failures,
     * throttling, server faults, timeouts and malformed answers.
     *
     * @return {@code true} for the kinds that are retried
     */
    public boolean isTransient() {
        return transientKind;
    }
}
