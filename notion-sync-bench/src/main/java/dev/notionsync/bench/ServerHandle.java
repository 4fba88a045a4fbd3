package dev.notionsync.bench;

import java.io.IOException;

/**
 * A running fake Notion server with admin routes ({@code dev.notionsync.testkit.StandaloneFakeServer}): in a
 * child JVM for measurements ({@link ServerProcess}), or in-process for tests.
 */
public interface ServerHandle extends AutoCloseable {

    /** @return {@code http://127.0.0.1:PORT}: the API is under {@code /v1}, the admin routes under {@code /_admin} */
    String baseUrl();

    /** Stops the server. */
    @Override
    void close();

    /**
     * Starts servers, one per scenario.
     *
     * @since 0.1
     */
    @FunctionalInterface
    interface Launcher {

        /**
         * Starts a server with a generated workspace ({@code WorkspaceSpec.ofPages(pages).withSeed(seed)}).
         *
         * @param pages pages of the workspace
         * @param seed the workspace seed
         * @param rateLimit requests per second the server allows, 0 for no limit
         * @param burst the rate limit's bucket size
         * @return the running server
         * @throws IOException if the server cannot be started
         */
        ServerHandle start(int pages, long seed, double rateLimit, int burst) throws IOException;

        /**
         * Starts a server whose rate limit is a budget per window ({@code rateLimit} times its length, which may be
         * spent in one burst), or a token bucket when {@code windowSeconds} is 0.
         *
         * @param pages pages of the workspace
         * @param seed the workspace seed
         * @param rateLimit requests per second the server allows on average
         * @param burst the token bucket's size, when there is no window
         * @param windowSeconds the window's length, 0 for a token bucket
         * @return the running server
         * @throws IOException if the server cannot be started
         * @throws UnsupportedOperationException if this launcher has no windows and one is asked for
         */
        default ServerHandle start(int pages, long seed, double rateLimit, int burst, int windowSeconds)
                throws IOException {
            if (windowSeconds != 0) {
                throw new UnsupportedOperationException("this launcher starts token-bucket servers only");
            }
            return start(pages, seed, rateLimit, burst);
        }
    }
}
