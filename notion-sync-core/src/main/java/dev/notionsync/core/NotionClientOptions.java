package dev.notionsync.core;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of a {@link NotionClient}. Build with {@link #builder()}; derive a variant with
 * {@link #mutate()}, which leaves this instance unchanged, so one instance can serve as a template.
 *
 * <pre>{@code
 * NotionClientOptions options = NotionClientOptions.builder()
 *         .token(System.getenv("NOTION_TOKEN"))
 *         .requestsPerSecond(3)
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class NotionClientOptions {

    /** The public API's base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.notion.com";
    /**
     * The API version sent by default. {@code 2026-03-11} and {@code 2025-09-03} work too. From 2026-12-01 on, list
     * answers carry only each page's title property unless the request names others, and a person's name may be
     * null; the export names every property of a data source's schema in its query.
     */
    public static final String DEFAULT_NOTION_VERSION = "2026-12-01";
    /** Notion's documented average limit per connection. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 3;
    /** Retries of a request after 5xx answers, timeouts and connection resets. */
    public static final int DEFAULT_MAX_RETRIES = 6;
    /** Retries of a request that Notion throttled with 429 or 529; each waits {@code Retry-After}. */
    public static final int DEFAULT_MAX_THROTTLE_RETRIES = 30;
    /** First backoff delay; it doubles per retry. */
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(500);
    /** Longest backoff delay between two attempts (a {@code Retry-After} may be longer). */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** TCP connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Time allowed for an answer; Notion itself gives up on a request after 60 seconds. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(70);
    /** Time allowed for one attempt from sending to the last byte of the answer, however steadily it trickles in. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);
    /** The longest {@code Retry-After} honoured; longer waits asked for are cut to this. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);
    /**
     * The longest outage of the API an export waits out: when every request has failed for that long, the waiting
     * requests fail with {@link FailureKind#OUTAGE}.
     */
    public static final Duration DEFAULT_MAX_OUTAGE = Duration.ofMinutes(30);
    /** The wait before the first probe of an outage; it doubles after each failed probe. */
    public static final Duration DEFAULT_OUTAGE_PROBE_INTERVAL = Duration.ofSeconds(2);
    /** The longest wait between two probes of an outage. */
    public static final Duration DEFAULT_MAX_OUTAGE_PROBE_INTERVAL = Duration.ofSeconds(30);
    /** Pooled connections to the API. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;

    private final String baseUrl;
    private final String token;
    private final String notionVersion;
    private final RateLimit rateLimit;
    private final int maxRetries;
    private final int maxThrottleRetries;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration requestTimeout;
    private final Duration maxRetryAfter;
    private final Duration maxOutage;
    private final Duration outageProbeInterval;
    private final Duration maxOutageProbeInterval;
    private final int maxConnections;
    private final String userAgent;
    private final MeterRegistry meterRegistry;

    private NotionClientOptions(Builder builder) {
        this.baseUrl = stripTrailingSlash(builder.baseUrl);
        this.token = builder.token;
        this.notionVersion = builder.notionVersion;
        this.rateLimit = builder.rateLimit;
        this.maxRetries = builder.maxRetries;
        this.maxThrottleRetries = builder.maxThrottleRetries;
        this.minBackoff = builder.minBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.connectTimeout = builder.connectTimeout;
        this.responseTimeout = builder.responseTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.maxRetryAfter = builder.maxRetryAfter;
        this.maxOutage = builder.maxOutage;
        this.outageProbeInterval = builder.outageProbeInterval;
        this.maxOutageProbeInterval = builder.maxOutageProbeInterval;
        this.maxConnections = builder.maxConnections;
        this.userAgent = builder.userAgent;
        this.meterRegistry = builder.meterRegistry;
    }

    /**
     * Returns a new builder with the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from this instance; building it leaves this instance unchanged.
     *
     * @return the builder
     */
    public Builder mutate() {
        return new Builder(this);
    }

    /** @return the API base URL, without trailing slash and without {@code /v1} */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the integration token or personal access token */
    public String token() {
        return token;
    }

    /** @return the {@code Notion-Version} header value */
    public String notionVersion() {
        return notionVersion;
    }

    /**
     * @return the request budget per second shared by every request (for an adaptive limit, the rate it starts
     *         at); 0 means unlimited
     */
    public double requestsPerSecond() {
        return rateLimit.requestsPerSecond();
    }

    /**
     * @return how requests are paced: fixed (the default, {@link #DEFAULT_REQUESTS_PER_SECOND}) or adaptive
     * @since 0.1
     */
    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** @return retries after faults (5xx, timeouts, resets) */
    public int maxRetries() {
        return maxRetries;
    }

    /** @return retries after 429 and 529 */
    public int maxThrottleRetries() {
        return maxThrottleRetries;
    }

    /** @return the first backoff delay */
    public Duration minBackoff() {
        return minBackoff;
    }

    /** @return the longest backoff delay */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return the connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the response timeout: the longest silence while an answer is awaited or read */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** @return the request timeout: the longest one attempt may take, headers and body, however busy the line */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the longest {@code Retry-After} the client waits; longer ones are cut to it */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * @return the longest outage of the API waited out before the waiting requests fail with
     *         {@link FailureKind#OUTAGE}
     * @since 0.2
     */
    public Duration maxOutage() {
        return maxOutage;
    }

    /**
     * @return the wait before the first probe of an outage (it doubles after each failed probe)
     * @since 0.2
     */
    public Duration outageProbeInterval() {
        return outageProbeInterval;
    }

    /**
     * @return the longest wait between two probes of an outage
     * @since 0.2
     */
    public Duration maxOutageProbeInterval() {
        return maxOutageProbeInterval;
    }

    /** @return the connection pool size */
    public int maxConnections() {
        return maxConnections;
    }

    /** @return the {@code User-Agent} header value */
    public String userAgent() {
        return userAgent;
    }

    /** @return the registry meters are recorded into; empty means no metrics (never the global registry) */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    @Override
    public String toString() {
        // the token is deliberately left out: options end up in logs
        return "NotionClientOptions{baseUrl=" + baseUrl + ", notionVersion=" + notionVersion
                + ", rateLimit=" + rateLimit + ", maxRetries=" + maxRetries
                + ", maxThrottleRetries=" + maxThrottleRetries + ", responseTimeout=" + responseTimeout
                + ", requestTimeout=" + requestTimeout + ", maxRetryAfter=" + maxRetryAfter + ", maxOutage=" + maxOutage
                + "}";
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /**
     * Builds {@link NotionClientOptions}. Not thread-safe; the built options are.
     *
     * @since 0.1
     */
    public static final class Builder {

        private String baseUrl = DEFAULT_BASE_URL;
        private String token;
        private String notionVersion = DEFAULT_NOTION_VERSION;
        private RateLimit rateLimit = RateLimit.fixed(DEFAULT_REQUESTS_PER_SECOND);
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private int maxThrottleRetries = DEFAULT_MAX_THROTTLE_RETRIES;
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private Duration maxOutage = DEFAULT_MAX_OUTAGE;
        private Duration outageProbeInterval = DEFAULT_OUTAGE_PROBE_INTERVAL;
        private Duration maxOutageProbeInterval = DEFAULT_MAX_OUTAGE_PROBE_INTERVAL;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private String userAgent = "notion-sync/0.1";
        private MeterRegistry meterRegistry;

        private Builder() {
        }

        private Builder(NotionClientOptions from) {
            this.baseUrl = from.baseUrl;
            this.token = from.token;
            this.notionVersion = from.notionVersion;
            this.rateLimit = from.rateLimit;
            this.maxRetries = from.maxRetries;
            this.maxThrottleRetries = from.maxThrottleRetries;
            this.minBackoff = from.minBackoff;
            this.maxBackoff = from.maxBackoff;
            this.connectTimeout = from.connectTimeout;
            this.responseTimeout = from.responseTimeout;
            this.requestTimeout = from.requestTimeout;
            this.maxRetryAfter = from.maxRetryAfter;
            this.maxOutage = from.maxOutage;
            this.outageProbeInterval = from.outageProbeInterval;
            this.maxOutageProbeInterval = from.maxOutageProbeInterval;
            this.maxConnections = from.maxConnections;
            this.userAgent = from.userAgent;
            this.meterRegistry = from.meterRegistry;
        }

        /**
         * Sets the API base URL, for instance {@code http://127.0.0.1:8080} for a local fake.
         *
         * @param baseUrl an absolute http or https URL
         * @return this builder
         * @throws IllegalArgumentException if {@code baseUrl} is not an http(s) URL
         */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("baseUrl must start with http:// or https://: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * Sets the token sent as {@code Authorization: Bearer}.
         *
         * @param token an integration token or personal access token
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * Sets the {@code Notion-Version} header.
         *
         * @param notionVersion for instance {@code 2026-12-01}, {@code 2026-03-11} or {@code 2025-09-03}
         * @return this builder
         */
        public Builder notionVersion(String notionVersion) {
            this.notionVersion = Objects.requireNonNull(notionVersion, "notionVersion");
            return this;
        }

        /**
         * Sets a fixed request budget per second shared by every request of the client; the same as
         * {@code rateLimit(RateLimit.fixed(requestsPerSecond))}.
         *
         * @param requestsPerSecond requests per second; 0 turns the limiter off
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder requestsPerSecond(double requestsPerSecond) {
            this.rateLimit = RateLimit.fixed(requestsPerSecond);
            return this;
        }

        /**
         * Sets how requests are paced: {@link RateLimit#fixed(double)} or {@link RateLimit#adaptive()}.
         *
         * @param rateLimit the rate limit
         * @return this builder
         * @since 0.1
         */
        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
            return this;
        }

        /**
         * Lets the rate adapt to the workspace's limit: the same as {@code rateLimit(RateLimit.adaptive())}.
         *
         * @return this builder
         * @since 0.1
         */
        public Builder adaptiveRate() {
            return rateLimit(RateLimit.adaptive());
        }

        /**
         * Sets how often a request is retried after 5xx answers, timeouts, connection resets and malformed answers.
         * Counted apart from throttling: 429s and 529s between these faults use {@link #maxThrottleRetries(int)}.
         *
         * @param maxRetries zero or more
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = nonNegative(maxRetries, "maxRetries");
            return this;
        }

        /**
         * Sets how often a request is retried after 429 or 529 answers, counted apart from faults
         * ({@link #maxRetries(int)}).
         *
         * @param maxThrottleRetries zero or more
         * @return this builder
         */
        public Builder maxThrottleRetries(int maxThrottleRetries) {
            this.maxThrottleRetries = nonNegative(maxThrottleRetries, "maxThrottleRetries");
            return this;
        }

        /**
         * Sets the first and the longest backoff delay.
         *
         * @param min the first delay
         * @param max the longest delay
         * @return this builder
         */
        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = Objects.requireNonNull(min, "min");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("backoff needs 0 <= min <= max: " + min + ", " + max);
            }
            return this;
        }

        /**
         * Sets the TCP connect timeout: how long to wait for the server to accept a new connection. A connection not
         * made in time fails as a {@link FailureKind#TIMEOUT} (and is retried) whose message names this timeout.
         *
         * @param connectTimeout a positive duration; the default is {@link #DEFAULT_CONNECT_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the read timeout: the longest silence of the server while an answer is awaited or read, before the
         * attempt counts as failed (and is retried). A server that accepts the connection and never answers fails as
         * a {@link FailureKind#TIMEOUT} whose message names this timeout.
         *
         * @param responseTimeout a positive duration; the default is {@link #DEFAULT_RESPONSE_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = positive(responseTimeout, "responseTimeout");
            return this;
        }

        /**
         * Sets the time one attempt may take in all, from sending the request to the last byte of the answer. The
         * response timeout only bounds silences, so an answer trickling in a byte at a time would pass it forever;
         * this bounds the whole. An attempt that runs out of time counts as failed and is retried.
         *
         * @param requestTimeout a positive duration; the default is {@link #DEFAULT_REQUEST_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} the client honours. Longer waits (a broken header may ask for
         * centuries) are cut to this, and the retry's message says so.
         *
         * @param maxRetryAfter a positive duration; the default is {@link #DEFAULT_MAX_RETRY_AFTER}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /**
         * Sets the longest outage of the API the client waits out. During an outage (the last answers were all 5xx,
         * resets or timeouts) nothing is sent but a single probe now and then, and every request waits without
         * spending its retries; when the outage lasts longer than this, the waiting requests fail with
         * {@link FailureKind#OUTAGE}, which stops an export (a rerun resumes it).
         *
         * @param maxOutage a positive duration; the default is {@link #DEFAULT_MAX_OUTAGE}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         * @since 0.2
         */
        public Builder maxOutage(Duration maxOutage) {
            this.maxOutage = positive(maxOutage, "maxOutage");
            return this;
        }

        /**
         * Sets how often the API is probed during an outage: the first probe after {@code first}, each later one
         * after twice the previous wait, never more than {@code longest}.
         *
         * @param first the wait before the first probe; the default is {@link #DEFAULT_OUTAGE_PROBE_INTERVAL}
         * @param longest the longest wait; the default is {@link #DEFAULT_MAX_OUTAGE_PROBE_INTERVAL}
         * @return this builder
         * @throws IllegalArgumentException if {@code first} is not positive or {@code longest} is shorter
         * @since 0.2
         */
        public Builder outageProbeInterval(Duration first, Duration longest) {
            positive(first, "first");
            Objects.requireNonNull(longest, "longest");
            if (longest.compareTo(first) < 0) {
                throw new IllegalArgumentException("outageProbeInterval needs first <= longest: " + first + ", "
                        + longest);
            }
            this.outageProbeInterval = first;
            this.maxOutageProbeInterval = longest;
            return this;
        }

        /**
         * Sets the connection pool size.
         *
         * @param maxConnections one or more
         * @return this builder
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Sets the {@code User-Agent} header.
         *
         * @param userAgent the value
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /**
         * Records request, retry and throttling meters into this registry. Without one, nothing is recorded.
         *
         * @param meterRegistry the registry, or {@code null} for none
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if the token is missing or blank
         */
        public NotionClientOptions build() {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            return new NotionClientOptions(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static int nonNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be 0 or more: " + value);
            }
            return value;
        }
    }
}
