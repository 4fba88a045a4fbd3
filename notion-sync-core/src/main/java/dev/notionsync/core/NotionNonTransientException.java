package dev.notionsync.core;

/**
 * A failure that will not change when tried again: 400, 401, 403, 404, an unknown host or a failed TLS handshake.
 * Never retried.
 *
 * @since 0.1
 */
public final class NotionNonTransientException extends NotionException {

    private static final long serialVersionUID = 1L;

    NotionNonTransientException(String message, FailureKind kind, int status, String code, String requestId,
            String endpoint, Throwable cause) {
        super(message, kind, status, code, requestId, endpoint, cause);
    }

    /**
     * Returns whether the token was refused (401). An export stops at once on this.
     *
     * @return {@code true} for 401
     */
    public boolean isUnauthorized() {
        return kind() == FailureKind.UNAUTHORIZED;
    }

    /**
     * Returns whether the object does not exist or is not shared with the integration (404).
     *
     * @return {@code true} for 404
     */
    public boolean isNotFound() {
        return kind() == FailureKind.NOT_FOUND;
    }

    /**
     * Returns whether the API could not be reached at all (unknown host, failed TLS handshake): no HTTP status.
     *
     * @return {@code true} when no answer came
     */
    public boolean isUnreachable() {
        return kind() == FailureKind.UNREACHABLE;
    }
}
