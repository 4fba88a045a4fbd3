package dev.notionsync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Fault injection for a {@link FakeNotionServer}: mutable and thread-safe. Scripted faults ("next N requests")
 * are consumed atomically by matching API requests, in the order they were added; file downloads never match.
 * Methods return this plan so calls can be chained.
 */
public final class FaultPlan {

    /** What a scripted fault does. */
    enum Action { STATUS, RESET, STALL, MALFORMED, LOOP_CURSOR, DRIP, ECHO_TOKEN, APPLY_THEN_RESET }

    /**
     * A scripted fault with its remaining count; {@code retryAfterSeconds < 0} means the server default;
     * {@code stall} is the delay of STALL and the pace of DRIP, {@code text} the body of MALFORMED.
     */
    record Rule(Action action, AtomicInteger remaining, int status, int retryAfterSeconds, String routeContains,
            Duration stall, String text) {

        boolean matches(String requestLine, String template) {
            return routeContains == null || requestLine.contains(routeContains) || template.contains(routeContains);
        }

        boolean consume() {
            for (int left = remaining.get(); left > 0; left = remaining.get()) {
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Set<String> notFound = ConcurrentHashMap.newKeySet();
    private volatile boolean unauthorized;
    private volatile Instant expiredBefore;
    private final AtomicInteger expireDownloads = new AtomicInteger();
    private final AtomicInteger redirectDownloads = new AtomicInteger();
    private volatile UnaryOperator<String> redirectLocation;
    private final List<Rule> downloadRules = new CopyOnWriteArrayList<>();
    private volatile double errorRate;
    private volatile Random errorRandom;
    /** The running outage: what it does and until when ({@link System#nanoTime()}); null for none. */
    private volatile Outage outage;
    private final AtomicLong outageAnswers = new AtomicLong();

    /**
     * An outage of the whole API: every request answers 503 or has its connection reset, from the request after the
     * first {@code before} ones on, for {@code durationNanos}; {@code untilNanos} is set (in {@link System#nanoTime()})
     * when it starts.
     */
    private record Outage(Action action, AtomicLong before, long durationNanos, AtomicLong untilNanos) {

        /** Whether the outage has begun: the requests it lets through first are used up. */
        boolean begun() {
            for (long left = before.get(); left > 0; left = before.get()) {
                if (before.compareAndSet(left, left - 1)) {
                    return false;
                }
            }
            untilNanos.compareAndSet(0, System.nanoTime() + durationNanos);
            return true;
        }
    }

    FaultPlan() {
    }

    /**
     * The next {@code count} API requests answer {@code status}: 429 and 529 carry {@code Retry-After} (the
     * server's {@code retryAfterSeconds}), other statuses a Notion error body with the matching code.
     *
     * @param count how many requests fail
     * @param status the HTTP status to answer
     * @return this plan
     */
    public FaultPlan failNext(int count, int status) {
        return failNext(count, status, null);
    }

    /**
     * Like {@link #failNext(int, int)}, but only requests whose request line ({@code "GET /v1/blocks/<id>/children"})
     * or route template ({@code "GET /v1/blocks/{id}/children"}) contains {@code routeContains} match.
     *
     * @param count how many matching requests fail
     * @param status the HTTP status to answer
     * @param routeContains a substring of the request line or route template, or null for every route
     * @return this plan
     */
    public FaultPlan failNext(int count, int status, String routeContains) {
        return add(new Rule(Action.STATUS, counter(count), status, -1, routeContains, Duration.ZERO, null));
    }

    /**
     * The next {@code count} API requests answer 429 {@code rate_limited} with {@code Retry-After}.
     *
     * @param count how many requests are rate limited
     * @param retryAfterSeconds the {@code Retry-After} value
     * @return this plan
     */
    public FaultPlan rateLimitNext(int count, int retryAfterSeconds) {
        return add(new Rule(Action.STATUS, counter(count), 429, retryAfterSeconds, null, Duration.ZERO, null));
    }

    /**
     * The next {@code count} API requests answer 529 {@code service_overload} with {@code Retry-After}.
     *
     * @param count how many requests are refused
     * @param retryAfterSeconds the {@code Retry-After} value
     * @return this plan
     */
    public FaultPlan overloadNext(int count, int retryAfterSeconds) {
        return add(new Rule(Action.STATUS, counter(count), 529, retryAfterSeconds, null, Duration.ZERO, null));
    }

    /**
     * The next {@code count} API requests get their connection reset (closed without a response).
     *
     * @param count how many requests are dropped
     * @return this plan
     */
    public FaultPlan resetNext(int count) {
        return add(new Rule(Action.RESET, counter(count), 0, 0, null, Duration.ZERO, null));
    }

    /**
     * The next {@code count} matching API requests are applied (a create creates), but the connection is reset
     * instead of answering: the client cannot tell whether its request took effect, as after a timeout.
     *
     * @param count how many matching requests are applied without an answer
     * @param routeContains a substring of the request line or route template, or null for every route
     * @return this plan
     */
    public FaultPlan applyThenResetNext(int count, String routeContains) {
        return add(new Rule(Action.APPLY_THEN_RESET, counter(count), 0, 0, routeContains, Duration.ZERO, null));
    }

    /**
     * The next {@code count} API requests are answered normally, but only after {@code stall}.
     *
     * @param count how many requests are held
     * @param stall how long each is held
     * @return this plan
     */
    public FaultPlan stallNext(int count, Duration stall) {
        Objects.requireNonNull(stall, "stall");
        return stallNext(count, stall, null);
    }

    /**
     * The next {@code count} matching API requests are answered normally, but only after {@code stall}.
     *
     * @param count how many matching requests are held
     * @param stall how long each is held
     * @param routeContains a substring of the request line or route template, or null for every route
     * @return this plan
     */
    public FaultPlan stallNext(int count, Duration stall, String routeContains) {
        Objects.requireNonNull(stall, "stall");
        return add(new Rule(Action.STALL, counter(count), 0, 0, routeContains, stall, null));
    }

    /**
     * The next {@code count} matching API requests answer 200 with {@code body} as it is, as a proxy or a broken
     * server in front of Notion might: {@code "{}"}, {@code "[]"}, {@code "null"}, {@code ""}, HTML, truncated JSON,
     * {@code {"object":"list"}} without results, or an error object sent with status 200.
     *
     * @param count how many matching requests get the body; {@link Integer#MAX_VALUE} for all of them
     * @param routeContains a substring of the request line or route template, or null for every route
     * @param body the raw body to answer
     * @return this plan
     */
    public FaultPlan malformedNext(int count, String routeContains, String body) {
        Objects.requireNonNull(body, "body");
        return add(new Rule(Action.MALFORMED, counter(count), 200, 0, routeContains, Duration.ZERO, body));
    }

    /**
     * The next {@code count} matching list requests are answered normally, except that every answer says
     * {@code has_more: true} and hands out the same {@code next_cursor} (the cursor of the first page), so a client
     * that follows cursors blindly reads the listing forever.
     *
     * @param count how many matching requests are answered so; {@link Integer#MAX_VALUE} for all of them
     * @param routeContains a substring of the request line or route template, or null for every route
     * @return this plan
     */
    public FaultPlan loopCursorNext(int count, String routeContains) {
        return add(new Rule(Action.LOOP_CURSOR, counter(count), 0, 0, routeContains, Duration.ZERO, null));
    }

    /**
     * The next {@code count} matching API requests are answered normally, but the body trickles out one byte per
     * {@code interval}: the connection never falls silent for long, yet the answer takes forever.
     *
     * @param count how many matching requests drip
     * @param interval the pause before each byte of the body
     * @param routeContains a substring of the request line or route template, or null for every route
     * @return this plan
     */
    public FaultPlan dripNext(int count, Duration interval, String routeContains) {
        Objects.requireNonNull(interval, "interval");
        return add(new Rule(Action.DRIP, counter(count), 0, 0, routeContains, interval, null));
    }

    /**
     * The next {@code count} matching API requests answer {@code status} with a Notion error body whose message
     * quotes the request's {@code Authorization} header, token included, as careless servers and proxies do.
     *
     * @param count how many matching requests fail
     * @param status the HTTP status to answer
     * @param routeContains a substring of the request line or route template, or null for every route
     * @return this plan
     */
    public FaultPlan echoTokenNext(int count, int status, String routeContains) {
        return add(new Rule(Action.ECHO_TOKEN, counter(count), status, -1, routeContains, Duration.ZERO, null));
    }

    /**
     * Every API request fails with probability {@code fractionOf5xx}, with a status drawn from 500, 502, 503 and
     * 504, using a random sequence seeded with {@code seed}. Zero turns it off.
     *
     * @param fractionOf5xx the probability in [0, 1]
     * @param seed the seed of the random sequence
     * @return this plan
     */
    public FaultPlan errorRate(double fractionOf5xx, long seed) {
        if (fractionOf5xx < 0 || fractionOf5xx > 1) {
            throw new IllegalArgumentException("fractionOf5xx must be in [0, 1], was " + fractionOf5xx);
        }
        errorRandom = new Random(seed);
        errorRate = fractionOf5xx;
        return this;
    }

    /**
     * An outage of the whole API for {@code duration} from now: every API request answers 503
     * {@code service_unavailable}, whatever other fault is scripted, as Notion does when it is down. File downloads
     * are not affected (they go to another host). {@link #endOutage()} or {@link #clear()} ends it early.
     *
     * @param duration how long the API is down; {@code Duration.ofDays(365)} for "until ended"
     * @return this plan
     */
    public FaultPlan outage(Duration duration) {
        return outage(Action.STATUS, 0, duration);
    }

    /**
     * Like {@link #outage(Duration)}, but the outage begins only after {@code requests} more API requests were
     * answered normally (or by other faults), so it strikes in the middle of an export; it lasts {@code duration}
     * from its first 503.
     *
     * @param requests how many API requests are served before the outage
     * @param duration how long the API is down once it is
     * @return this plan
     */
    public FaultPlan outageAfter(long requests, Duration duration) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0, was " + requests);
        }
        return outage(Action.STATUS, requests, duration);
    }

    /**
     * Like {@link #outage(Duration)}, but every API request has its connection reset (closed without an answer), as
     * when Notion's edge is unreachable.
     *
     * @param duration how long the API is down
     * @return this plan
     */
    public FaultPlan resetOutage(Duration duration) {
        return outage(Action.RESET, 0, duration);
    }

    /**
     * Ends the running outage, if any.
     *
     * @return this plan
     */
    public FaultPlan endOutage() {
        outage = null;
        return this;
    }

    /** @return API requests answered with the outage's 503 or reset so far */
    public long outageAnswerCount() {
        return outageAnswers.get();
    }

    private FaultPlan outage(Action action, long before, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        // saturates: a year of outage is "until ended" without overflowing the deadline
        long nanos = duration.compareTo(Duration.ofDays(3650)) > 0 ? Long.MAX_VALUE / 4 : duration.toNanos();
        outage = new Outage(action, new AtomicLong(before), nanos, new AtomicLong());
        return this;
    }

    /** The action of the outage running now (STATUS for 503, RESET), counted as one outage answer; or null. */
    Action takeOutage() {
        Outage current = outage;
        if (current == null || !current.begun()) {
            return null;
        }
        if (System.nanoTime() - current.untilNanos().get() >= 0) {
            outage = null;
            return null;
        }
        outageAnswers.incrementAndGet();
        return current.action();
    }

    /**
     * Makes every file URL signed before {@code t} answer 403 "Request has expired", as if its hour had passed.
     *
     * @param t the issue-time bound (URLs issued at or after it stay valid)
     * @return this plan
     */
    public FaultPlan expireFileUrlsIssuedBefore(Instant t) {
        expiredBefore = t;
        return this;
    }

    /**
     * Makes the next {@code count} file downloads answer 403 "Request has expired", as if each URL's hour had passed
     * between fetching its owner and downloading it. URLs fetched again afterwards work.
     *
     * @param count how many downloads to refuse
     * @return this plan
     */
    public FaultPlan expireNextDownloads(int count) {
        expireDownloads.set(counter(count).get());
        return this;
    }

    /**
     * Makes the next {@code count} file downloads answer {@code 302 Found} with a {@code Location} computed from the
     * request's path and query, as a file host (or something pretending to be one) may: the same URL again, another
     * path of the same host, or another host altogether such as {@code http://169.254.169.254/latest/meta-data/}.
     *
     * @param count how many downloads to redirect
     * @param location the {@code Location} header for a request's path and query (relative or absolute)
     * @return this plan
     */
    public FaultPlan redirectNextDownloads(int count, UnaryOperator<String> location) {
        Objects.requireNonNull(location, "location");
        redirectLocation = location;
        redirectDownloads.set(counter(count).get());
        return this;
    }

    /**
     * Makes the next {@code count} file downloads answer {@code status} with an S3 error body, as a file host under
     * strain does (500 {@code InternalError}, 503 {@code SlowDown}); later downloads are served. Downloads only: API
     * requests never match.
     *
     * @param count how many downloads fail; {@link Integer#MAX_VALUE} for all of them until {@link #clear()}
     * @param status the HTTP status to answer
     * @return this plan
     */
    public FaultPlan failNextDownloads(int count, int status) {
        downloadRules.add(new Rule(Action.STATUS, counter(count), status, -1, null, Duration.ZERO, null));
        return this;
    }

    /**
     * Makes the next {@code count} file downloads get their connection reset (closed without a response).
     *
     * @param count how many downloads are dropped; {@link Integer#MAX_VALUE} for all of them until {@link #clear()}
     * @return this plan
     */
    public FaultPlan resetNextDownloads(int count) {
        downloadRules.add(new Rule(Action.RESET, counter(count), 0, 0, null, Duration.ZERO, null));
        return this;
    }

    /**
     * While on, every API request answers 401 {@code unauthorized}.
     *
     * @param on whether the token is rejected
     * @return this plan
     */
    public FaultPlan unauthorized(boolean on) {
        unauthorized = on;
        return this;
    }

    /**
     * Requests naming this id (in the path or as {@code block_id}) answer 404 {@code object_not_found}, as if the
     * object were not shared with the integration.
     *
     * @param objectId the id, with or without dashes
     * @return this plan
     */
    public FaultPlan notFound(String objectId) {
        String id = Ids.normalize(objectId);
        notFound.add(id == null ? objectId : id);
        return this;
    }

    /** Removes every fault. */
    public void clear() {
        rules.clear();
        notFound.clear();
        unauthorized = false;
        expiredBefore = null;
        expireDownloads.set(0);
        redirectDownloads.set(0);
        redirectLocation = null;
        downloadRules.clear();
        errorRate = 0;
        outage = null;
    }

    private FaultPlan add(Rule rule) {
        rules.add(rule);
        return this;
    }

    private static AtomicInteger counter(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        return new AtomicInteger(count);
    }

    Optional<Rule> take(String requestLine, String template) {
        for (Rule rule : rules) {
            if (rule.matches(requestLine, template) && rule.consume()) {
                return Optional.of(rule);
            }
        }
        rules.removeIf(rule -> rule.remaining().get() <= 0);
        return Optional.empty();
    }

    boolean isUnauthorized() {
        return unauthorized;
    }

    boolean isNotFound(String normalizedId) {
        return normalizedId != null && notFound.contains(normalizedId);
    }

    Instant expiredBefore() {
        return expiredBefore;
    }

    /** Consumes one refusal of {@link #expireNextDownloads(int)}, if any is left. */
    boolean takeDownloadExpiry() {
        return expireDownloads.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    /** Consumes one redirect of {@link #redirectNextDownloads(int, UnaryOperator)}: its location, or empty. */
    Optional<String> takeDownloadRedirect(String pathAndQuery) {
        UnaryOperator<String> location = redirectLocation;
        if (location == null || redirectDownloads.getAndUpdate(left -> Math.max(0, left - 1)) <= 0) {
            return Optional.empty();
        }
        return Optional.of(location.apply(pathAndQuery));
    }

    /** Consumes one fault of {@link #failNextDownloads(int, int)} or {@link #resetNextDownloads(int)}, in order. */
    Optional<Rule> takeDownloadFault() {
        for (Rule rule : downloadRules) {
            if (rule.consume()) {
                return Optional.of(rule);
            }
        }
        downloadRules.removeIf(rule -> rule.remaining().get() <= 0);
        return Optional.empty();
    }

    /** A 5xx status drawn by the error rate, or 0. */
    int randomError() {
        double rate = errorRate;
        Random random = errorRandom;
        if (rate <= 0 || random == null) {
            return 0;
        }
        synchronized (random) {
            return random.nextDouble() < rate ? new int[] {500, 502, 503, 504}[random.nextInt(4)] : 0;
        }
    }
}
