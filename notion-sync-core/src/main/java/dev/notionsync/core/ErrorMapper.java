package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

/**
 * The one place that turns HTTP statuses, Notion error codes and I/O failures into {@link NotionException}s.
 */
final class ErrorMapper {

    private ErrorMapper() {
    }

    /**
     * Maps an HTTP error answer.
     *
     * @param status the HTTP status
     * @param retryAfterHeader the {@code Retry-After} header, or {@code null}
     * @param body the parsed body, or {@code null} when it was not JSON (edge proxies answer HTML)
     * @param endpoint the endpoint template
     * @param now the current time, to turn an HTTP-date {@code Retry-After} into a wait
     */
    static NotionException fromResponse(int status, String retryAfterHeader, JsonNode body, String endpoint,
            ZonedDateTime now) {
        String code = body != null ? body.path("code").asText("") : "";
        if (code.isEmpty()) {
            code = "http_" + status;
        }
        String message = body != null ? body.path("message").asText("") : "";
        String requestId = body != null && body.hasNonNull("request_id") ? body.get("request_id").asText() : null;
        String text = endpoint + " answered " + status + " " + code + (message.isEmpty() ? "" : ": " + message);
        return switch (status) {
            case 409, 429, 500, 502, 503, 504, 529 -> new NotionTransientException(text, status, code, requestId,
                    endpoint, parseRetryAfter(retryAfterHeader, now), rateLimitReason(body), null);
            default -> new NotionNonTransientException(text, status, code, requestId, endpoint, null);
        };
    }

    /** Maps a failure that came before or instead of an HTTP answer. */
    static NotionException fromThrowable(Throwable error, String endpoint) {
        if (error instanceof NotionException notion) {
            return notion;
        }
        if (error instanceof UnknownHostException) {
            return new NotionNonTransientException(endpoint + " failed: unknown host " + error.getMessage(), 0,
                    "unknown_host", null, endpoint, error);
        }
        if (error instanceof TimeoutException || error.getClass().getSimpleName().contains("Timeout")) {
            return new NotionTransientException(endpoint + " timed out", 0, "timeout", null, endpoint, null, null,
                    error);
        }
        if (error instanceof ConnectException || error instanceof IOException
                || error instanceof ClosedChannelException || isNettyConnectFailure(error)) {
            String detail = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
            return new NotionTransientException(endpoint + " failed: " + detail, 0, "connection_error", null,
                    endpoint, null, null, error);
        }
        return null;
    }

    private static boolean isNettyConnectFailure(Throwable error) {
        // reactor-netty signals closed connections with its own exception types, outside java.io.
        String name = error.getClass().getName();
        return name.startsWith("reactor.netty") || name.startsWith("io.netty");
    }

    private static String rateLimitReason(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode reason = body.path("additional_data").path("rate_limit_reason");
        return reason.isTextual() ? reason.asText() : null;
    }

    static Duration parseRetryAfter(String header, ZonedDateTime now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
