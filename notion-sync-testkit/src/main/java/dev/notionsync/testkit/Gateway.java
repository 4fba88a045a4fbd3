package dev.notionsync.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP front of the fake: counts requests, applies scripted faults, authentication, version checks, the
 * rate limit and the error rate, then hands the request to {@link NotionApi}. File downloads bypass all of it.
 */
final class Gateway {

    /** Requests the log keeps: enough for any test, bounded for a benchmark's million requests. */
    static final int LOG_SIZE = 100_000;

    private static final Set<String> VERSIONS = Set.of(Renderer.V2025, Renderer.V2026, Renderer.V2026_12);

    private final NotionApi api;
    private final FileHost files;
    private final FakeServerOptions options;
    private final FaultPlan faults;
    private final RateBudget bucket;
    private final long idPrefix;
    private final AtomicLong sequence = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong downloads = new AtomicLong();
    final AtomicLong downloadsWithAuthorization = new AtomicLong();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    /** The latest API requests as {@code "METHOD /path"}, at most {@link #LOG_SIZE}, oldest first. */
    private final Queue<String> log = new ConcurrentLinkedQueue<>();
    private final AtomicLong logged = new AtomicLong();
    private volatile String baseUrl = "";

    Gateway(NotionApi api, FileHost files, FakeServerOptions options, FaultPlan faults, long idPrefix) {
        this.api = api;
        this.files = files;
        this.options = options;
        this.faults = faults;
        this.bucket = options.requestsPerSecond() <= 0 ? null : options.rateWindow().isZero()
                ? new TokenBucket(options.requestsPerSecond(), options.burst(), options.clock())
                : new WindowBudget((int) Math.round(options.requestsPerSecond() * options.rateWindow().toSeconds()),
                        options.rateWindow().toMillis(), options.clock());
        this.idPrefix = idPrefix;
    }

    void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Map<String, Long> countsByRoute() {
        Map<String, Long> counts = new TreeMap<>();
        byRoute.forEach((route, count) -> counts.put(route, count.sum()));
        return counts;
    }

    List<String> log() {
        return List.copyOf(log);
    }

    void resetCounters() {
        log.clear();
        logged.set(0);
        requests.set(0);
        rateLimited.set(0);
        downloads.set(0);
        downloadsWithAuthorization.set(0);
        byRoute.clear();
        if (bucket != null) {
            bucket.reset();
        }
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.rawPath();
        if (path.startsWith("/files/")) {
            downloads.incrementAndGet();
            if (request.requestHeaders().contains(HttpHeaderNames.AUTHORIZATION)) {
                downloadsWithAuthorization.incrementAndGet();
            }
            Optional<FaultPlan.Rule> failure = faults.takeDownloadFault();
            if (failure.isPresent() && failure.get().action() == FaultPlan.Action.RESET) {
                return reset(response);
            }
            if (failure.isPresent()) {
                return send(response, files.failure(failure.get().status()));
            }
            Optional<String> redirect = faults.takeDownloadRedirect(request.uri());
            if (redirect.isPresent()) {
                return send(response, Reply.xml(302, "").withHeader("Location", redirect.get()));
            }
            return send(response, files.serve(path, uri.parameters()));
        }
        String method = request.method().name();
        Route.Match match = Route.match(method, path);
        requests.incrementAndGet();
        byRoute.computeIfAbsent(match.template(), k -> new LongAdder()).increment();
        log.add(method + " " + path);
        if (logged.incrementAndGet() > LOG_SIZE) {
            log.poll();
        }
        String requestId = new UUID(idPrefix, 0x8000000000000000L | sequence.incrementAndGet()).toString();
        FaultPlan.Action outage = faults.takeOutage();
        if (outage == FaultPlan.Action.RESET) {
            return reset(response);
        }
        if (outage != null) {
            Reply reply = Reply.error(503, ApiError.codeFor(503), ApiError.messageFor(503), requestId, 0);
            return request.receive().then(send(response, reply.withHeader("x-request-id", requestId)));
        }
        Optional<FaultPlan.Rule> fault = faults.take(method + " " + path, match.template());
        if (fault.isPresent() && fault.get().action() == FaultPlan.Action.RESET) {
            return reset(response);
        }
        String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE, "");
        Mono<byte[]> body = request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]);
        if (fault.isPresent() && fault.get().action() == FaultPlan.Action.STATUS) {
            FaultPlan.Rule rule = fault.get();
            int retryAfter = rule.retryAfterSeconds() < 0 ? options.retryAfterSeconds() : rule.retryAfterSeconds();
            Reply reply = Reply.error(rule.status(), ApiError.codeFor(rule.status()), ApiError.messageFor(rule.status()),
                    requestId, retryAfter);
            return body.then(send(response, reply.withHeader("x-request-id", requestId)));
        }
        if (fault.isPresent() && fault.get().action() == FaultPlan.Action.MALFORMED) {
            Reply reply = Reply.bytes(200, "application/json; charset=utf-8",
                    fault.get().text().getBytes(StandardCharsets.UTF_8));
            return body.then(send(response, reply.withHeader("x-request-id", requestId)));
        }
        if (fault.isPresent() && fault.get().action() == FaultPlan.Action.ECHO_TOKEN) {
            FaultPlan.Rule rule = fault.get();
            String echoed = "Request rejected: header `Authorization: "
                    + request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION) + "` is not allowed on this route.";
            Reply reply = Reply.error(rule.status(), ApiError.codeFor(rule.status()), echoed, requestId,
                    options.retryAfterSeconds());
            return body.then(send(response, reply.withHeader("x-request-id", requestId)));
        }
        FaultPlan.Action action = fault.map(FaultPlan.Rule::action).orElse(null);
        Mono<byte[]> held = action == FaultPlan.Action.STALL ? Mono.delay(fault.get().stall()).then(body) : body;
        return held.flatMap(bytes -> {
            Reply reply = answer(request, match, uri, bytes, contentType, requestId).withHeader("x-request-id", requestId);
            if (action == FaultPlan.Action.APPLY_THEN_RESET) {
                // the request was applied; the client only never hears so, as after a timeout on the way back
                return Mono.from(reset(response));
            }
            if (action == FaultPlan.Action.LOOP_CURSOR) {
                return send(response, loopCursor(reply));
            }
            return action == FaultPlan.Action.DRIP ? drip(response, reply, fault.get().stall()) : send(response, reply);
        });
    }

    /** Closes the connection without an answer: the peer sees a reset (RST, not an orderly close). */
    private static Publisher<Void> reset(HttpServerResponse response) {
        response.withConnection(connection -> {
            connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            connection.channel().close();
        });
        return Mono.never();
    }

    /** The same list answer, but always with more to come behind the first page's cursor. */
    private static Reply loopCursor(Reply reply) {
        if (reply.status() != 200) {
            return reply;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(reply.body());
            if (!(json instanceof ObjectNode list) || !"list".equals(list.path("object").asText())) {
                return reply;
            }
            list.put("has_more", true).put("next_cursor", Paging.cursor(0));
            return new Reply(reply.status(), reply.contentType(), reply.headers(), Json.MAPPER.writeValueAsBytes(list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply answer(HttpServerRequest request, Route.Match match, QueryStringDecoder uri, byte[] bytes,
            String contentType, String requestId) {
        try {
            String version = gate(request, match, uri);
            if (bytes.length > WriteLimits.BODY_BYTES && !contentType.startsWith("multipart/")) {
                throw new ApiError(413, "validation_error", "Request body too large: " + bytes.length
                        + " bytes, the limit is " + WriteLimits.BODY_BYTES + ".");
            }
            JsonNode body = contentType.startsWith("multipart/form-data") ? Multipart.decode(bytes, contentType)
                    : parse(new String(bytes, StandardCharsets.UTF_8));
            return api.handle(new ApiRequest(match, uri.parameters(), body, version, requestId, baseUrl));
        } catch (ApiError e) {
            return Reply.error(e, requestId);
        } catch (RuntimeException e) {
            return Reply.error(500, "internal_server_error", "Unexpected error occurred: " + e, requestId, 0);
        }
    }

    /** Checks everything that may refuse a request before it reaches an endpoint; returns the version. */
    private String gate(HttpServerRequest request, Route.Match match, QueryStringDecoder uri) {
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        if (faults.isUnauthorized() || !("Bearer " + options.token()).equals(authorization)) {
            throw new ApiError(401, "unauthorized", "API token is invalid.");
        }
        String version = request.requestHeaders().get("Notion-Version");
        if (version == null || version.isBlank()) {
            throw new ApiError(400, "missing_version", "Notion-Version header failed validation: Notion-Version header "
                    + "should be defined, instead was `undefined`.");
        }
        if (!VERSIONS.contains(version.trim())) {
            throw ApiError.validation("Notion-Version header failed validation: the fake Notion server supports "
                    + Renderer.V2025 + " and " + Renderer.V2026
                    + ", instead was `" + version + "`.");
        }
        for (String param : match.params()) {
            if (faults.isNotFound(Ids.normalize(param))) {
                throw ApiError.notFound("object", param);
            }
        }
        var blockIds = uri.parameters().get("block_id");
        if (blockIds != null && !blockIds.isEmpty() && faults.isNotFound(Ids.normalize(blockIds.get(0)))) {
            throw ApiError.notFound("block", blockIds.get(0));
        }
        if (bucket != null) {
            long waitMillis = bucket.acquire();
            if (waitMillis > 0) {
                throw new ApiError(429, "rate_limited", ApiError.messageFor(429),
                        (int) Math.max(1, (waitMillis + 999) / 1000));
            }
        }
        int status = faults.randomError();
        if (status > 0) {
            throw new ApiError(status, ApiError.codeFor(status), ApiError.messageFor(status));
        }
        return version.trim();
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return Json.obj();
        }
        try {
            JsonNode body = Json.MAPPER.readTree(text);
            if (!body.isObject()) {
                throw ApiError.validation("body failed validation: body should be an object.");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "invalid_json", "Error parsing JSON body.");
        }
    }

    private Mono<Void> send(HttpServerResponse response, Reply reply) {
        return head(response, reply).sendByteArray(Mono.just(reply.body())).then();
    }

    /** Sends the body one byte per {@code interval}, each flushed at once. */
    private Mono<Void> drip(HttpServerResponse response, Reply reply, Duration interval) {
        byte[] bytes = reply.body();
        return head(response, reply)
                // delayElements, not interval: it waits for demand, so a slow flush cannot overflow the ticks
                .send(Flux.range(0, bytes.length).delayElements(interval)
                        .map(i -> Unpooled.wrappedBuffer(bytes, i, 1)), buffer -> true)
                .then();
    }

    private HttpServerResponse head(HttpServerResponse response, Reply reply) {
        if (reply.status() == 429) {
            rateLimited.incrementAndGet();
        }
        response.status(reply.status());
        response.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(reply.body().length));
        reply.headers().forEach(response::header);
        return response;
    }
}
