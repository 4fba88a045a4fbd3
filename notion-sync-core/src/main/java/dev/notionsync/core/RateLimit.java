package dev.notionsync.core;

import java.util.Locale;

/**
 * How fast a {@link NotionClient} sends requests: a fixed budget per second, or an adaptive one that finds the
 * workspace's limit. Immutable; compare with {@link #equals(Object)}.
 *
 * <pre>{@code
 * NotionClientOptions.builder().token(token).rateLimit(RateLimit.adaptive()).build();
 * }</pre>
 *
 * <p>{@link #fixed(double) Fixed} paces every request of the client evenly at the given rate; Notion's documented
 * average of 3 requests per second is the default. {@link #adaptive() Adaptive} starts at 3 requests per second
 * and, while Notion answers without 429, raises the rate by a quarter every second; a 429 (or 529) makes it wait
 * out {@code Retry-After} like the fixed mode, then go on just below the rate Notion granted (the requests it
 * accepted, spread over the time they took plus the wait it asked for), probing past it once a minute or less.
 * It suits plans whose budget (a number of requests per 60-second window, sized by the plan, spent evenly or in
 * bursts) is larger than 3 per second; on a workspace that allows only 3 it costs the one 429 that finds the
 * limit, after which it stays at 3 and probes no more.
 *
 * @since 0.1
 */
public final class RateLimit {

    /** The rate the adaptive limit starts at: Notion's documented average per connection. */
    public static final double ADAPTIVE_START = 3;
    /** The adaptive limit never goes below this, however often Notion answers 429. */
    public static final double ADAPTIVE_MIN = 0.5;
    /** The adaptive limit never goes above this. */
    public static final double ADAPTIVE_MAX = 50;

    private static final RateLimit ADAPTIVE = new RateLimit(ADAPTIVE_START, true);

    private final double requestsPerSecond;
    private final boolean adaptive;

    private RateLimit(double requestsPerSecond, boolean adaptive) {
        this.requestsPerSecond = requestsPerSecond;
        this.adaptive = adaptive;
    }

    /**
     * Returns a fixed, even pace.
     *
     * @param requestsPerSecond requests per second; 0 turns the limiter off (for local servers only)
     * @return the rate limit
     * @throws IllegalArgumentException if negative, infinite or NaN
     */
    public static RateLimit fixed(double requestsPerSecond) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be 0 or more: " + requestsPerSecond);
        }
        return new RateLimit(requestsPerSecond, false);
    }

    /**
     * Returns the adaptive pace: starts at {@link #ADAPTIVE_START}, rises while Notion accepts every request, and
     * settles below the rate at which Notion answered 429, between {@link #ADAPTIVE_MIN} and {@link #ADAPTIVE_MAX}.
     *
     * @return the rate limit
     */
    public static RateLimit adaptive() {
        return ADAPTIVE;
    }

    /**
     * Parses {@code auto} (adaptive) or a number of requests per second (fixed), as the CLI's {@code --rate-limit}.
     *
     * @param text {@code auto}, or a number such as {@code 3} or {@code 2.5}
     * @return the rate limit
     * @throws IllegalArgumentException if the text is neither
     */
    public static RateLimit parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("auto")) {
            return adaptive();
        }
        try {
            return fixed(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate limit must be 'auto' or a number of requests per second: '"
                    + text + "'", e);
        }
    }

    /** @return whether the rate adapts to Notion's answers */
    public boolean isAdaptive() {
        return adaptive;
    }

    /** @return the fixed rate, or the rate the adaptive limit starts at; 0 means unlimited */
    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    /** @return whether requests are not limited at all */
    public boolean isUnlimited() {
        return !adaptive && requestsPerSecond == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RateLimit that && that.adaptive == adaptive
                && Double.compare(that.requestsPerSecond, requestsPerSecond) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(requestsPerSecond) * 31 + Boolean.hashCode(adaptive);
    }

    /** @return {@code auto}, or the fixed rate such as {@code 3 req/s} */
    @Override
    public String toString() {
        if (adaptive) {
            return "auto";
        }
        return (requestsPerSecond == Math.rint(requestsPerSecond) ? Long.toString((long) requestsPerSecond)
                : Double.toString(requestsPerSecond)) + " req/s";
    }
}
