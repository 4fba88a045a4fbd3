package dev.notionsync.core;

import java.util.Objects;
import java.util.Optional;

/**
 * An error answered by the Notion API or met on the way to it.
 *
 * <p>Two subclasses only: {@link NotionTransientException} (worth retrying: rate limits, overload, 5xx, timeouts,
 * connection resets) and {@link NotionNonTransientException} (never retried: 400, 401, 403, 404). Messages never
 * contain the token.
 *
 * @since 0.1
 */
public abstract class NotionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String requestId;
    private final String endpoint;
    private final FailureKind kind;

    NotionException(String message, FailureKind kind, int status, String code, String requestId, String endpoint,
            Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.code = code;
        this.requestId = requestId;
        this.endpoint = endpoint;
    }

    /**
     * Returns what kind of failure this is: decided once, where the failure was met, from the HTTP status, Notion's
     * error code and message, or the I/O failure. Switch on this rather than on {@link #status()} or the message.
     *
     * @return the kind
     * @since 0.2
     */
    public FailureKind kind() {
        return kind;
    }

    /**
     * Returns the HTTP status, or 0 when no response arrived (timeout, connection reset).
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * Returns Notion's error {@code code}, for instance {@code object_not_found}; for errors without a Notion body it
     * is {@code http_<status>}, {@code timeout}, {@code connection_error}, {@code unknown_host} or
     * {@code tls_handshake}.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * Returns Notion's {@code request_id}, useful when asking Notion support about a failure.
     *
     * @return the request id, if the response carried one
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Returns the endpoint template the failed request went to, for instance {@code GET /v1/blocks/{id}/children}.
     *
     * @return the endpoint
     */
    public String endpoint() {
        return endpoint;
    }
}
