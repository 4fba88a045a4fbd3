package dev.notionsync.core;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests one after the other share a kept-alive connection instead of paying a handshake each. */
class ConnectionReuseTests {

    @Test
    void sequentialRequestsReuseOneConnection() {
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.ofPages(2)
                .withDatabases(0).withCoverage(false).withHostileTitles(false)));
                NotionClient client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                        .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0).build())) {
            String page = server.workspace().pageIds().findFirst().orElseThrow();
            long before = server.acceptedConnectionCount();

            Long answers = Flux.range(0, 20)
                    .concatMap(i -> i % 2 == 0 ? client.me().then() : client.page(page).then())
                    .then(Flux.range(0, 5).concatMap(i -> client.children(page).count()).count())
                    .block(Duration.ofSeconds(30));

            assertThat(answers).isEqualTo(5);
            // a connection goes back to the pool just after its answer is read, so the next request may open a
            // second one before the first is idle again; never one per request
            assertThat(server.acceptedConnectionCount() - before).as("connections for 25 sequential requests")
                    .isBetween(1L, 2L);
        }
    }
}
