package dev.notionsync.core.watch;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.WebhookSender;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The watch follows Notion's webhooks: signed events refetch their pages, nothing else gets in. */
class NotionWatchTests {

    private static final String SECRET = "secret_verification_token_for_tests";

    private FakeNotionServer server;
    private NotionClient client;
    private Workspace workspace;
    private final List<Disposable> running = new CopyOnWriteArrayList<>();

    @TempDir
    Path out;

    @BeforeEach
    void start() {
        workspace = Workspace.generate(new WorkspaceSpec(11, 12, 3, 0, 0, 0, false, false, 0, 0));
        server = FakeNotionServer.start(workspace);
        client = NotionClient.create(NotionClientOptions.builder().baseUrl(server.baseUrl())
                .token(FakeServerOptions.DEFAULT_TOKEN).requestsPerSecond(0)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(10)).build());
    }

    @AfterEach
    void stop() {
        running.forEach(Disposable::dispose);
        client.close();
        server.close();
    }

    private ExportSpec spec(PageFiles writer) {
        return ExportSpec.builder().outputDir(out).writers(writer).attachments(false).build();
    }

    /** A running watch and what it reported. */
    private final class Watching {
        final List<WatchEvent> events = new CopyOnWriteArrayList<>();
        final Disposable subscription;

        Watching(WatchOptions options) {
            subscription = NotionWatch.create(client, options).run().subscribe(events::add);
            running.add(subscription);
            await(() -> !events.isEmpty(), "the watch to listen");
        }

        String url() {
            WatchEvent.Listening listening = (WatchEvent.Listening) events.get(0);
            return "http://127.0.0.1:" + listening.address().getPort() + "/notion/webhook";
        }

        long count(Class<? extends WatchEvent> type) {
            return events.stream().filter(type::isInstance).count();
        }

        List<WatchEvent.FetchStarted> fetches() {
            return events.stream().filter(WatchEvent.FetchStarted.class::isInstance)
                    .map(WatchEvent.FetchStarted.class::cast).toList();
        }
    }

    private void exportOnce() {
        NotionSync.create(client).export(spec(new PageFiles())).blockLast(Duration.ofSeconds(60));
    }

    private String read(String id) {
        try {
            Path file = out.resolve(PageFiles.file(id));
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static int post(String url, String body, String signature) {
        return HttpClient.create().headers(h -> {
                    h.set("Content-Type", "application/json");
                    if (signature != null) {
                        h.set("X-Notion-Signature", signature);
                    }
                })
                .post().uri(url).send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                .block(Duration.ofSeconds(10));
    }

    private List<String> pages() {
        return workspace.pageIds().toList();
    }

    @Test
    void signedEventsLeadToUpdatedFilesWithinSeconds() {
        Watching watch = new Watching(WatchOptions.builder(spec(new PageFiles())).secret(SECRET)
                .debounce(Duration.ofMillis(200)).build());
        await(() -> watch.count(WatchEvent.FetchFinished.class) == 1, "the reconcile at the start");
        String page = pages().get(4);
        try (WebhookSender sender = server.sendWebhooks(watch.url(), SECRET)) {
            long before = server.requestCount();
            long start = System.nanoTime();
            workspace.editPageText(page, "Edited in Notion, seen by the watch");
            await(() -> read(page).contains("Edited in Notion, seen by the watch"), "the updated file");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("watch: webhook to updated file in " + millis + " ms (debounce 200 ms), "
                    + (server.requestCount() - before) + " API requests");
            assertThat(millis).isLessThan(10_000);
            assertThat(sender.acknowledged()).isEqualTo(1);
        }
        assertThat(watch.fetches()).last().extracting(WatchEvent.FetchStarted::objects)
                .isEqualTo(java.util.Set.of(page.replace("-", "")));
    }

    @Test
    void aForgedSignatureChangesNothingAndIsCounted() throws IOException {
        exportOnce();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Watching watch = new Watching(WatchOptions.builder(spec(new PageFiles())).secret(SECRET)
                .reconcileAtStart(false).debounce(Duration.ZERO).meterRegistry(meters).build());
        String page = pages().get(4);
        String before = read(page);
        workspace.editPageText(page, "Edited, but the event is forged");
        String body = "{\"id\":\"e1\",\"type\":\"page.content_updated\",\"entity\":{\"id\":\"" + page
                + "\",\"type\":\"page\"}}";

        int forged = post(watch.url(), body, WebhookSender.sign("not-the-token", body.getBytes(StandardCharsets.UTF_8)));
        int unsigned = post(watch.url(), body, null);

        assertThat(forged).isEqualTo(401);
        assertThat(unsigned).isEqualTo(401);
        assertThat(meters.counter("notion.webhook.rejected", "reason", "signature").count()).isEqualTo(2);
        assertThat(watch.count(WatchEvent.Accepted.class)).isZero();
        assertThat(watch.fetches()).isEmpty();
        assertThat(read(page)).isEqualTo(before);
        assertThat(Files.readString(out.resolve(".notion-sync").resolve(WebhookJournal.NAME))).isEmpty();
        // the same body, signed with the token, is accepted: the refusal was the signature's
        assertThat(post(watch.url(), body, WebhookSender.sign(SECRET, body.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(200);
        await(() -> read(page).contains("Edited, but the event is forged"), "the signed event's fetch");
    }

    @Test
    void aRestartBetweenAcknowledgementAndFetchStillAppliesTheEvent() {
        exportOnce();
        // a timer that never advances: the first watch acknowledges but never fetches
        VirtualTimeScheduler frozen = VirtualTimeScheduler.create();
        Watching first = new Watching(WatchOptions.builder(spec(new PageFiles())).secret(SECRET)
                .reconcileAtStart(false).timer(frozen).build());
        String page = pages().get(6);
        try (WebhookSender sender = server.sendWebhooks(first.url(), SECRET)) {
            workspace.editPageText(page, "Acknowledged before the restart");
            await(() -> sender.acknowledged() == 1, "the acknowledgement");
        }
        first.subscription.dispose();
        assertThat(first.fetches()).isEmpty();
        assertThat(read(page)).doesNotContain("Acknowledged before the restart");

        Watching second = new Watching(WatchOptions.builder(spec(new PageFiles())).secret(SECRET)
                .reconcileAtStart(false).build());

        assertThat(((WatchEvent.Listening) second.events.get(0)).pending()).isEqualTo(1);
        await(() -> read(page).contains("Acknowledged before the restart"), "the pending event's fetch");
        await(() -> second.count(WatchEvent.FetchFinished.class) == 1, "the end of the fetch");
        // applied: a third start finds nothing pending
        second.subscription.dispose();
        Watching third = new Watching(WatchOptions.builder(spec(new PageFiles())).secret(SECRET)
                .reconcileAtStart(false).build());
        assertThat(((WatchEvent.Listening) third.events.get(0)).pending()).isZero();
    }

    @Test
    void eventsReceivedWhileAFetchRunsAreNotLost() {
        exportOnce();
        CountDownLatch gate = new CountDownLatch(1);
        PageFiles held = new PageFiles(gate);
        Watching watch = new Watching(WatchOptions.builder(spec(held)).secret(SECRET)
                .reconcileAtStart(false).debounce(Duration.ZERO).build());
        String first = pages().get(3);
        String second = pages().get(8);
        try (WebhookSender sender = server.sendWebhooks(watch.url(), SECRET)) {
            workspace.editPageText(first, "First edit");
            await(() -> awaitLatch(held.entered), "the first fetch to be writing");
            workspace.editPageText(second, "Second edit, during the first fetch");
            workspace.editPageText(first, "First page edited again, during its own fetch");
            await(() -> sender.acknowledged() == 3, "the acknowledgements");
            gate.countDown();
            await(() -> read(second).contains("Second edit, during the first fetch")
                    && read(first).contains("First page edited again"), "both edits in the files");
        }
        assertThat(watch.fetches()).hasSizeGreaterThanOrEqualTo(2);
    }

    private static boolean awaitLatch(CountDownLatch latch) {
        return latch.getCount() == 0;
    }

    @Test
    void aBurstOfEventsForOnePageIsOneFetch() {
        exportOnce();
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Watching watch = new Watching(WatchOptions.builder(spec(new PageFiles())).secret(SECRET)
                .reconcileAtStart(false).debounce(Duration.ofSeconds(2)).timer(time).build());
        String page = pages().get(5);
        try (WebhookSender sender = server.sendWebhooks(watch.url(), SECRET)) {
            for (int i = 1; i <= 5; i++) {
                workspace.editPageText(page, "Burst edit " + i);
            }
            await(() -> sender.acknowledged() == 5, "the acknowledgements");
        }
        time.advanceTimeBy(Duration.ofMillis(1_900));
        assertThat(watch.fetches()).isEmpty();

        time.advanceTimeBy(Duration.ofMillis(100));

        await(() -> watch.count(WatchEvent.FetchFinished.class) == 1, "the fetch");
        assertThat(watch.fetches()).singleElement().extracting(WatchEvent.FetchStarted::objects)
                .isEqualTo(java.util.Set.of(page.replace("-", "")));
        assertThat(watch.events).filteredOn(WatchEvent.FetchFinished.class::isInstance)
                .singleElement().extracting(e -> ((WatchEvent.FetchFinished) e).events()).isEqualTo(5);
        assertThat(read(page)).contains("Burst edit 5");
    }

    @Test
    void theHandshakeTokenBecomesTheSigningKey() throws IOException {
        exportOnce();
        Watching watch = new Watching(WatchOptions.builder(spec(new PageFiles()))
                .reconcileAtStart(false).debounce(Duration.ZERO).build());
        String token = "secret_handshake_token";

        assertThat(WebhookSender.sendVerification(watch.url(), token)).isEqualTo(200);

        Path saved = out.resolve(".notion-sync").resolve("webhook-token");
        assertThat(Files.readString(saved).trim()).isEqualTo(token);
        assertThat(watch.events).anySatisfy(e -> assertThat(e).isEqualTo(new WatchEvent.VerificationReceived(token,
                saved)));
        // a second, unsigned handshake does not replace the key
        assertThat(WebhookSender.sendVerification(watch.url(), "secret_someone_else")).isEqualTo(200);
        assertThat(Files.readString(saved).trim()).isEqualTo(token);
        String page = pages().get(2);
        try (WebhookSender sender = server.sendWebhooks(watch.url(), token)) {
            workspace.renamePage(page, "Renamed after the handshake");
            await(() -> read(page).contains("Renamed after the handshake"), "the renamed page");
            assertThat(sender.acknowledged()).isEqualTo(1);
        }
    }

    @Test
    void aDeletedPageIsMovedAside() {
        exportOnce();
        Watching watch = new Watching(WatchOptions.builder(spec(new PageFiles())).secret(SECRET)
                .reconcileAtStart(false).debounce(Duration.ZERO).build());
        String page = pages().get(7);
        try (WebhookSender sender = server.sendWebhooks(watch.url(), SECRET)) {
            workspace.trashPage(page);
            await(() -> watch.count(WatchEvent.FetchFinished.class) == 1, "the fetch");
            assertThat(sender.acknowledged()).isEqualTo(1);
        }
        assertThat(watch.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(WatchEvent.Export.class,
                export -> assertThat(export.event()).isInstanceOfSatisfying(ExportEvent.Skipped.class,
                        skipped -> assertThat(skipped.reason()).isEqualTo(ExportEvent.Reasons.REMOVED))));
        assertThat(read(page)).contains("deleted, trashed or unshared");
    }
}
