package dev.notionsync.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure gets its kind once, where it is mapped; retries and wrappers keep it. */
class FailureKindTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400 | validation_error | body.parent should be defined                          | BAD_REQUEST",
        "400 | validation_error | Database with ID x is a linked database.                 | LINKED_DATABASE",
        "404 | object_not_found | Database x does not contain any data sources accessible. | LINKED_DATABASE",
        "401 | unauthorized     | API token is invalid.                                   | UNAUTHORIZED",
        "403 | restricted_resource | Insufficient permissions for this endpoint.          | FORBIDDEN",
        "404 | object_not_found | Could not find page with ID: x.                         | NOT_FOUND",
        "409 | conflict_error   | Conflict occurred while saving.                         | FAULT",
        "500 | internal_server_error | Unexpected error.                                  | FAULT",
        "502 | bad_gateway      | Bad gateway.                                            | FAULT",
        "503 | service_unavailable | Notion is unavailable.                               | FAULT",
        "504 | gateway_timeout  | Gateway timeout.                                        | FAULT",
        "429 | rate_limited     | Rate limited.                                           | THROTTLED",
        "529 | service_overload | Overloaded.                                             | THROTTLED",
    })
    void httpAnswersAreGivenTheirKindWhereTheyAreMapped(int status, String code, String message, FailureKind kind) {
        ObjectNode body = Json.object().put("object", "error").put("status", status).put("code", code)
                .put("message", message);

        NotionException error = ErrorMapper.fromResponse(status, null, body, "GET /v1/test", null,
                ScriptedTransport.options());

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error instanceof NotionTransientException).isEqualTo(kind.isTransient());
    }

    @Test
    void failuresWithoutAnAnswerAreGivenTheirKind() {
        assertThat(noAnswer(new UnknownHostException("api.notion.invalid")).kind())
                .isEqualTo(FailureKind.UNREACHABLE);
        assertThat(noAnswer(new ConnectException("Connection refused")).kind())
                .isEqualTo(FailureKind.CONNECTION_FAILED);
        assertThat(noAnswer(new IOException("Connection reset by peer")).kind())
                .isEqualTo(FailureKind.CONNECTION_FAILED);
        assertThat(noAnswer(new TimeoutException()).kind())
                .isEqualTo(FailureKind.TIMEOUT);
        assertThat(ErrorMapper.deadline("GET /v1/test", Duration.ofSeconds(1), new TimeoutException()).kind())
                .isEqualTo(FailureKind.TIMEOUT);
        assertThat(ErrorMapper.malformed(200, null, "the body is empty", "GET /v1/test").kind())
                .isEqualTo(FailureKind.MALFORMED_RESPONSE);
        assertThat(ErrorMapper.cursorLoop("GET /v1/test", "c1").kind()).isEqualTo(FailureKind.CURSOR_LOOP);
    }

    private static NotionException noAnswer(Throwable error) {
        return ErrorMapper.fromThrowable(error, "GET /v1/test", ScriptedTransport.options());
    }

    @Test
    void theFailureAfterTheLastRetryKeepsTheKindOfTheLastAnswer() {
        NotionClient client = NotionClient.create(ScriptedTransport.options(),
                new ScriptedTransport(request -> Mono.error(ScriptedTransport.error(502, "bad_gateway", null))));

        StepVerifier.withVirtualTime(() -> client.page("p1"))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectErrorSatisfies(error -> {
                    assertThat(error.getMessage()).startsWith("gave up after");
                    assertThat(((NotionException) error).kind()).isEqualTo(FailureKind.FAULT);
                })
                .verify();
    }
}
