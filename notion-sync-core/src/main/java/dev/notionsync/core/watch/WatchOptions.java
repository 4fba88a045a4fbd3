package dev.notionsync.core.watch;

import dev.notionsync.core.export.ExportSpec;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link NotionWatch} listens and exports. Immutable; build with {@link #builder(ExportSpec)}, derive
 * variants with {@link #mutate()}.
 *
 * @since 0.1
 */
public final class WatchOptions {

    /** Quiet time after an object's last event before it is fetched: a burst of edits costs one fetch. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(2);
    /** Time between full reconciling exports, which catch what webhooks missed (they are at-most-once). */
    public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofHours(24);
    /** Wait before a fetch that failed as a whole (Notion unreachable, folder in use) is tried again. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(1);
    /** The address listened on by default: this machine only, behind a reverse proxy or tunnel. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final ExportSpec export;
    private final String host;
    private final int port;
    private final String secret;
    private final Path secretFile;
    private final Duration debounce;
    private final Duration reconcileEvery;
    private final boolean reconcileAtStart;
    private final Duration retryDelay;
    private final MeterRegistry meterRegistry;
    private final Scheduler timer;

    private WatchOptions(Builder b) {
        this.export = b.export;
        this.host = b.host;
        this.port = b.port;
        this.secret = b.secret;
        this.secretFile = b.secretFile;
        this.debounce = b.debounce;
        this.reconcileEvery = b.reconcileEvery;
        this.reconcileAtStart = b.reconcileAtStart;
        this.retryDelay = b.retryDelay;
        this.meterRegistry = b.meterRegistry;
        this.timer = b.timer;
    }

    /**
     * Returns a builder with the defaults.
     *
     * @param export what every fetch and reconcile exports, and where; must not limit itself with roots or only
     * @return the builder
     */
    public static Builder builder(ExportSpec export) {
        return new Builder(export);
    }

    /** @return a builder initialised from these options */
    public Builder mutate() {
        Builder b = new Builder(export);
        b.host = host;
        b.port = port;
        b.secret = secret;
        b.secretFile = secretFile;
        b.debounce = debounce;
        b.reconcileEvery = reconcileEvery;
        b.reconcileAtStart = reconcileAtStart;
        b.retryDelay = retryDelay;
        b.meterRegistry = meterRegistry;
        b.timer = timer;
        return b;
    }

    /** @return the export every fetch and reconcile runs */
    public ExportSpec export() {
        return export;
    }

    /** @return the address to listen on */
    public String host() {
        return host;
    }

    /** @return the port to listen on; 0 for a free one */
    public int port() {
        return port;
    }

    /** @return the verification token that signs the events, when given */
    public Optional<String> secret() {
        return Optional.ofNullable(secret);
    }

    /**
     * @return where the verification token is read from when no {@link #secret()} is given, and saved to when the
     *     handshake brings one; default {@code .notion-sync/webhook-token} in the output folder
     */
    public Path secretFile() {
        return secretFile != null ? secretFile : export.outputDir().resolve(".notion-sync").resolve("webhook-token");
    }

    /** @return the quiet time per object before it is fetched */
    public Duration debounce() {
        return debounce;
    }

    /** @return the time between full reconciling exports */
    public Duration reconcileEvery() {
        return reconcileEvery;
    }

    /** @return whether a full reconciling export runs as soon as the watch starts */
    public boolean reconcileAtStart() {
        return reconcileAtStart;
    }

    /** @return the wait before a failed fetch is tried again */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** @return where the webhook meters go, if anywhere */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** @return the scheduler of the debounce, reconcile and retry timers */
    public Scheduler timer() {
        return timer;
    }

    /**
     * Builds {@link WatchOptions}.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final ExportSpec export;
        private String host = DEFAULT_HOST;
        private int port;
        private String secret;
        private Path secretFile;
        private Duration debounce = DEFAULT_DEBOUNCE;
        private Duration reconcileEvery = DEFAULT_RECONCILE_EVERY;
        private boolean reconcileAtStart = true;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private MeterRegistry meterRegistry;
        private Scheduler timer = Schedulers.parallel();

        private Builder(ExportSpec export) {
            this.export = Objects.requireNonNull(export, "export");
            if (!export.roots().isEmpty() || !export.only().isEmpty()) {
                throw new IllegalArgumentException("a watch exports the whole workspace: the export must have "
                        + "neither roots nor only");
            }
        }

        /**
         * Sets the address and port to listen on.
         *
         * @param host a host name or IP address, e.g. {@code 0.0.0.0} for every interface
         * @param port 0 to 65535; 0 for a free port
         * @return this builder
         */
        public Builder listen(String host, int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /**
         * Sets the verification token that signs the events (Notion's handshake delivered it).
         *
         * @param token the token, or null to read it from {@link #secretFile(Path)}
         * @return this builder
         */
        public Builder secret(String token) {
            this.secret = token == null || token.isBlank() ? null : token.trim();
            return this;
        }

        /**
         * Sets where the token is read from, and saved to (readable by the owner only) when a handshake brings one
         * while no token is known.
         *
         * @param file the file
         * @return this builder
         */
        public Builder secretFile(Path file) {
            this.secretFile = Objects.requireNonNull(file, "secretFile");
            return this;
        }

        /**
         * Sets the quiet time after an object's last event before it is fetched.
         *
         * @param quiet zero or more; default {@link #DEFAULT_DEBOUNCE}
         * @return this builder
         */
        public Builder debounce(Duration quiet) {
            if (quiet.isNegative()) {
                throw new IllegalArgumentException("debounce must not be negative: " + quiet);
            }
            this.debounce = quiet;
            return this;
        }

        /**
         * Sets the time between full reconciling exports.
         *
         * @param every more than zero; default {@link #DEFAULT_RECONCILE_EVERY}
         * @return this builder
         */
        public Builder reconcileEvery(Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("reconcileEvery must be positive: " + every);
            }
            this.reconcileEvery = every;
            return this;
        }

        /**
         * Sets whether a full export runs when the watch starts (default true): it picks up what changed while
         * nothing listened.
         *
         * @param enabled whether to reconcile at the start
         * @return this builder
         */
        public Builder reconcileAtStart(boolean enabled) {
            this.reconcileAtStart = enabled;
            return this;
        }

        /**
         * Sets the wait before a fetch that failed as a whole is tried again.
         *
         * @param delay more than zero
         * @return this builder
         */
        public Builder retryDelay(Duration delay) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("retryDelay must be positive: " + delay);
            }
            this.retryDelay = delay;
            return this;
        }

        /**
         * Sets the registry of the webhook meters ({@code notion.webhook.accepted}, {@code notion.webhook.rejected}
         * tagged by reason, {@code notion.webhook.lag}).
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /**
         * Sets the scheduler of the timers; tests pass a virtual-time scheduler.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder timer(Scheduler scheduler) {
            this.timer = Objects.requireNonNull(scheduler, "timer");
            return this;
        }

        /** @return the options */
        public WatchOptions build() {
            return new WatchOptions(this);
        }
    }
}
