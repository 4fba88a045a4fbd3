package dev.notionsync.testkit;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The {@link FakeNotionServer} API on a port of your choice, plus unauthenticated admin routes under
 * {@value #ADMIN_PREFIX} for driving the server from another process (a benchmark, a load test). Admin requests are
 * not API requests: they are never counted, rate limited or faulted. Start it in its own JVM with
 * {@link FakeNotionServerMain}, or in-process for tests.
 *
 * <table>
 *   <caption>Admin routes (JSON answers)</caption>
 *   <tr><th>route</th><th>answer</th></tr>
 *   <tr><td>{@code GET /_admin/stats}</td><td>{@code requests}, {@code rateLimited}, {@code downloads},
 *       {@code byRoute}, {@code byStatus} (API answers by HTTP status), {@code serviceNanos} (summed time from
 *       request to response), {@code cpuNanos} (this JVM's CPU time), {@code heapUsed}, {@code uptimeMillis}</td></tr>
 *   <tr><td>{@code POST /_admin/reset}</td><td>zeroes the counters and refills the rate-limit bucket; answers
 *       the stats</td></tr>
 *   <tr><td>{@code POST /_admin/edit?fraction=0.01&seed=7}</td><td>edits the first text block of that fraction of
 *       the pages (rows included, chosen by the seed) through {@link Workspace#editPageText};
 *       answers {@code {edited, pages}}</td></tr>
 *   <tr><td>{@code GET /_admin/minimum}</td><td>the fewest API requests a complete export needs, by kind, and the
 *       workspace's shape (pages, rows, databases, blocks, ...)</td></tr>
 * </table>
 */
public final class StandaloneFakeServer implements AutoCloseable {

    /** The path prefix of the admin routes. */
    public static final String ADMIN_PREFIX = "/_admin/";

    private final Workspace workspace;
    private final Gateway gateway;
    private final AdminRoutes admin;
    private final DisposableServer server;
    private final String baseUrl;

    private StandaloneFakeServer(Workspace workspace, FakeServerOptions options, int port) {
        this.workspace = workspace;
        // FakeNotionServer's wiring, on a chosen port and with admin routes in front of the gateway
        workspace.useClock(options.clock());
        Model model = workspace.model();
        byte[] key = ("fake-s3-key:" + options.token() + ":" + model.seedHash).getBytes(StandardCharsets.UTF_8);
        FaultPlan faults = new FaultPlan();
        FileHost files = new FileHost(model, key, options.fileUrlTtl(), options.clock(), faults);
        NotionApi api = new NotionApi(model, files, options.queryResultLimit());
        this.gateway = new Gateway(api, files, options, faults, Hash.mix(model.seedHash) & 0xffffffffffff0fffL | 0x4000L);
        this.admin = new AdminRoutes(workspace, gateway);
        this.server = HttpServer.create().host("127.0.0.1").port(port).handle(this::handle).bindNow();
        this.baseUrl = "http://127.0.0.1:" + server.port();
        gateway.baseUrl(baseUrl);
    }

    /**
     * Starts a server on {@code 127.0.0.1}.
     *
     * @param workspace the workspace to serve
     * @param options the server options (token, rate limit, ...)
     * @param port the port, or 0 for a free one
     * @return a running server; close it when done
     */
    public static StandaloneFakeServer start(Workspace workspace, FakeServerOptions options, int port) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(options, "options");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        return new StandaloneFakeServer(workspace, options, port);
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = new QueryStringDecoder(request.uri()).rawPath();
        if (path.startsWith(ADMIN_PREFIX)) {
            return admin.handle(request, response);
        }
        if (path.startsWith("/files/")) {
            return gateway.handle(request, response);
        }
        long start = System.nanoTime();
        return Mono.from(gateway.handle(request, response))
                .doFinally(signal -> admin.answered(response.status().code(), System.nanoTime() - start));
    }

    /** @return {@code http://127.0.0.1:PORT}, with no trailing slash; the API is under {@code /v1} */
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

    /** Stops the server at once; open connections are closed. */
    @Override
    public void close() {
        server.disposeNow();
    }
}
