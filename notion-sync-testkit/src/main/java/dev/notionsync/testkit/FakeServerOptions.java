package dev.notionsync.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable configuration of a {@link FakeNotionServer}. Build with {@link #builder()}; {@link #mutate()} gives a
 * builder initialised from these options.
 */
public final class FakeServerOptions {

    /** The token the server accepts unless configured otherwise. */
    public static final String DEFAULT_TOKEN = "secret_fake_token";

    /** How long signed file URLs stay valid unless configured otherwise (Notion: one hour). */
    public static final Duration DEFAULT_FILE_URL_TTL = Duration.ofHours(1);

    /** The {@code Retry-After} of 429/529 answers unless configured otherwise. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;

    /** The per-query result cap of data-source queries unless configured otherwise (Notion: 10,000). */
    public static final int DEFAULT_QUERY_RESULT_LIMIT = 10_000;

    private final String token;
    private final Duration fileUrlTtl;
    private final double requestsPerSecond;
    private final int burst;
    private final Duration rateWindow;
    private final int retryAfterSeconds;
    private final Clock clock;
    private final int queryResultLimit;

    private FakeServerOptions(Builder b) {
        this.token = b.token;
        this.fileUrlTtl = b.fileUrlTtl;
        this.requestsPerSecond = b.requestsPerSecond;
        this.burst = b.burst;
        this.rateWindow = b.rateWindow;
        this.retryAfterSeconds = b.retryAfterSeconds;
        this.clock = b.clock;
        this.queryResultLimit = b.queryResultLimit;
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default options.
     *
     * @return options with every default
     */
    public static FakeServerOptions defaults() {
        return builder().build();
    }

    /**
     * A builder initialised from these options.
     *
     * @return a new builder
     */
    public Builder mutate() {
        return new Builder().token(token).fileUrlTtl(fileUrlTtl).rateLimit(requestsPerSecond, burst)
                .rateWindow(rateWindow).retryAfterSeconds(retryAfterSeconds).clock(clock).queryResultLimit(queryResultLimit);
    }

    /** @return the bearer token the server accepts */
    public String token() {
        return token;
    }

    /** @return how long a signed file URL stays valid after it is issued */
    public Duration fileUrlTtl() {
        return fileUrlTtl;
    }

    /** @return the sustained rate limit in requests per second, or 0 when rate limiting is off */
    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    /** @return the token-bucket size of the rate limit */
    public int burst() {
        return burst;
    }

    /**
     * @return the window of a rate limit that is a budget per window ({@code requestsPerSecond} times its
     *         length), or zero for a token bucket
     */
    public Duration rateWindow() {
        return rateWindow;
    }

    /** @return the {@code Retry-After} seconds of injected 429/529 answers */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** @return the clock for file-URL expiry, the rate limit and workspace mutations */
    public Clock clock() {
        return clock;
    }

    /** @return how many results one data-source query returns before it stops as incomplete */
    public int queryResultLimit() {
        return queryResultLimit;
    }

    /** A mutable builder of {@link FakeServerOptions}. */
    public static final class Builder {

        private String token = DEFAULT_TOKEN;
        private Duration fileUrlTtl = DEFAULT_FILE_URL_TTL;
        private double requestsPerSecond;
        private int burst = 1;
        private Duration rateWindow = Duration.ZERO;
        private int retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
        private Clock clock = Clock.systemUTC();
        private int queryResultLimit = DEFAULT_QUERY_RESULT_LIMIT;

        private Builder() {
        }

        /**
         * The bearer token to accept.
         *
         * @param token the token, not blank
         * @return this builder
         */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            this.token = token;
            return this;
        }

        /**
         * How long signed file URLs stay valid.
         *
         * @param fileUrlTtl a positive duration of at least one second
         * @return this builder
         */
        public Builder fileUrlTtl(Duration fileUrlTtl) {
            Objects.requireNonNull(fileUrlTtl, "fileUrlTtl");
            if (fileUrlTtl.getSeconds() < 1) {
                throw new IllegalArgumentException("fileUrlTtl must be at least one second, was " + fileUrlTtl);
            }
            this.fileUrlTtl = fileUrlTtl;
            return this;
        }

        /**
         * Turns on a token-bucket rate limit; requests over budget answer 429 with {@code Retry-After}.
         *
         * @param requestsPerSecond the sustained rate, or 0 to turn rate limiting off
         * @param burst how many requests may be made at once
         * @return this builder
         */
        public Builder rateLimit(double requestsPerSecond, int burst) {
            if (requestsPerSecond < 0 || burst < 1) {
                throw new IllegalArgumentException("requestsPerSecond must be >= 0 and burst >= 1, were "
                        + requestsPerSecond + " and " + burst);
            }
            this.requestsPerSecond = requestsPerSecond;
            this.burst = burst;
            return this;
        }

        /**
         * Makes the rate limit of {@link #rateLimit(double, int)} a budget per fixed window, as Notion's newest
         * rate-limit text describes it: {@code requestsPerSecond} times the window's length, spent evenly or in one
         * burst (the burst is then ignored); over it, 429 with {@code Retry-After} until the window resets.
         *
         * @param rateWindow the window, e.g. 60 seconds; zero for the token bucket (the default)
         * @return this builder
         */
        public Builder rateWindow(Duration rateWindow) {
            Objects.requireNonNull(rateWindow, "rateWindow");
            if (rateWindow.isNegative()) {
                throw new IllegalArgumentException("rateWindow must not be negative, was " + rateWindow);
            }
            this.rateWindow = rateWindow;
            return this;
        }

        /**
         * The {@code Retry-After} of injected 429 and 529 answers that do not name their own.
         *
         * @param retryAfterSeconds at least 1
         * @return this builder
         */
        public Builder retryAfterSeconds(int retryAfterSeconds) {
            if (retryAfterSeconds < 1) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 1, was " + retryAfterSeconds);
            }
            this.retryAfterSeconds = retryAfterSeconds;
            return this;
        }

        /**
         * The clock for file-URL expiry, the rate limit and workspace mutations; tests pass a mutable clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How many results one data-source query returns before it ends with {@code request_status: incomplete}.
         *
         * @param queryResultLimit at least 1 (Notion: 10,000)
         * @return this builder
         */
        public Builder queryResultLimit(int queryResultLimit) {
            if (queryResultLimit < 1) {
                throw new IllegalArgumentException("queryResultLimit must be >= 1, was " + queryResultLimit);
            }
            this.queryResultLimit = queryResultLimit;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public FakeServerOptions build() {
            return new FakeServerOptions(this);
        }
    }
}
