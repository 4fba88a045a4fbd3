package dev.notionsync.core;

import dev.notionsync.core.model.NotionObject;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReactorNettyTransportTests {

    private MockWebServer server;
    private NotionClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.url("/").toString())
                .token("secret_transport")
                .notionVersion("2025-09-03")
                .requestsPerSecond(0)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .responseTimeout(Duration.ofMillis(500))
                .build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTokenVersionAndJsonBody() throws InterruptedException {
        server.enqueue(json(200, "{\"object\":\"list\",\"results\":[{\"object\":\"page\",\"id\":\"p1\"}],"
                + "\"has_more\":false,\"next_cursor\":null}"));

        StepVerifier.create(client.search(SearchQuery.pages()).map(NotionObject::id))
                .expectNext("p1")
                .verifyComplete();

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/v1/search");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer secret_transport");
        assertThat(request.getHeaders().get("Notion-Version")).isEqualTo("2025-09-03");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getBody().utf8()).contains("\"value\":\"page\"");
    }

    @Test
    void mapsNotionErrorBodiesToExceptionsWithStatusCodeAndRequestId() {
        server.enqueue(json(404, "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\","
                + "\"message\":\"Could not find page.\",\"request_id\":\"abc-123\"}"));

        StepVerifier.create(client.page("missing"))
                .expectErrorSatisfies(error -> {
                    NotionNonTransientException notion = (NotionNonTransientException) error;
                    assertThat(notion.status()).isEqualTo(404);
                    assertThat(notion.code()).isEqualTo("object_not_found");
                    assertThat(notion.requestId()).contains("abc-123");
                    assertThat(notion.endpoint()).isEqualTo("GET /v1/pages/{id}");
                    assertThat(notion.getMessage()).doesNotContain("secret_transport");
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void retriesA429WithRetryAfterAndAnHtmlBadGateway() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0")
                .addHeader("Content-Type", "application/json")
                .body("{\"object\":\"error\",\"status\":429,\"code\":\"rate_limited\",\"message\":\"slow down\"}")
                .build());
        server.enqueue(new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build());
        server.enqueue(json(200, "{\"object\":\"page\",\"id\":\"p1\"}"));

        StepVerifier.create(client.page("p1").map(NotionObject::id))
                .expectNext("p1")
                .verifyComplete();

        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aStalledResponseTimesOutAndIsRetried() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS)
                .body("{}").build());
        server.enqueue(json(200, "{\"object\":\"page\",\"id\":\"p1\"}"));

        StepVerifier.create(client.page("p1").map(NotionObject::id))
                .expectNext("p1")
                .verifyComplete();

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a200ThatIsNotJsonIsAMalformedAnswerRetriedAndNotA502() {
        server.enqueue(json(200, "<html>maintenance</html>"));
        server.enqueue(json(200, ""));
        server.enqueue(json(200, "{\"object\":\"list\",\"results\":[],\"has_more\":false,\"next_cursor\":null}"));
        List<NotionTransientException> retried = new CopyOnWriteArrayList<>();
        RequestListener listener = new RequestListener() {
            @Override
            public void onRetry(String endpoint, NotionTransientException error, Duration wait) {
                retried.add(error);
            }
        };

        StepVerifier.create(client.search(SearchQuery.all()).contextWrite(Context.of(RequestListener.class, listener)))
                .verifyComplete();

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(retried).extracting(NotionException::code)
                .containsExactly("malformed_response", "malformed_response");
        assertThat(retried).extracting(NotionException::status).containsExactly(200, 200);
        assertThat(retried.get(0).getMessage()).contains("answered 200").contains("not JSON").doesNotContain("502");
        assertThat(retried.get(1).getMessage()).contains("the body is empty");
    }

    @Test
    void anAnswerTricklingInEndsAtTheRequestTimeoutAndIsRetried() {
        NotionClient deadline = NotionClient.create(client.options().mutate()
                .requestTimeout(Duration.ofMillis(400))
                .maxRetries(1)
                .build());
        // one byte every 100 ms never leaves the 500 ms response timeout silent for long enough to fire
        String body = "{\"object\":\"page\",\"id\":\"p1\",\"padding\":\"" + "x".repeat(100) + "\"}";
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(body).throttleBody(1, 100, TimeUnit.MILLISECONDS).build());
        }

        StepVerifier.create(deadline.page("p1"))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionTransientException.class);
                    assertThat(((NotionException) error).code()).isEqualTo("timeout");
                    assertThat(error.getMessage()).startsWith("gave up after 1 retries")
                            .contains("request timeout of PT0.4S");
                })
                .verify(Duration.ofSeconds(5));

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anUnreachableApiFailsWithAConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NotionClient unreachable = NotionClient.create(client.options().mutate()
                .baseUrl("http://127.0.0.1:" + closedPort)
                .maxRetries(1)
                .build());

        StepVerifier.create(unreachable.me())
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionTransientException.class);
                    assertThat(((NotionException) error).code()).isEqualTo("connection_error");
                    assertThat(error.getMessage()).contains("connection refused by 127.0.0.1:" + closedPort + ": ");
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aOneDigitPortIsThePortAndNotPartOfTheHostName() {
        // nothing listens on port 1 (tcpmux) of the loopback: the port is refused, not looked up in DNS as "127.0.0.1:1"
        NotionClient portOne = NotionClient.create(client.options().mutate()
                .baseUrl("http://127.0.0.1:1")
                .maxRetries(0)
                .build());

        StepVerifier.create(portOne.me())
                .expectErrorSatisfies(error -> {
                    assertThat(((NotionException) error).kind()).isEqualTo(FailureKind.CONNECTION_FAILED);
                    assertThat(error.getMessage()).contains("connection refused by 127.0.0.1:1: ")
                            .doesNotContain("unknown host");
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatAcceptsButNeverAnswersEndsAtTheReadTimeout() throws IOException {
        // never accept()ed: the kernel completes the handshake and takes the request, and nothing ever answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            NotionClient waiting = NotionClient.create(client.options().mutate()
                    .baseUrl("http://127.0.0.1:" + silent.getLocalPort())
                    .responseTimeout(Duration.ofMillis(300))
                    .maxRetries(0)
                    .build());

            StepVerifier.create(waiting.me())
                    .expectErrorSatisfies(error -> {
                        assertThat(((NotionException) error).kind()).isEqualTo(FailureKind.TIMEOUT);
                        assertThat(error.getMessage()).contains("127.0.0.1:" + silent.getLocalPort()
                                + " accepted the connection but sent no answer within the read timeout of 300ms");
                    })
                    .verify(Duration.ofSeconds(10));
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body)
                .build();
    }
}
