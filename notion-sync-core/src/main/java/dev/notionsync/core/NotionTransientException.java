package dev.notionsync.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may succeed when tried again: 429 {@code rate_limited}, 529 {@code service_overload}, 409, 500,
 * 502, 503, 504, a timeout or a connection reset. The client retries these itself; callers see one only when the
 * retries are used up.
 *
 * @since 0.1
 */
public final class NotionTransientException extends NotionException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;
    private final String rateLimitReason;

    NotionTransientException(String message, FailureKind kind, int status, String code, String requestId,
            String endpoint, Duration retryAfter, String rateLimitReason, Throwable cause) {
        super(message, kind, status, code, requestId, endpoint, cause);
        this.retryAfter = retryAfter;
        this.rateLimitReason = rateLimitReason;
    }

    /**
     * Returns the wait Notion asked for with {@code Retry-After}.
     *
     * @return the wait, present on 429 and 529 answers that carried the header
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Returns whether Notion asked us to slow down (429 or 529), as opposed to a server or network fault.
     *
     * @return {@code true} for rate limiting and overload
     */
    public boolean isThrottling() {
        return kind() == FailureKind.THROTTLED;
    }

    /**
     * Returns {@code additional_data.rate_limit_reason} of a 429, or the error code when there is none.
     *
     * @return the reason, for instance {@code public_api_request_rate_limit}
     */
    public String rateLimitReason() {
        return rateLimitReason != null ? rateLimitReason : code();
    }
}
