package dev.notionsync.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * Runs a {@link StandaloneFakeServer} with a generated workspace ({@link WorkspaceSpec#ofPages(int)}) in a JVM of
 * its own, so that a benchmark measures the exporter's heap and CPU apart from the server's.
 *
 * <pre>
 * java -Xmx1g -cp ... dev.notionsync.testkit.FakeNotionServerMain --pages 50000 --seed 1 --rate-limit 3 --burst 3
 * </pre>
 *
 * <p>Options: {@code --pages N} (default 1000), {@code --seed S} (default 1), {@code --rate-limit RPS} (default 0:
 * off), {@code --burst B} (default 1), {@code --window S} (default 0: a token bucket; otherwise the limit is a
 * budget of {@code RPS * S} requests per window of S seconds, which may be spent in one burst), {@code --port P} (default 0: a free port), {@code --token T} (default
 * {@value FakeServerOptions#DEFAULT_TOKEN}). Prints one line, {@code LISTENING http://127.0.0.1:PORT}, on standard
 * output once it serves, then serves until standard input closes or the process is stopped.
 */
public final class FakeNotionServerMain {

    /** The start of the line printed once the server accepts connections. */
    public static final String LISTENING = "LISTENING ";

    private FakeNotionServerMain() {
    }

    /**
     * Starts the server, prints {@code LISTENING <base url>}, and serves until standard input closes.
     *
     * @param args the options above
     * @throws IOException if standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        StandaloneFakeServer server;
        try {
            server = start(args);
        } catch (IllegalArgumentException e) {
            System.err.println("FakeNotionServerMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (server) {
            System.out.println(LISTENING + server.baseUrl());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // the parent keeps standard input open for as long as it wants the server
            }
        }
    }

    /**
     * Starts the server the options describe, in this JVM.
     *
     * @param args the options above
     * @return the running server
     * @throws IllegalArgumentException when an option is unknown or its value invalid
     */
    public static StandaloneFakeServer start(String... args) {
        int pages = 1_000;
        long seed = 1;
        double rate = 0;
        int burst = 1;
        int window = 0;
        int port = 0;
        String token = FakeServerOptions.DEFAULT_TOKEN;
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i += 2) {
            String name = list.get(i);
            if (i + 1 >= list.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = list.get(i + 1);
            switch (name) {
                case "--pages" -> pages = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--rate-limit" -> rate = Double.parseDouble(value);
                case "--burst" -> burst = Integer.parseInt(value);
                case "--window" -> window = Integer.parseInt(value);
                case "--port" -> port = Integer.parseInt(value);
                case "--token" -> token = value;
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (known: --pages, --seed, --rate-limit, --burst, --window, --port, --token)");
            }
        }
        FakeServerOptions options = FakeServerOptions.builder().token(token).rateLimit(rate, burst)
                .rateWindow(Duration.ofSeconds(window)).build();
        return StandaloneFakeServer.start(Workspace.generate(WorkspaceSpec.ofPages(pages).withSeed(seed)), options, port);
    }
}
