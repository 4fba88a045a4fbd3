package dev.notionsync.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer: status, content type, extra headers and body bytes. */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

    static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, "application/json; charset=utf-8", Map.of(), Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply bytes(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, Map.of(), body);
    }

    static Reply xml(int status, String body) {
        return new Reply(status, "application/xml", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A Notion error body; 429 and 529 also carry Retry-After and the rate-limit reason. */
    static Reply error(int status, String code, String message, String requestId, int retryAfterSeconds) {
        ObjectNode body = Json.obj().put("object", "error").put("status", status).put("code", code)
                .put("message", message).put("request_id", requestId);
        Reply reply = json(status, body);
        if (status == 429 || status == 529) {
            body.putObject("additional_data").put("rate_limit_reason", "public_api_request_rate_limit");
            reply = json(status, body).withHeader("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
        }
        return reply;
    }

    static Reply error(ApiError e, String requestId) {
        return error(e.status, e.code, e.getMessage(), requestId, e.retryAfterSeconds);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, contentType, Map.copyOf(copy), body);
    }
}
