package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A transport double: answers with a function of the request and records every request it was sent. */
final class ScriptedTransport implements NotionTransport {

    final List<NotionRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<NotionRequest, Mono<JsonNode>> answer;

    ScriptedTransport(Function<NotionRequest, Mono<JsonNode>> answer) {
        this.answer = answer;
    }

    @Override
    public Mono<JsonNode> exchange(NotionRequest request) {
        return Mono.defer(() -> {
            requests.add(request);
            return answer.apply(request);
        });
    }

    static NotionClientOptions options() {
        return NotionClientOptions.builder().token("secret_test").requestsPerSecond(0).build();
    }

    /** A list page of {@code size} pages whose ids start with {@code prefix}, with a cursor when more follow. */
    static ObjectNode listPage(String prefix, int size, String nextCursor) {
        ObjectNode page = Json.object();
        page.put("object", "list");
        ArrayNode results = page.putArray("results");
        for (int i = 0; i < size; i++) {
            results.addObject().put("object", "page").put("id", prefix + i);
        }
        page.put("has_more", nextCursor != null);
        if (nextCursor == null) {
            page.putNull("next_cursor");
        } else {
            page.put("next_cursor", nextCursor);
        }
        return page;
    }

    static NotionException error(int status, String code, String retryAfter) {
        ObjectNode body = Json.object().put("object", "error").put("status", status).put("code", code)
                .put("message", "scripted").put("request_id", "req-" + status);
        return ErrorMapper.fromResponse(status, retryAfter, body, "GET /v1/test", null, options());
    }
}
