package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.NotionObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A 200 answer that breaks its endpoint's shape is retried, then surfaced; never taken for an empty result. */
class AnswerShapeTests {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "null", "{\"object\":\"list\"}",
            "{\"object\":\"list\",\"results\":{},\"has_more\":false}",
            "{\"object\":\"list\",\"results\":[],\"next_cursor\":null}",
            "{\"object\":\"list\",\"results\":[],\"has_more\":true,\"next_cursor\":null}",
            "{\"object\":\"list\",\"results\":[null],\"has_more\":false,\"next_cursor\":null}",
            "{\"object\":\"error\",\"status\":500,\"code\":\"internal_server_error\",\"message\":\"oops\"}"})
    void aBrokenListAnswerIsRetriedThenFailsAsMalformed(String answer) {
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> client(request -> {
                    attempts.incrementAndGet();
                    return Mono.just(json(answer));
                }).search(SearchQuery.all()))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(NotionTransientException.class);
                    NotionException notion = (NotionException) error;
                    assertThat(notion.code()).isEqualTo("malformed_response");
                    assertThat(notion.status()).isEqualTo(200);
                    assertThat(notion.getMessage()).startsWith("gave up after 6 retries")
                            .contains("POST /v1/search answered 200 with a malformed body");
                })
                .verify();

        assertThat(attempts).hasValue(1 + NotionClientOptions.DEFAULT_MAX_RETRIES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"object\":\"page\"}", "{\"object\":\"page\",\"id\":\"\"}",
            "{\"object\":\"list\",\"results\":[],\"has_more\":false,\"next_cursor\":null}",
            "{\"object\":\"database\",\"id\":\"d1\"}"})
    void aBrokenObjectAnswerIsMalformed(String answer) {
        StepVerifier.withVirtualTime(() -> client(request -> Mono.just(json(answer))).page("p1"))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectErrorSatisfies(error -> assertThat(((NotionException) error).code())
                        .isEqualTo("malformed_response"))
                .verify();
    }

    @Test
    void theRetryFetchesTheAnswerAgain() {
        AtomicInteger attempts = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> client(request -> Mono.just(attempts.incrementAndGet() == 1 ? json("{}")
                        : ScriptedTransport.listPage("p", 2, null))).search(SearchQuery.all()).map(NotionObject::id))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(1))
                .expectNext("p0", "p1")
                .verifyComplete();

        assertThat(attempts).hasValue(2);
    }

    @Test
    void everyEndpointAcceptsItsWellFormedAnswers() {
        ObjectNode item = Json.object().put("object", "property_item").put("id", "prop").put("type", "number")
                .put("number", 3);
        NotionClient client = client(request -> Mono.just(switch (request.template()) {
            case "/v1/users/me" -> Json.object().put("object", "user").put("id", "bot");
            case "/v1/pages/{id}/properties/{property_id}" -> item;
            case "/v1/databases/{id}" -> Json.object().put("object", "database").put("id", "d1");
            case "/v1/data_sources/{id}" -> Json.object().put("object", "data_source").put("id", "s1");
            case "/v1/blocks/{id}" -> Json.object().put("object", "block").put("id", "b1").put("type", "paragraph");
            default -> ScriptedTransport.listPage("x", 1, null);
        }));

        assertThat(client.me().block().id()).isEqualTo("bot");
        assertThat(client.propertyItems("p1", "prop").collectList().block()).containsExactly(item);
        assertThat(client.database("d1").block().id()).isEqualTo("d1");
        assertThat(client.dataSource("s1").block().id()).isEqualTo("s1");
        assertThat(client.block("b1").block().id()).isEqualTo("b1");
        assertThat(client.children("b1").collectList().block()).hasSize(1);
        assertThat(client.comments("b1").collectList().block()).hasSize(1);
        assertThat(client.users().collectList().block()).hasSize(1);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static NotionClient client(NotionTransport transport) {
        return NotionClient.create(ScriptedTransport.options(), transport);
    }
}
