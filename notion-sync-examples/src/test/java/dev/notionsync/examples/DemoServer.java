package dev.notionsync.examples;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import java.io.IOException;

/**
 * Serves the bundled demo workspace on a free loopback port until Enter is pressed (or standard input closes), so
 * the examples can be tried without a Notion account:
 *
 * <pre>
 * mvn -q -pl notion-sync-examples exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.notionsync.examples.DemoServer
 * </pre>
 *
 * <p>It prints the environment the examples read. Not a test: it is only in the test sources because the fake
 * server is a test dependency.
 */
public final class DemoServer {

    private DemoServer() {
    }

    /**
     * Serves until standard input ends a line or closes.
     *
     * @param args ignored
     * @throws IOException if standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.demo())) {
            System.out.println("Serving the demo workspace. In another shell:");
            System.out.println("  export NOTION_API_URL=" + server.baseUrl());
            System.out.println("  export NOTION_TOKEN=" + FakeServerOptions.DEFAULT_TOKEN);
            System.out.println("  export NOTION_RATE_LIMIT=0");
            System.out.println("Press Enter to stop.");
            System.out.flush();
            int c;
            do {
                c = System.in.read();
            } while (c != -1 && c != '\n');
        }
    }
}
