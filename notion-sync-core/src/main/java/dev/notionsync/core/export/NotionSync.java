package dev.notionsync.core.export;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.RequestListener;
import dev.notionsync.core.SearchQuery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Exports a Notion workspace: discovers everything the token can see, assembles each page and database completely
 * and hands it to the writers.
 *
 * <pre>{@code
 * ExportEvent.Finished done = NotionSync.create(notion)
 *         .export(ExportSpec.builder()
 *                 .outputDir(Path.of("backup"))
 *                 .writers(JsonWriter.create(), MarkdownWriter.create())
 *                 .build())
 *         .doOnNext(System.err::println)
 *         .ofType(ExportEvent.Finished.class)
 *         .blockLast();
 * }</pre>
 *
 * <p>Discovery starts from {@code search} and walks the workspace graph (child pages, child databases, their data
 * sources and rows, linked and mentioned pages), because search alone does not list everything. Objects are
 * deduplicated by id. What cannot be read is reported as {@link ExportEvent.PageFailed} or
 * {@link ExportEvent.Skipped} and the export goes on; a refused token stops it with a
 * {@link NotionNonTransientException}.
 *
 * @since 0.1
 */
public final class NotionSync {

    /** The machine-readable report every export writes into its output folder. */
    public static final String REPORT_FILE = ReportFile.NAME;

    /** How often {@link ExportEvent.Progress} is raised while an export runs: often enough for a live display. */
    private static final Duration PROGRESS_PERIOD = Duration.ofSeconds(1);
    /** How long a cancel waits for the steps in flight: a step stuck on a hung disk must not hold a Ctrl-C. */
    private static final Duration QUIET_PATIENCE = Duration.ofSeconds(30);

    private final NotionClient client;
    private final Consumer<Path> afterMove;

    private NotionSync(NotionClient client, Consumer<Path> afterMove) {
        this.client = client;
        this.afterMove = afterMove;
    }

    /**
     * Creates an exporter over a client.
     *
     * @param client the client
     * @return the exporter
     * @throws NullPointerException if {@code client} is {@code null}
     */
    public static NotionSync create(NotionClient client) {
        return new NotionSync(Objects.requireNonNull(client, "client"), path -> { });
    }

    /** For tests: an exporter that calls {@code afterMove} between moving a removed file aside and its note. */
    static NotionSync create(NotionClient client, Consumer<Path> afterMove) {
        return new NotionSync(client, afterMove);
    }

    /**
     * Returns a cold stream that runs the export when subscribed. Cancelling the subscription stops every request,
     * leaves no half-written file and writes the report, with status {@code interrupted}, of what was done so far
     * (on the cancelling thread, unless that is a Netty thread); a later export into the same folder resumes.
     *
     * @param spec what to export and where
     * @return the events of the export: {@link ExportEvent.Started} first, {@link ExportEvent.Finished} last
     */
    public Flux<ExportEvent> export(ExportSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return Mono.fromCallable(() -> Session.open(spec, client.options().token()))
                .subscribeOn(Schedulers.boundedElastic())
                // closed before the last signal goes downstream, so a caller that reruns at once finds the folder free;
                // and on cancel
                .flatMapMany(session -> run(spec, session).doOnTerminate(session::close)
                        .doFinally(signal -> session.close()));
    }

    /**
     * What one export holds open in its output folder: the lock and state, the report being written, and the manifest
     * of what its writers produce.
     */
    private record Session(FileNames names, ExportState state, ReportFile report, OutputManifest manifest,
            AtomicBoolean closed) {

        static Session open(ExportSpec spec, String token) {
            Path out = spec.outputDir();
            try {
                Files.createDirectories(out);
            } catch (IOException error) {
                throw new UncheckedIOException("cannot create the output folder " + out + ": "
                        + error.getMessage(), error);
            }
            Set<String> owned = OutputFolder.owned(spec);
            OutputFolder.checkNoLinks(out, owned);
            FileNames names = FileNames.forExport(spec.subtreeOnly());
            ExportState state = ExportState.open(out, names);
            try {
                OutputFolder.removeTemporaryFiles(out, owned);
                // taken aside before this run changes anything: see OutputManifest
                OutputManifest manifest = OutputManifest.open(out.resolve(StateDirectory.NAME));
                return new Session(names, state, ReportFile.open(out, token), manifest, new AtomicBoolean());
            } catch (RuntimeException error) {
                state.close();
                throw error;
            }
        }

        void close() {
            if (closed.getAndSet(true)) {
                return;
            }
            report.discard();
            manifest.close();
            state.close();
        }
    }

    private Flux<ExportEvent> run(ExportSpec spec, Session session) {
        ExportRun run = new ExportRun(spec, session.names(), client.options().meterRegistry().orElse(null));
        ExportState state = session.state();
        ReportFile report = session.report();
        OutputManifest manifest = session.manifest();
        WorkQueue queue = new WorkQueue(session.names().ids(), run.progress()::discovered);
        List<ExportWriter> writers = spec.writers();
        // a rerun whose writers all vouch for their files hands them its objects after the crawl, so that one which
        // finds nothing changed needs none of them (see ExportWriter.fingerprint)
        boolean afterCrawl = !state.isEmpty() && !spec.full() && spec.roots().isEmpty() && spec.only().isEmpty()
                && writers.stream().allMatch(writer -> writer.fingerprint().isPresent());
        Assembler assembler = new Assembler(client, spec, run, queue, state, afterCrawl);
        Removal removal = new Removal(client, state, run, afterMove);

        // a removal a killed run left half done is completed first, before anything else touches the folder
        Mono<Void> resume = Mono.<Void>fromRunnable(() -> uncheckedResume(state, spec.outputDir()))
                .subscribeOn(Schedulers.boundedElastic());
        Mono<Void> prepare = resume.then(client.me()).doOnNext(run::addUser)
                .thenMany(client.users()
                        .doOnNext(run::addUser)
                        .onErrorResume(error -> error instanceof NotionNonTransientException notion
                                && !notion.isUnauthorized(), error -> {
                            // only a 403 means the token may not list users; anything else says what it was
                            String reason = Failures.reason(error);
                            run.emit(new ExportEvent.Skipped("users", reason,
                                    ExportEvent.Reasons.FORBIDDEN.equals(reason)
                                            ? "the user list is not readable with this token; users are fetched by id"
                                            : "the user list could not be read; users are fetched by id: "
                                                    + Failures.message(error)));
                            return Flux.empty();
                        }))
                .then(Mono.fromRunnable(() -> queue.add(seeds(spec, assembler))));

        // after the crawl: the removal candidates Notion still has, then what the previous run exported and this
        // one did not (so every index and CSV keeps it), each phase once the one before is done; a crawl that hands
        // its objects afterwards takes the leftovers after the objects that waited
        Supplier<Flux<Work>> leftovers = () -> assembler.leftovers(removal.confirmedIds());
        Iterator<Supplier<Flux<Work>>> phases = (afterCrawl
                ? List.<Supplier<Flux<Work>>>of(() -> removal.confirm(assembler.listed()))
                : List.<Supplier<Flux<Work>>>of(
                        () -> spec.roots().isEmpty() ? removal.confirm(assembler.listed()) : Flux.empty(),
                        leftovers)).iterator();
        Flux<PageExport> crawl = prepare
                .thenMany(queue.run(assembler::process, spec.concurrency(), () -> {
                    // each time the crawl runs dry, first the pages only links and mentions led to and no listing
                    // returned, then the next phase
                    List<Work> referenced = assembler.index().unlistedReferences();
                    if (referenced != null) {
                        return Flux.fromIterable(referenced);
                    }
                    return phases.hasNext() ? phases.next().get() : null;
                }));
        Supplier<Optional<String>> digest = () -> OutputManifest.digest(spec, client.options().notionVersion(),
                run.users());
        AtomicBoolean quiet = new AtomicBoolean();

        Sinks.Empty<Void> crawled = Sinks.empty();
        Flux<ExportEvent> written = (afterCrawl
                ? crawl.collectList().flatMapMany(kept -> {
                    if (unchanged(assembler, run, state, removal) && digest.get()
                            .filter(d -> manifest.vouchesFor(d, assembler.crawledIds(), kept)).isPresent()) {
                        // nothing changed and every file is as the last run left it: what the writers would do
                        quiet.set(true);
                        return manifest.events().map(event -> event instanceof ExportEvent.PageExported exported
                                && assembler.refetchedUnchanged(exported.id())
                                ? new ExportEvent.PageExported(exported.id(), exported.kind(), exported.title(),
                                        exported.blocks(), false)
                                : event);
                    }
                    // the crawl has every object done; the writers' pass is a stage of its own
                    // (a linked database's placeholder is counted by its skip, not as an object written)
                    run.progress().writing(kept.stream().filter(export -> !export.isPlaceholder()).count()
                            + assembler.crawledIds().size());
                    return write(writers, handed(Flux.fromIterable(kept).concatWith(assembler.crawled())
                            .concatWith(Flux.defer(leftovers)
                                    .doOnNext(work -> run.progress().toWrite(
                                            work instanceof Work.Replays replays ? replays.ids().size() : 1))
                                    .concatMap(assembler::process)), run, state, assembler, manifest), run, manifest);
                })
                : write(writers, handed(crawl, run, state, assembler, manifest), run, manifest))
                .doOnNext(run::count)
                .doFinally(signal -> {
                    run.closeSide();
                    crawled.tryEmitEmpty();
                });

        Flux<ExportEvent> removed = Flux.defer(() -> spec.roots().isEmpty()
                        ? Flux.fromIterable(uncheckedRemoval(removal, spec.outputDir()))
                        : Flux.<ExportEvent>empty())
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(run::count)
                .doOnNext(report::record);

        // what an earlier run could not download and this run did not reach stays named until it arrives
        Flux<ExportEvent> stillMissing = Flux.defer(() -> Flux.fromIterable(Attachments.stillMissing(state, run)))
                .doOnNext(run::count)
                .doOnNext(report::record);

        Mono<ExportEvent> finished = Mono.<ExportEvent>fromCallable(() -> {
            ExportEvent.Finished done = run.finished();
            report.finish(done.summary(), null);
            if (quiet.get()) {
                manifest.keep();
            } else if (done.summary().failures().isEmpty() && !run.incomplete() && state.missing().isEmpty()) {
                // only a complete run vouches for its files: one with failures is rendered again next time
                digest.get().ifPresentOrElse(manifest::complete, manifest::discard);
            } else {
                manifest.discard();
            }
            return done;
        }).subscribeOn(Schedulers.boundedElastic());

        Flux<ExportEvent> events = Flux.merge(written, run.sideEvents(),
                        run.progress().events(PROGRESS_PERIOD, crawled.asMono()))
                // side events are raised where a failure or an answer arrives, on Netty threads: the state and the
                // report they are written to are files
                .publishOn(Schedulers.boundedElastic())
                // after a cancel an event still on its way records nothing: the cancel writes the report
                .doOnNext(event -> run.output().ifOpen(() -> {
                    remember(event, run, state, manifest, spec.outputDir());
                    report.record(event);
                }))
                .startWith(new ExportEvent.Started(Instant.now(), spec.outputDir()))
                .concatWith(removed)
                .concatWith(stillMissing)
                .concatWith(finished)
                .onErrorMap(error -> DiskFull.named(error, spec.outputDir()))
                .onErrorResume(error -> Mono.fromCallable(() -> report.finish(run.finished().summary(), error))
                        .subscribeOn(Schedulers.boundedElastic())
                        .onErrorResume(reportFailure -> {
                            // the failure that stopped the export stays the one reported
                            if (reportFailure != error) {
                                error.addSuppressed(reportFailure);
                            }
                            return Mono.empty();
                        })
                        .then(Mono.error(error)));
        // the download pool is closed before the last event goes downstream, so a caller that counts connections
        // once the export ended finds none of it; on cancel it closes right after
        return Flux.usingWhen(Mono.just(assembler), ignored -> events, Assembler::disposeLater,
                        (used, error) -> used.disposeLater(), Assembler::disposeLater)
                // before the cancel goes upstream, so that no step writing into the folder begins while it does
                .doOnCancel(() -> run.output().close())
                // once the cancel went upstream and the resources were released: the steps it stopped are counted
                .doFinally(signal -> {
                    if (signal == SignalType.CANCEL) {
                        interrupted(report, run);
                    }
                })
                .contextWrite(context -> context.put(RequestListener.class, run));
    }

    /**
     * A cancelled export (Ctrl-C) still leaves the report of what it did. The steps writing into the folder that had
     * not begun are refused; on a thread that may block, the cancel waits for those in flight (a file being written,
     * a temporary file being removed) and then writes the report, so that a caller finds the folder quiet and the
     * report complete once {@code cancel()} returns. A cancel from a Netty thread waits for nothing and writes no
     * report: file I/O there would stall the connections, and the session closes right after the cancel.
     */
    private static void interrupted(ReportFile report, ExportRun run) {
        // the gate was closed as the cancel began (doOnCancel, before the cancel went upstream)
        if (!Schedulers.isInNonBlockingThread()) {
            run.output().awaitQuiet(QUIET_PATIENCE);
            report.interrupted(run.finished().summary());
        }
    }

    /**
     * Records the files written for fetched objects, so they can be moved aside when the object disappears, and the
     * hash of every file whose content changed (a replayed object's file changes when what it shows of others
     * does), so the state always holds the hash of what is on disk.
     */
    private static void remember(ExportEvent event, ExportRun run, ExportState state, OutputManifest manifest,
            Path outputDir) {
        if (event instanceof ExportEvent.PageExported exported) {
            manifest.exported(exported);
        }
        if (event instanceof ExportEvent.PageWritten written && !"attachments".equals(written.writer())
                && (!run.isReplayed(written.id()) || written.changed())) {
            state.file(written.id(), written.file(), ExportFiles.sha256(outputDir.resolve(written.file())));
            run.links().renamedFrom(written.id()).ifPresent(old -> dropOld(written, old, run, state, outputDir));
        }
    }

    /**
     * The objects handed to the writers: first those of the crawl, then, once the names of same-title objects are
     * settled (oldest first, whatever the order of the crawl), the objects that got another name, handed again under
     * it, then the objects written before something they link to (or linking to a renamed one), rendered again with
     * local links: decided once every other object went past the step below, which the end of the stream before proves.
     */
    private static Flux<PageExport> handed(Flux<PageExport> crawl, ExportRun run, ExportState state,
            Assembler assembler, OutputManifest manifest) {
        return crawl
                .concatWith(Flux.defer(() -> settle(run, state)).concatMap(assembler::process)
                        .map(PageExport::asRenamed))
                .concatWith(Flux.defer(() -> run.links().relinks()).concatMap(assembler::process))
                .doOnNext(export -> {
                    // objects replayed only to keep the indexes whole, or to rewrite their links, were not exported
                    // by this run
                    if (!run.isLate(export.id())) {
                        run.exported(export);
                    }
                    if (!export.isRelink() && OutputManifest.withoutSnapshot(export)) {
                        manifest.kept(export);
                    }
                    run.links().handed(export);
                });
    }

    /** Every writer over the objects handed; what they report is noted in the manifest of the output. */
    private static Flux<ExportEvent> write(List<ExportWriter> writers, Flux<PageExport> exports, ExportRun run,
            OutputManifest manifest) {
        // every writer must subscribe before the first object flows; a small prefetch keeps memory bounded
        Flux<PageExport> shared = exports.publish(2).refCount(writers.size());
        Flux<PageExport> once = shared.filter(export -> !export.isRelink());
        Flux<PageExport> renamedToo = shared.filter(export -> !export.isRelink() || export.isRenamed());
        return Flux.merge(writers.stream()
                        .map(writer -> writer.write(writer.rewritesLinks() ? shared
                                : writer.writesFilePerObject() ? renamedToo : once, run)).toList())
                .doOnNext(manifest::written);
    }

    /**
     * Whether the crawl found every object of the last run as that run left it: none fetched (Notion showed no
     * edit), none failed, gone or left over, every name and title as restored, no file missing. Then only the
     * files can tell the writers have anything to do.
     */
    private static boolean unchanged(Assembler assembler, ExportRun run, ExportState state, Removal removal) {
        if (assembler.fetchedCount() > 0 || !run.failedIds().isEmpty() || run.incomplete()
                || !run.goneIds().isEmpty() || !removal.confirmedIds().isEmpty() || !state.missing().isEmpty()
                || run.names().changes() > 0) {
            return false;
        }
        Set<String> crawled = new java.util.HashSet<>();
        assembler.crawledIds().forEach(id -> crawled.add(FileNames.normalizeId(id)));
        return crawled.equals(state.knownIds());
    }

    /**
     * The names of the run are settled: same-title objects named oldest first. The renames (and the blocks links point
     * at) are checkpointed, and the renamed objects handed again.
     */
    private static Flux<Work> settle(ExportRun run, ExportState state) {
        return Mono.fromCallable(() -> {
            run.links().settle().keySet().forEach(id -> state.named(id, run.names().name(id).orElseThrow(),
                    run.names().title(id).orElse("")));
            state.anchors(run.links().newAnchors());
            return run.links();
        }).subscribeOn(Schedulers.boundedElastic()).flatMapMany(LinkPlan::renames);
    }

    /**
     * A renamed object's file under its new name is written: the one under the old name (same folder, same
     * extension) goes, unless another object holds that name now (its own file replaces it).
     */
    private static void dropOld(ExportEvent.PageWritten written, String old, ExportRun run, ExportState state,
            Path outputDir) {
        String file = written.file().getFileName().toString();
        String name = run.names().name(written.id()).orElse("");
        if (!file.startsWith(name + ".")) {
            return;
        }
        Path before = written.file().resolveSibling(old + file.substring(name.length()));
        state.dropped(written.id(), before);
        if (!run.names().taken(old)) {
            try {
                Files.deleteIfExists(ExportFiles.inside(outputDir, before.toString().replace('\\', '/')));
            } catch (IOException error) {
                throw new UncheckedIOException("cannot remove " + before + " (renamed to " + written.file() + "): "
                        + error.getMessage(), error);
            }
        }
    }

    private static List<ExportEvent> uncheckedRemoval(Removal removal, Path outputDir) {
        try {
            return removal.apply(outputDir);
        } catch (IOException error) {
            throw new UncheckedIOException("cannot move removed pages aside in " + outputDir + ": "
                    + error.getMessage(), error);
        }
    }

    private static void uncheckedResume(ExportState state, Path outputDir) {
        try {
            Removal.resume(state, outputDir);
        } catch (IOException error) {
            throw new UncheckedIOException("cannot complete the removal a stopped run left in " + outputDir + ": "
                    + error.getMessage(), error);
        }
    }

    private Flux<Work> seeds(ExportSpec spec, Assembler assembler) {
        if (!spec.only().isEmpty()) {
            return Flux.fromIterable(spec.only()).map(id -> new Work.PageWork(id, null, Work.Origin.LISTED));
        }
        if (spec.roots().isEmpty()) {
            return assembler.listing(client.search(SearchQuery.all()));
        }
        return Flux.fromIterable(spec.roots()).map(id -> new Work.PageWork(id, null, Work.Origin.LISTED));
    }
}
