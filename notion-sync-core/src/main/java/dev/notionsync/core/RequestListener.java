package dev.notionsync.core;

import reactor.util.context.ContextView;

import java.time.Duration;

/**
 * Observes the client's HTTP traffic: every answer, every retry, every throttling wait, every outage.
 *
 * <p>A listener reaches the client through the Reactor {@link reactor.util.context.Context} of the subscription,
 * under the key {@code RequestListener.class}, so two exports sharing one client each see only their own requests:
 * <pre>{@code
 * client.page(id).contextWrite(ctx -> ctx.put(RequestListener.class, myListener))
 * }</pre>
 * Callbacks run on network threads and must not block.
 *
 * @since 0.1
 */
public interface RequestListener {

    /** A listener that ignores everything. */
    RequestListener NONE = new RequestListener() {
    };

    /**
     * Called once per HTTP answer, including errors and 429s.
     *
     * @param endpoint the endpoint template, for instance {@code GET /v1/pages/{id}}
     * @param status the HTTP status, or 0 when no answer arrived
     */
    default void onResponse(String endpoint, int status) {
    }

    /**
     * Called before a failed request is tried again.
     *
     * @param endpoint the endpoint template
     * @param error the transient failure
     * @param wait how long the client waits before the next attempt
     */
    default void onRetry(String endpoint, NotionTransientException error, Duration wait) {
    }

    /**
     * Called when Notion asked the client to slow down (429 or 529); every request of the client waits.
     *
     * @param reason the rate-limit reason, for instance {@code public_api_request_rate_limit}
     * @param wait the wait
     */
    default void onThrottled(String reason, Duration wait) {
    }

    /**
     * Called when an adaptive rate limit moved ({@link RateLimit#adaptive()}): up after a run of accepted
     * requests, down after a 429.
     *
     * @param requestsPerSecond the client's new request budget per second
     */
    default void onRateChanged(double requestsPerSecond) {
    }

    /**
     * Called when Notion stopped answering (the last answers were all 5xx, resets or timeouts) and requests of this
     * listener are held back: nothing more is sent until a single probe request finds the API back. Called once per
     * outage, with the first request held.
     *
     * @param retryIn when the next probe is sent
     * @since 0.2
     */
    default void onOutageStarted(Duration retryIn) {
    }

    /**
     * Called when a probe during an outage failed too; the requests keep waiting.
     *
     * @param elapsed how long the outage has lasted
     * @param retryIn when the next probe is sent
     * @since 0.2
     */
    default void onOutageProbeFailed(Duration elapsed, Duration retryIn) {
    }

    /**
     * Called when an outage ended: a probe found the API back and the held requests go on, or the outage lasted
     * longer than {@link NotionClientOptions#maxOutage()} and they fail with {@link FailureKind#OUTAGE}.
     *
     * @param duration how long the outage lasted
     * @param heldRequests how many times requests of this listener were held back
     * @param recovered {@code true} when the API is back, {@code false} when the wait was given up
     * @since 0.2
     */
    default void onOutageEnded(Duration duration, long heldRequests, boolean recovered) {
    }

    /**
     * Returns the listener stored in a Reactor context, or {@link #NONE}.
     *
     * @param context the subscriber context
     * @return the listener
     */
    static RequestListener from(ContextView context) {
        return context.getOrDefault(RequestListener.class, NONE);
    }

    /**
     * Returns a listener that forwards every callback to both listeners.
     *
     * @param first the first listener
     * @param second the second listener
     * @return the combined listener
     */
    static RequestListener both(RequestListener first, RequestListener second) {
        if (first == NONE) {
            return second;
        }
        if (second == NONE) {
            return first;
        }
        return new RequestListener() {
            @Override
            public void onResponse(String endpoint, int status) {
                first.onResponse(endpoint, status);
                second.onResponse(endpoint, status);
            }

            @Override
            public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
                first.onRetry(endpoint, error, wait);
                second.onRetry(endpoint, error, wait);
            }

            @Override
            public void onThrottled(String reason, Duration wait) {
                first.onThrottled(reason, wait);
                second.onThrottled(reason, wait);
            }

            @Override
            public void onRateChanged(double requestsPerSecond) {
                first.onRateChanged(requestsPerSecond);
                second.onRateChanged(requestsPerSecond);
            }

            @Override
            public void onOutageStarted(Duration retryIn) {
                first.onOutageStarted(retryIn);
                second.onOutageStarted(retryIn);
            }

            @Override
            public void onOutageProbeFailed(Duration elapsed, Duration retryIn) {
                first.onOutageProbeFailed(elapsed, retryIn);
                second.onOutageProbeFailed(elapsed, retryIn);
            }

            @Override
            public void onOutageEnded(Duration duration, long heldRequests, boolean recovered) {
                first.onOutageEnded(duration, heldRequests, recovered);
                second.onOutageEnded(duration, heldRequests, recovered);
            }
        };
    }
}
