package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The production transport: Reactor Netty's {@link HttpClient} with the token and version headers set once, over a
 * connection pool of its own that {@link #disposeLater()} closes.
 */
final class ReactorNettyTransport implements NotionTransport {

    private final HttpClient http;
    private final URI base;
    private final ConnectionProvider pool;
    private final ObjectMapper mapper;
    private final NotionClientOptions options;

    private ReactorNettyTransport(HttpClient http, URI base, ConnectionProvider pool, ObjectMapper mapper,
            NotionClientOptions options) {
        this.http = http;
        this.base = base;
        this.pool = pool;
        this.mapper = mapper;
        this.options = options;
    }

    static ReactorNettyTransport create(NotionClientOptions options, ObjectMapper mapper) {
        ConnectionProvider pool = ConnectionProvider.builder("notion-sync")
                .maxConnections(options.maxConnections())
                .pendingAcquireMaxCount(-1)
                .build();
        URI base = absolute(options.baseUrl());
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .responseTimeout(options.responseTimeout())
                .headers(headers -> headers
                        .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + options.token())
                        .set("Notion-Version", options.notionVersion())
                        .set(HttpHeaderNames.ACCEPT, "application/json")
                        .set(HttpHeaderNames.USER_AGENT, options.userAgent()));
        if (base == null) {
            http = http.baseUrl(options.baseUrl());
        }
        return new ReactorNettyTransport(http, base, pool, mapper, options);
    }

    /**
     * The base URL as a {@link URI}, or {@code null} when {@link URI} refuses it (a host name with an underscore, say).
     * Reactor Netty's parser of string URLs reads only ports of two to five digits (reactor-netty#4357): it takes
     * {@code http://127.0.0.1:1} for the host {@code 127.0.0.1:1} on port 80, and so a refused connection for an
     * unknown host. A {@link URI} carries its port parsed.
     */
    private static URI absolute(String baseUrl) {
        try {
            URI uri = new URI(baseUrl);
            return uri.getHost() != null ? uri : null;
        } catch (URISyntaxException refused) {
            return null;
        }
    }

    private HttpClient.RequestSender sender(HttpClient client, NotionRequest request) {
        HttpClient.RequestSender sender = client.request(HttpMethod.valueOf(request.method()));
        // the paths and queries of requests are encoded already (NotionRequest.uri), so the URI takes them as they are
        return base != null ? sender.uri(URI.create(options.baseUrl() + request.uri())) : sender.uri(request.uri());
    }

    @Override
    public Mono<JsonNode> exchange(NotionRequest request) {
        String endpoint = request.endpoint();
        HttpClient.RequestSender sender = sender(http, request);
        NotionRequest.FilePart file = request.file();
        HttpClient.ResponseReceiver<?> receiver = file != null
                ? sender.sendForm((ignored, form) -> form.multipart(true).file("file", file.filename(),
                        new java.io.ByteArrayInputStream(file.bytes()), file.contentType()))
                : request.body() == null
                ? sender
                : sender(http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")), request)
                        .send(ByteBufFlux.fromString(Mono.fromCallable(() -> mapper.writeValueAsString(request.body()))));
        return receiver.responseSingle((response, content) -> content.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .<JsonNode>handle((bytes, sink) -> {
                            int status = response.status().code();
                            JsonNode body = parse(bytes);
                            if (status >= 200 && status < 300 && body != null) {
                                sink.next(body);
                            } else if (status >= 200 && status < 300) {
                                sink.error(ErrorMapper.malformed(status, null, bytes.length == 0 ? "the body is empty"
                                        : "the body is not JSON", endpoint));
                            } else {
                                sink.error(ErrorMapper.fromResponse(status,
                                        response.responseHeaders().get("Retry-After"), body, endpoint, now(),
                                        options));
                            }
                        }))
                .onErrorMap(error -> !(error instanceof NotionException), error -> {
                    NotionException mapped = ErrorMapper.fromThrowable(error, endpoint, options);
                    return mapped != null ? mapped : error;
                });
    }

    /** Closes the pool's connections; the event loops are Reactor Netty's shared ones and stay. */
    @Override
    public Mono<Void> disposeLater() {
        return pool.disposeLater();
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(bytes);
        } catch (IOException notJson) {
            // edge proxies answer HTML; the status alone then decides what happens
            return null;
        }
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneOffset.UTC);
    }
}
