package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a long-lived application that runs export after export keeps: no pools, connections or threads of theirs. */
class LifecycleTests {

    /** Exports run one after the other; {@code -Dlifecycle.exports=200} for the long check (minutes on a busy machine). */
    private static final int EXPORTS = Integer.getInteger("lifecycle.exports", 50);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void manyExportsInOneJvmLeaveNoConnectionsOpenAndNoMoreThreads() {
        WorkspaceSpec tiny = WorkspaceSpec.ofPages(3).withDatabases(1).withRowsPerDatabase(2).withFilesPerPage(1)
                .withCoverage(false).withHostileTitles(false);
        try (FakeNotionServer server = FakeNotionServer.start(Workspace.generate(tiny))) {
            // the shared threads (Reactor Netty's event loops, the schedulers' workers) start with the first exports
            for (int i = 0; i < 3; i++) {
                export(server, dir.resolve("warm-" + i));
            }
            Map<String, Integer> before = threads();
            long acceptedBefore = server.acceptedConnectionCount();

            for (int i = 0; i < EXPORTS; i++) {
                ExportEvent.Summary summary = export(server, dir.resolve("run-" + i));
                assertThat(summary.failures()).isEmpty();
                assertThat(summary.files()).isPositive();
            }
            Map<String, Integer> after = threads();
            long accepted = server.acceptedConnectionCount() - acceptedBefore;
            long open = openConnectionsOnceSettled(server);

            assertThat(open).as("connections still open after %d closed clients", EXPORTS).isZero();
            assertThat(accepted).as("each export opens connections of its own").isGreaterThanOrEqualTo(EXPORTS);
            after.forEach((group, count) -> {
                if (group.startsWith("boundedElastic")) {
                    // idle workers live on for a minute, but their number is capped
                    assertThat(count).as(group).isLessThanOrEqualTo(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
                } else {
                    assertThat(count).as("threads named %s* after %d exports (before: %s)", group, EXPORTS, before)
                            .isLessThanOrEqualTo(before.getOrDefault(group, 0));
                }
            });
            System.out.printf("after %d exports: threads %s (before %s); connections accepted %d, open %d%n",
                    EXPORTS, after, before, accepted, open);
        }
    }

    private static ExportEvent.Summary export(FakeNotionServer server, Path out) {
        try (NotionClient client = NotionClient.create(NotionClientOptions.builder()
                .baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN)
                .requestsPerSecond(0)
                .build())) {
            return Exports.export(NotionSync.create(client),
                    ExportSpec.builder().outputDir(out).writers(new TextWriter()).build()).summary();
        }
    }

    /** Live threads by name, the digits that number them left out. */
    private static Map<String, Integer> threads() {
        Map<String, Integer> groups = new TreeMap<>();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .forEach(thread -> groups.merge(thread.getName().replaceAll("\\d+", "#"), 1, Integer::sum));
        return groups;
    }

    /** The server sees a closed connection a moment after the client closed it. */
    private static long openConnectionsOnceSettled(FakeNotionServer server) {
        return Flux.interval(Duration.ofMillis(20))
                .map(tick -> server.openConnectionCount())
                .takeUntil(open -> open == 0)
                .take(Duration.ofSeconds(5))
                .blockLast(Duration.ofSeconds(10));
    }
}
