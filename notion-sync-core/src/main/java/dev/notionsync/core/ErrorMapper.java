package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The one place that turns HTTP statuses, Notion error codes and I/O failures into {@link NotionException}s.
 */
final class ErrorMapper {

    private ErrorMapper() {
    }

    /** The code of a 200 answer that breaks the shape its endpoint promises. */
    static final String MALFORMED_RESPONSE = "malformed_response";
    /** The code of a listing whose {@code next_cursor} comes back a second time. */
    static final String CURSOR_LOOP = "cursor_loop";

    /**
     * Maps an HTTP error answer. Notion's message is redacted: servers and proxies may echo the request's token.
     *
     * @param status the HTTP status
     * @param retryAfterHeader the {@code Retry-After} header, or {@code null}
     * @param body the parsed body, or {@code null} when it was not JSON (edge proxies answer HTML)
     * @param endpoint the endpoint template
     * @param now the current time, to turn an HTTP-date {@code Retry-After} into a wait
     * @param options the token to redact and the longest {@code Retry-After} to honour
     */
    static NotionException fromResponse(int status, String retryAfterHeader, JsonNode body, String endpoint,
            ZonedDateTime now, NotionClientOptions options) {
        String code = body != null ? body.path("code").asText("") : "";
        if (code.isEmpty()) {
            code = "http_" + status;
        }
        String message = body != null ? body.path("message").asText("") : "";
        String requestId = requestId(body);
        String text = endpoint + " answered " + status + " " + code + (message.isEmpty() ? "" : ": " + message);
        return switch (status) {
            case 409, 429, 500, 502, 503, 504, 529 -> {
                Duration asked = parseRetryAfter(retryAfterHeader, now);
                Duration retryAfter = asked;
                if (asked != null && asked.compareTo(options.maxRetryAfter()) > 0) {
                    // a wait of centuries is a broken header; waiting it (or overflowing on it) loses the export
                    retryAfter = options.maxRetryAfter();
                    text += " (Retry-After " + retryAfterHeader.trim() + " is longer than the longest wait; waiting "
                            + retryAfter + " instead)";
                }
                yield new NotionTransientException(Secrets.redact(text, options.token()),
                        status == 429 || status == 529 ? FailureKind.THROTTLED : FailureKind.FAULT, status, code,
                        requestId, endpoint, retryAfter, rateLimitReason(body), null);
            }
            default -> new NotionNonTransientException(Secrets.redact(text, options.token()),
                    kind(status, message), status, code, requestId, endpoint, null);
        };
    }

    /**
     * The kind of a refused request. A linked database is told only by Notion's message: a 400 (or 404) saying the
     * database "is a linked database" or "does not contain any data sources accessible by this API bot".
     */
    static FailureKind kind(int status, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if ((status == 400 || status == 404)
                && (lower.contains("linked database") || lower.contains("does not contain any data sources"))) {
            return FailureKind.LINKED_DATABASE;
        }
        return switch (status) {
            case 401 -> FailureKind.UNAUTHORIZED;
            case 403 -> FailureKind.FORBIDDEN;
            case 404 -> FailureKind.NOT_FOUND;
            default -> FailureKind.BAD_REQUEST;
        };
    }

    /**
     * A 2xx answer whose body is not what the endpoint promises: worth retrying, since a proxy or an overloaded
     * server answered in place of Notion, and never to be taken for an empty result.
     *
     * @param status the HTTP status of the answer
     * @param body the parsed body, or {@code null} when it was empty or not JSON
     * @param detail what is wrong
     * @param endpoint the endpoint template
     */
    static NotionTransientException malformed(int status, JsonNode body, String detail, String endpoint) {
        return new NotionTransientException(endpoint + " answered " + status + " with a malformed body: " + detail,
                FailureKind.MALFORMED_RESPONSE, status, MALFORMED_RESPONSE, requestId(body), endpoint, null, null,
                null);
    }

    /**
     * A listing that handed out a cursor it had handed out before: following it would never end.
     *
     * @param endpoint the endpoint template
     * @param cursor the repeated cursor
     */
    static NotionNonTransientException cursorLoop(String endpoint, String cursor) {
        return new NotionNonTransientException(endpoint + " returned the next_cursor " + Secrets.redact(cursor)
                + " a second time; the listing was stopped instead of being read in a loop", FailureKind.CURSOR_LOOP,
                200, CURSOR_LOOP, null,
                endpoint, null);
    }

    /**
     * An answer that did not arrive completely within the request timeout.
     *
     * @param endpoint the endpoint template
     * @param requestTimeout the timeout
     * @param cause the timeout signal
     */
    static NotionTransientException deadline(String endpoint, Duration requestTimeout, Throwable cause) {
        return new NotionTransientException(endpoint + " timed out: no complete answer within the request timeout of "
                + requestTimeout, FailureKind.TIMEOUT, 0, "timeout", null, endpoint, null, null, cause);
    }

    /**
     * A request that waited for an outage of the API to end, and gave up waiting.
     *
     * @param endpoint the endpoint template of the request, or "" for none
     * @param detail how long the API has been unavailable, and the limit
     */
    static NotionTransientException outage(String endpoint, String detail) {
        return new NotionTransientException((endpoint.isEmpty() ? "" : endpoint + " was not sent: ") + detail,
                FailureKind.OUTAGE, 0, "outage", null, endpoint, null, null, null);
    }

    /**
     * Maps a failure that came before or instead of an HTTP answer. Each way of not getting an answer has its own
     * message, since each has its own fix: a refused connection is a wrong port or a server that is down, an unknown
     * host a typo or no DNS, a timeout a slow line or a too short timeout, a failed handshake a proxy or certificate.
     *
     * @param error the failure, as Reactor Netty or the JDK signalled it
     * @param endpoint the endpoint template
     * @param options the base URL (the host named in messages) and the timeouts in force
     * @return the mapped failure, or {@code null} when it is not an I/O failure (a bug, left as it is)
     */
    static NotionException fromThrowable(Throwable error, String endpoint, NotionClientOptions options) {
        if (error instanceof NotionException notion) {
            return notion;
        }
        String target = authority(options.baseUrl());
        String failed = endpoint + " failed: ";
        if (find(error, SslHandshakeTimeoutException.class) != null) {
            return timeout(endpoint + " timed out: the TLS handshake with " + target + " did not finish in time",
                    endpoint, error);
        }
        // a refused certificate or a plain-HTTP port behind https:// fails the same way every time: not retried
        if (find(error, NotSslRecordException.class) != null) {
            return new NotionNonTransientException(failed + "no TLS session with " + target + ": it answered in "
                    + "plain HTTP (an https:// URL for an http:// server?)", FailureKind.UNREACHABLE, 0,
                    "tls_handshake", null, endpoint, error);
        }
        Throwable tls = find(error, SSLHandshakeException.class);
        if (tls != null) {
            return new NotionNonTransientException(failed + "no TLS session with " + target + " (" + detail(tls)
                    + ")", FailureKind.UNREACHABLE, 0, "tls_handshake", null, endpoint, error);
        }
        UnknownHostException unknown = find(error, UnknownHostException.class);
        if (unknown != null) {
            if (find(error, DnsNameResolverTimeoutException.class) != null) {
                return timeout(endpoint + " timed out: looking up the host " + host(options.baseUrl())
                        + " got no answer from DNS", endpoint, error);
            }
            return new NotionNonTransientException(failed + "unknown host " + host(options.baseUrl())
                    + ": the name does not resolve", FailureKind.UNREACHABLE, 0, "unknown_host", null, endpoint,
                    error);
        }
        if (find(error, ConnectTimeoutException.class) != null) {
            return timeout(endpoint + " timed out: no connection to " + target + " within the connect timeout of "
                    + text(options.connectTimeout()), endpoint, error);
        }
        if (find(error, ReadTimeoutException.class) != null) {
            return timeout(endpoint + " timed out: " + target + " accepted the connection but sent no answer within "
                    + "the read timeout of " + text(options.responseTimeout()), endpoint, error);
        }
        if (error instanceof TimeoutException || error.getClass().getSimpleName().contains("Timeout")) {
            return timeout(endpoint + " timed out", endpoint, error);
        }
        ConnectException connect = find(error, ConnectException.class);
        if (connect != null && String.valueOf(connect.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
            return connectionFailed(failed + "connection refused by " + target + ": the host is reachable, but "
                    + "nothing accepts connections on port " + port(options.baseUrl()), endpoint, error);
        }
        Throwable notConnected = connect != null ? connect : find(error, NoRouteToHostException.class);
        if (notConnected != null) {
            return connectionFailed(failed + "could not connect to " + target + " (" + detail(notConnected) + ")",
                    endpoint, error);
        }
        if (find(error, PrematureCloseException.class) != null) {
            return connectionFailed(failed + target + " closed the connection before a complete answer", endpoint,
                    error);
        }
        if (error instanceof IOException || error instanceof ClosedChannelException || isNettyConnectFailure(error)) {
            return connectionFailed(failed + detail(error), endpoint, error);
        }
        return null;
    }

    private static NotionTransientException timeout(String message, String endpoint, Throwable cause) {
        return new NotionTransientException(message, FailureKind.TIMEOUT, 0, "timeout", null, endpoint, null, null,
                cause);
    }

    private static NotionTransientException connectionFailed(String message, String endpoint, Throwable cause) {
        return new NotionTransientException(message, FailureKind.CONNECTION_FAILED, 0, "connection_error", null,
                endpoint, null, null, cause);
    }

    /** The first of {@code error} and its causes that is a {@code type}: Netty wraps what the JDK threw. */
    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String detail(Throwable error) {
        String detail = error.getMessage() != null ? Secrets.redact(error.getMessage())
                : error.getClass().getSimpleName();
        // Netty puts whole hex dumps of what it received into some messages; the line must stay readable
        return detail.length() > 200 ? detail.substring(0, 200) + "…" : detail;
    }

    private static String host(String baseUrl) {
        URI uri = uri(baseUrl);
        return uri != null && uri.getHost() != null ? uri.getHost() : baseUrl;
    }

    private static int port(String baseUrl) {
        URI uri = uri(baseUrl);
        if (uri != null && uri.getPort() >= 0) {
            return uri.getPort();
        }
        return baseUrl.startsWith("https://") ? 443 : 80;
    }

    /** {@code host:port} of the base URL, the port spelt out even when it is the scheme's default. */
    private static String authority(String baseUrl) {
        String host = host(baseUrl);
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port(baseUrl);
    }

    private static URI uri(String baseUrl) {
        try {
            return new URI(baseUrl);
        } catch (URISyntaxException malformed) {
            return null;
        }
    }

    /** A timeout as a person writes it ({@code 300ms}, {@code 10s}, {@code 2m}), the way the CLI's options take it. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static boolean isNettyConnectFailure(Throwable error) {
        // reactor-netty signals closed connections with its own exception types, outside java.io.
        String name = error.getClass().getName();
        return name.startsWith("reactor.netty") || name.startsWith("io.netty");
    }

    private static String requestId(JsonNode body) {
        return body != null && body.path("request_id").isTextual() ? body.get("request_id").asText() : null;
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
        if (value.matches("-?\\d+")) {
            // more digits than a long holds is still a number of seconds: the longest wait, not an unknown header
            if (value.startsWith("-")) {
                return Duration.ZERO;
            }
            return Duration.ofSeconds(value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notDate) {
            return null;
        }
    }
}
