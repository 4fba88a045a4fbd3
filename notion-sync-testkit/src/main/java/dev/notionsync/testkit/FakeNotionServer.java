package dev.notionsync.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A fake Notion REST API on {@code 127.0.0.1} and a free port, serving a {@link Workspace}: real HTTP, real
 * headers, Notion's JSON shapes, pagination, errors, rate limits, the 25-reference truncation, the query result
 * cap and expiring signed file URLs, plus scriptable faults through {@link #faults()}.
 *
 * <pre>{@code
 * try (FakeNotionServer notion = FakeNotionServer.start(Workspace.demo())) {
 *     String base = notion.baseUrl();   // e.g. http://127.0.0.1:41234, API under /v1
 *     notion.faults().rateLimitNext(2, 1);
 * }
 * }</pre>
 *
 * <p>Every response is a function of the workspace's seed, spec and mutations, the request's Notion-Version
 * and the clock. File downloads ({@code /files/...}) need no token, are never rate limited, meet only the download
 * faults of {@link FaultPlan} (expiry, redirects), and are not counted in {@link #requestCount()}.
 */
public final class FakeNotionServer implements AutoCloseable {

    private final Workspace workspace;
    private final FaultPlan faults;
    private final Gateway gateway;
    private final DisposableServer server;
    private final String baseUrl;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong open = new AtomicLong();

    private FakeNotionServer(Workspace workspace, FakeServerOptions options) {
        this.workspace = workspace;
        this.faults = new FaultPlan();
        workspace.useClock(options.clock());
        Model model = workspace.model();
        byte[] key = ("fake-s3-key:" + options.token() + ":" + model.seedHash).getBytes(StandardCharsets.UTF_8);
        FileHost files = new FileHost(model, key, options.fileUrlTtl(), options.clock(), faults);
        NotionApi api = new NotionApi(model, files, options.queryResultLimit());
        this.gateway = new Gateway(api, files, options, faults, Hash.mix(model.seedHash) & 0xffffffffffff0fffL | 0x4000L);
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                // per channel: doOnConnection runs once per request on a kept-alive connection
                .doOnChannelInit((observer, channel, remote) -> {
                    accepted.incrementAndGet();
                    open.incrementAndGet();
                    channel.closeFuture().addListener(closed -> open.decrementAndGet());
                })
                .handle(gateway::handle).bindNow();
        this.baseUrl = "http://127.0.0.1:" + server.port();
        gateway.baseUrl(baseUrl);
    }

    /**
     * Starts a server with default options (token {@value FakeServerOptions#DEFAULT_TOKEN}, one-hour file URLs,
     * no rate limit).
     *
     * @param workspace the workspace to serve
     * @return a running server; close it when done
     */
    public static FakeNotionServer start(Workspace workspace) {
        return start(workspace, FakeServerOptions.defaults());
    }

    /**
     * Starts a server. The workspace's mutation methods use this server's clock from now on.
     *
     * @param workspace the workspace to serve
     * @param options the server options
     * @return a running server; close it when done
     */
    public static FakeNotionServer start(Workspace workspace, FakeServerOptions options) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(options, "options");
        return new FakeNotionServer(workspace, options);
    }

    /** @return {@code http://127.0.0.1:PORT}, with no trailing slash and no {@code /v1} */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the bound port */
    public int port() {
        return server.port();
    }

    /** @return the served workspace */
    public Workspace workspace() {
        return workspace;
    }

    /** @return API requests received (file downloads excluded), including refused and faulted ones */
    public long requestCount() {
        return gateway.requests.get();
    }

    /**
     * Request counts per route template, e.g. {@code "GET /v1/blocks/{id}/children"}; requests that match no
     * route count under {@code "<METHOD> (unknown)"}.
     *
     * @return a snapshot, sorted by template
     */
    public Map<String, Long> requestCountsByRoute() {
        return gateway.countsByRoute();
    }

    /** @return 429 answers sent, injected or from the rate limit */
    public long rateLimitedCount() {
        return gateway.rateLimited.get();
    }

    /** @return file download requests received, whatever their outcome */
    public long downloadCount() {
        return gateway.downloads.get();
    }

    /**
     * File downloads are signed by their URL; the Notion token must never travel to the file host.
     *
     * @return file download requests received that carried an {@code Authorization} header
     */
    public long downloadsWithAuthorizationCount() {
        return gateway.downloadsWithAuthorization.get();
    }

    /**
     * TCP connections the server accepted, API and file downloads alike; a client that reuses its connections
     * opens few.
     *
     * @return connections accepted since the start
     */
    public long acceptedConnectionCount() {
        return accepted.get();
    }

    /**
     * TCP connections open right now; a client that closed its pools leaves none.
     *
     * @return connections accepted and not yet closed
     */
    public long openConnectionCount() {
        return open.get();
    }

    /** Zeroes every counter and refills the rate-limit bucket. */
    public void resetCounters() {
        gateway.resetCounters();
    }

    /** @return the live fault plan of this server */
    public FaultPlan faults() {
        return faults;
    }

    /** Stops the server at once; open connections are closed. */
    @Override
    public void close() {
        server.disposeNow();
    }
}
