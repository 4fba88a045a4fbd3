package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * Sends Notion webhook events for the mutations of a {@link Workspace} to one URL, as a subscription does: the
 * payload shape of API version 2026-03-11 ({@code id}, {@code timestamp}, {@code type}, {@code entity},
 * {@code data.parent}, {@code attempt_number}, ...), signed with {@code X-Notion-Signature: sha256=<hex HMAC-SHA256
 * of the body>} keyed by the verification token. One event per mutation, in order, never aggregated; an answer other
 * than 2xx is retried up to 8 attempts, like Notion, with a short backoff. Start it with
 * {@link FakeNotionServer#sendWebhooks(String, String)}; close it to stop.
 */
public final class WebhookSender implements AutoCloseable {

    /** Attempts per event, as Notion makes. */
    public static final int ATTEMPTS = 8;

    private final Workspace workspace;
    private final String url;
    private final String secret;
    private final Clock clock;
    private final HttpClient http = HttpClient.create();
    private final Sinks.Many<ObjectNode> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final Consumer<Workspace.Change> listener = this::enqueue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();

    WebhookSender(Workspace workspace, String url, String secret, Clock clock) {
        this.workspace = workspace;
        this.url = Objects.requireNonNull(url, "url");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = clock;
        queue.asFlux().concatMap(this::deliver).subscribe();
        workspace.onChange(listener);
    }

    /**
     * Sends the handshake Notion sends when a subscription is created: {@code {"verification_token": …}}, unsigned.
     *
     * @param url the endpoint
     * @param token the verification token
     * @return the HTTP status of the answer
     */
    public static int sendVerification(String url, String token) {
        byte[] body = Json.obj().put("verification_token", token).toString().getBytes(StandardCharsets.UTF_8);
        return post(HttpClient.create(), url, body, null).block(Duration.ofSeconds(30));
    }

    /**
     * Signs a body the way Notion does.
     *
     * @param secret the verification token
     * @param body the raw body
     * @return the value of the {@code X-Notion-Signature} header
     */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** @return events sent at least once */
    public long sent() {
        return sent.get();
    }

    /** @return events the endpoint answered with 2xx */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Stops sending; events not delivered yet are dropped. */
    @Override
    public void close() {
        workspace.removeListener(listener);
        queue.tryEmitComplete();
    }

    private void enqueue(Workspace.Change change) {
        ObjectNode event = Json.obj()
                .put("id", UUID.randomUUID().toString())
                .put("timestamp", clock.instant().toString())
                .put("workspace_id", "00000000-0000-4000-8000-00000000000a")
                .put("workspace_name", "Fake workspace")
                .put("subscription_id", "00000000-0000-4000-8000-00000000000b")
                .put("integration_id", "00000000-0000-4000-8000-00000000000c")
                .put("type", change.type())
                .put("api_version", "2026-03-11");
        event.putArray("authors").addObject().put("id", "00000000-0000-4000-8000-00000000000d").put("type", "person");
        event.putObject("entity").put("id", Ids.normalize(change.pageId())).put("type", "page");
        ObjectNode parent = event.putObject("data").putObject("parent");
        if (change.parentPageId() == null) {
            parent.put("id", "00000000-0000-4000-8000-00000000000a").put("type", "space");
        } else {
            parent.put("id", Ids.normalize(change.parentPageId())).put("type", "page");
        }
        synchronized (queue) {
            queue.tryEmitNext(event);
        }
    }

    private Mono<Void> deliver(ObjectNode event) {
        AtomicLong attempt = new AtomicLong();
        return Mono.defer(() -> {
            byte[] body = event.put("attempt_number", (int) attempt.incrementAndGet()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            if (attempt.get() == 1) {
                sent.incrementAndGet();
            }
            return post(http, url, body, sign(secret, body));
        }).flatMap(status -> status / 100 == 2 ? Mono.just(status)
                        : Mono.error(new IllegalStateException("webhook answered " + status)))
                .retryWhen(Retry.backoff(ATTEMPTS - 1, Duration.ofMillis(50)).maxBackoff(Duration.ofSeconds(1)))
                .doOnNext(status -> acknowledged.incrementAndGet())
                .onErrorResume(error -> Mono.empty())
                .then();
    }

    private static Mono<Integer> post(HttpClient http, String url, byte[] body, String signature) {
        return http.headers(headers -> {
                    headers.set("Content-Type", "application/json");
                    if (signature != null) {
                        headers.set("X-Notion-Signature", signature);
                    }
                })
                .post().uri(url).send(ByteBufFlux.fromString(Mono.just(new String(body, StandardCharsets.UTF_8))))
                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                .timeout(Duration.ofSeconds(10));
    }
}
