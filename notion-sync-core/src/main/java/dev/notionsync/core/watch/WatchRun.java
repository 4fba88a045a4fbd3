package dev.notionsync.core.watch;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.NotionSync;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One subscription of a {@link NotionWatch}: the journal, the endpoint, the per-object debounce timers and the one
 * lane on which fetches and reconciles run. A fetch takes every object due when it starts; what becomes due while it
 * runs wakes the lane again, and the lane keeps only the latest wake-up, so one more fetch follows and takes it all.
 */
final class WatchRun {

    private final NotionClient client;
    private final WatchOptions options;
    private final MeterRegistry meters;
    private final Sinks.Many<WatchEvent> out = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<Boolean> wake = Sinks.many().unicast().onBackpressureBuffer();
    /** Guarded by this: per object, the pending events naming it; per event, the objects still to fetch. */
    private final Map<String, Set<String>> eventsOf = new HashMap<>();
    private final Map<String, Set<String>> objectsOf = new HashMap<>();
    private final Map<String, Instant> acceptedAt = new HashMap<>();
    private final Set<String> due = new LinkedHashSet<>();
    private final Map<String, Disposable> timers = new HashMap<>();
    private boolean reconcileDue;
    private WebhookJournal journal;

    WatchRun(NotionClient client, WatchOptions options) {
        this.client = client;
        this.options = options;
        this.meters = options.meterRegistry().orElse(null);
    }

    Flux<WatchEvent> events() {
        return Mono.fromCallable(this::start).subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(server -> {
                    Disposable reconciles = Flux.interval(options.reconcileEvery(), options.reconcileEvery(),
                            options.timer()).subscribe(tick -> reconcile());
                    Flux<WatchEvent> lane = wake.asFlux().onBackpressureLatest().concatMap(ignored -> job(), 0);
                    return Flux.merge(out.asFlux(), lane)
                            .startWith(new WatchEvent.Listening((InetSocketAddress) server.address(), pendingCount()))
                            .doFinally(signal -> {
                                reconciles.dispose();
                                server.disposeNow();
                                stopTimers();
                                closeJournal();
                            });
                });
    }

    private DisposableServer start() throws IOException {
        ExportSpec spec = options.export();
        journal = WebhookJournal.open(spec.outputDir().resolve(".notion-sync"));
        String secret = options.secret().orElseGet(this::storedSecret);
        WebhookEndpoint endpoint = new WebhookEndpoint(journal, secret, options.secretFile(), meters, this::emit,
                this::accepted);
        DisposableServer server;
        try {
            server = HttpServer.create().host(options.host()).port(options.port()).handle(endpoint::handle).bindNow();
        } catch (RuntimeException error) {
            journal.close();
            throw error;
        }
        // what an earlier run acknowledged and did not fetch is due at once
        synchronized (this) {
            for (WebhookJournal.Entry entry : journal.pending()) {
                register(entry);
                due.addAll(objectsOf.getOrDefault(entry.id(), Set.of()));
            }
            reconcileDue = options.reconcileAtStart();
        }
        wakeUp();
        return server;
    }

    private String storedSecret() {
        try {
            return Files.exists(options.secretFile())
                    ? Files.readString(options.secretFile(), StandardCharsets.UTF_8).trim() : null;
        } catch (IOException error) {
            throw new UncheckedIOException("cannot read the webhook token " + options.secretFile() + ": "
                    + error.getMessage(), error);
        }
    }

    private synchronized int pendingCount() {
        return objectsOf.size();
    }

    private void emit(WatchEvent event) {
        synchronized (out) {
            out.tryEmitNext(event);
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.tryEmitNext(Boolean.TRUE);
        }
    }

    /** Called by the endpoint once an event is on disk: each object it names is fetched after the quiet time. */
    private void accepted(WebhookJournal.Entry entry) {
        Set<String> objects;
        synchronized (this) {
            objects = register(entry);
        }
        if (objects.isEmpty()) {
            markDone(Set.of(entry.id()));
            return;
        }
        for (String object : objects) {
            synchronized (this) {
                Disposable previous = timers.remove(object);
                if (previous != null) {
                    previous.dispose();
                }
                timers.put(object, options.timer().schedule(() -> {
                    synchronized (this) {
                        timers.remove(object);
                        due.add(object);
                    }
                    wakeUp();
                }, options.debounce().toNanos(), TimeUnit.NANOSECONDS));
            }
        }
    }

    private Set<String> register(WebhookJournal.Entry entry) {
        Set<String> objects = new LinkedHashSet<>(WebhookEndpoint.objects(entry.event()));
        if (!objects.isEmpty()) {
            objectsOf.put(entry.id(), objects);
            acceptedAt.put(entry.id(), entry.accepted());
            for (String object : objects) {
                eventsOf.computeIfAbsent(object, id -> new LinkedHashSet<>()).add(entry.id());
            }
        }
        return objects;
    }

    private void reconcile() {
        synchronized (this) {
            reconcileDue = true;
        }
        wakeUp();
    }

    /** The next fetch: a reconcile if one is due, else the objects due now; nothing when nothing is. */
    private Flux<WatchEvent> job() {
        boolean reconcile;
        Set<String> objects = new LinkedHashSet<>();
        Map<String, Set<String>> batch = new HashMap<>();
        synchronized (this) {
            reconcile = reconcileDue;
            reconcileDue = false;
            if (reconcile) {
                // a full export fetches every object changed before it started
                eventsOf.forEach((object, events) -> batch.put(object, new LinkedHashSet<>(events)));
                due.removeAll(batch.keySet());
            } else {
                for (String object : due) {
                    Set<String> events = eventsOf.get(object);
                    if (events != null && !events.isEmpty()) {
                        objects.add(object);
                        batch.put(object, new LinkedHashSet<>(events));
                    }
                }
                due.clear();
            }
        }
        if (!reconcile && objects.isEmpty()) {
            return Flux.empty();
        }
        ExportSpec spec = reconcile ? options.export() : options.export().mutate().only(objects).build();
        Instant started = Instant.now();
        return NotionSync.create(client).export(spec)
                .<WatchEvent>map(WatchEvent.Export::new)
                .startWith(new WatchEvent.FetchStarted(Set.copyOf(objects), reconcile))
                .concatWith(Mono.fromCallable(() -> finished(batch, objects, reconcile, started))
                        .subscribeOn(Schedulers.boundedElastic()))
                .onErrorResume(error -> !(error instanceof NotionNonTransientException notion
                        && notion.isUnauthorized()), error -> Flux.just(failed(batch, objects, reconcile, error)));
    }

    private WatchEvent finished(Map<String, Set<String>> batch, Set<String> objects, boolean reconcile,
            Instant started) {
        Set<String> applied = new LinkedHashSet<>();
        Instant now = Instant.now();
        synchronized (this) {
            batch.forEach((object, events) -> {
                Set<String> still = eventsOf.get(object);
                if (still != null) {
                    still.removeAll(events);
                    if (still.isEmpty()) {
                        eventsOf.remove(object);
                    }
                }
                for (String event : events) {
                    Set<String> left = objectsOf.get(event);
                    if (left != null && left.remove(object) && left.isEmpty()) {
                        objectsOf.remove(event);
                        applied.add(event);
                        Instant at = acceptedAt.remove(event);
                        if (meters != null && at != null) {
                            meters.timer("notion.webhook.lag").record(Duration.between(at, now));
                        }
                    }
                }
            });
        }
        markDone(applied);
        return new WatchEvent.FetchFinished(Set.copyOf(objects), reconcile, applied.size(),
                Duration.between(started, now));
    }

    private WatchEvent failed(Map<String, Set<String>> batch, Set<String> objects, boolean reconcile,
            Throwable error) {
        // the events stay pending; their objects are due again after the delay
        options.timer().schedule(() -> {
            synchronized (this) {
                if (reconcile) {
                    reconcileDue = true;
                }
                due.addAll(batch.keySet());
            }
            wakeUp();
        }, options.retryDelay().toNanos(), TimeUnit.NANOSECONDS);
        return new WatchEvent.FetchFailed(Set.copyOf(objects), reconcile, String.valueOf(error.getMessage()),
                options.retryDelay());
    }

    private void markDone(Set<String> events) {
        try {
            for (String event : events) {
                journal.done(event);
            }
        } catch (IOException error) {
            // still pending on disk: a restart fetches those objects once more, which is harmless
            emit(new WatchEvent.FetchFailed(Set.of(), false, "cannot mark webhook events done in the journal: "
                    + error.getMessage(), Duration.ZERO));
        }
    }

    private synchronized void stopTimers() {
        timers.values().forEach(Disposable::dispose);
        timers.clear();
    }

    private void closeJournal() {
        try {
            journal.close();
        } catch (IOException ignored) {
            // every line was forced when written
        }
    }
}
