package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.FailureKind;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.Secrets;
import dev.notionsync.core.model.NotionObject;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.URLDecoder;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads the Notion-hosted files of each export into {@code files/}, content-addressed so identical files are
 * stored once. Downloads go to the file host, not the API: they take no rate-limit permits, run with their own
 * concurrency, and never carry the Notion token. A URL that expired (or was about to) is refreshed by fetching its
 * owning object again; a download that still fails is reported and the export goes on. Redirects are followed only to
 * targets {@link Redirects} allows, at most {@value Redirects#MAX} of them; a refused one is a failed download naming
 * the target. A download that fails on the way (a 5xx, a reset connection, a timeout) is tried again with the
 * client's retry settings ({@link NotionClientOptions#maxRetries()}, exponential backoff with jitter between
 * {@link NotionClientOptions#minBackoff()} and {@link NotionClientOptions#maxBackoff()}); a 4xx is not, except an
 * expired URL, which is refreshed. The files still missing after all that are kept per object until it is
 * checkpointed, so the export state remembers them and the next run fetches the object (and its URLs) again.
 */
final class Attachments {

    private static final Pattern EXTENSION = Pattern.compile("\\.([A-Za-z0-9]{1,10})$");
    /** Refresh a URL that expires within this margin instead of racing its expiry. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    /** How often one file's URL is fetched again before the download counts as failed. */
    private static final int REFRESHES = 3;

    private final NotionClient client;
    private final ExportRun run;
    private final HttpClient http;
    private final ConnectionProvider pool;
    private final Path outputDir;
    private final long maxBytes;
    private final int concurrency;
    private final Redirects redirectPolicy = new Redirects(InetAddress::getAllByName);
    /** The files of each object whose download failed in this run, by object id, until it is checkpointed. */
    private final Map<String, List<String>> missing = new ConcurrentHashMap<>();

    Attachments(NotionClient client, ExportRun run, ExportSpec spec) {
        this.client = client;
        this.run = run;
        this.outputDir = spec.outputDir();
        this.maxBytes = spec.maxFileBytes();
        this.concurrency = spec.downloadConcurrency();
        this.pool = ConnectionProvider.builder("notion-sync-files")
                .maxConnections(concurrency)
                .pendingAcquireMaxCount(-1)
                .build();
        this.http = HttpClient.create(pool)
                // redirects are followed by hand, each target checked first: see Redirects
                .followRedirect(false)
                .responseTimeout(Duration.ofSeconds(120));
    }

    /**
     * Closes the connections to the file host. Each export has a pool of its own, so that its downloads run with the
     * export's concurrency; without this an application running many exports would keep every pool's connections.
     */
    Mono<Void> disposeLater() {
        return pool.disposeLater();
    }

    /** Downloads every hosted file of the export and returns it with the local copies recorded. */
    Mono<PageExport> download(PageExport export) {
        List<HostedFiles.HostedFile> files = HostedFiles.of(export);
        if (files.isEmpty()) {
            return Mono.just(export);
        }
        List<String> failed = new CopyOnWriteArrayList<>();
        return Flux.fromIterable(files)
                .distinct(HostedFiles.HostedFile::url)
                .flatMap(file -> fetch(file)
                        .map(path -> Map.entry(file.url(), path))
                        .onErrorResume(error -> !isFatal(error), error -> {
                            if (report(file, error)) {
                                failed.add(file.stableUrl());
                            }
                            return Mono.empty();
                        }), concurrency)
                .doOnComplete(() -> {
                    if (!failed.isEmpty()) {
                        missing.put(FileNames.normalizeId(export.id()), List.copyOf(failed));
                    }
                })
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(export::withFiles);
    }

    /**
     * The files of an object whose download failed in this run (their URLs without the signature), forgotten here
     * once asked for: the checkpoint of the object records them.
     */
    List<String> missing(String id) {
        List<String> files = missing.remove(FileNames.normalizeId(id));
        return files == null ? List.of() : files;
    }

    /**
     * The files earlier runs could not download for objects this run neither fetched nor reported: one failure per
     * file, so the report and the summary keep naming them until they arrive.
     */
    static List<ExportEvent> stillMissing(ExportState state, ExportRun run) {
        List<ExportEvent> events = new ArrayList<>();
        for (ExportState.Missing object : state.missing()) {
            String key = FileNames.normalizeId(object.id());
            if (run.foundIds().contains(key) || run.failedIds().contains(key)) {
                continue;
            }
            for (String file : object.files()) {
                events.add(new ExportEvent.PageFailed(object.id(), ExportEvent.Reasons.DOWNLOAD_FAILED,
                        "download of " + file + " failed in an earlier run and was not tried again: this run did not "
                                + "reach its " + state.entry(object.id()).map(ExportState.Entry::kind)
                                        .orElse("object")));
            }
        }
        return events;
    }

    private Mono<String> fetch(HostedFiles.HostedFile file) {
        boolean expiring = file.expiry() != null && file.expiry().isBefore(Instant.now().plus(EXPIRY_MARGIN));
        return expiring ? refreshAndGet(file, REFRESHES) : get(file).onErrorResume(Expired.class,
                expired -> refreshAndGet(file, REFRESHES));
    }

    /** Fetches a fresh URL and downloads it; a fresh URL refused again is refreshed once more, up to a limit. */
    private Mono<String> refreshAndGet(HostedFiles.HostedFile file, int refreshesLeft) {
        Mono<String> attempt = refresh(file).flatMap(this::get);
        return refreshesLeft <= 1 ? attempt
                : attempt.onErrorResume(Expired.class, expired -> refreshAndGet(file, refreshesLeft - 1));
    }

    /** A download, tried again on transient failures with the client's retry settings. */
    private Mono<String> get(HostedFiles.HostedFile file) {
        NotionClientOptions options = client.options();
        return get(file, file.url(), null, 0)
                .retryWhen(Retry.backoff(options.maxRetries(), options.minBackoff())
                        .maxBackoff(options.maxBackoff())
                        .jitter(0.5)
                        .filter(error -> error instanceof DownloadException download && download.kind().isTransient())
                        .onRetryExhaustedThrow((spec, signal) -> new DownloadException(FailureKind.DOWNLOAD_FAILED,
                                signal.failure().getMessage() + " (gave up after " + signal.totalRetries()
                                        + " retries)")))
                .doOnNext(path -> run.emit(new ExportEvent.PageWritten(file.ownerId(), "attachments", Path.of(path))));
    }

    /**
     * One request of a download: the file's URL, or the target of a redirect {@link Redirects} allowed, connected to
     * at the address that was checked.
     */
    private Mono<String> get(HostedFiles.HostedFile file, String url, InetAddress pinned, int redirects) {
        String extension = extension(file.stableUrl());
        return request(http, url, pinned)
                .response((response, body) -> {
                    int status = response.status().code();
                    String location = response.responseHeaders().get(HttpHeaderNames.LOCATION);
                    if (Redirects.isRedirect(status) && location != null) {
                        return Mono.error(new Redirected(location));
                    }
                    if (status == 403 || status == 400) {
                        return Mono.error(new Expired());
                    }
                    if (status < 200 || status >= 300) {
                        // a 5xx is the host's fault and worth another try; any other 4xx will not change
                        return Mono.error(new DownloadException(status >= 500 ? FailureKind.FAULT
                                : FailureKind.DOWNLOAD_FAILED, "the file host answered " + status));
                    }
                    String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
                    long expected = length == null ? -1 : Long.parseLong(length);
                    if (expected > maxBytes) {
                        return Mono.error(new TooLarge(expected));
                    }
                    // each step on the file is counted by the run's output gate, so a cancel waits for the one
                    // in flight and the removal of the temporary file before it returns
                    OutputGate output = run.output();
                    return Mono.using(() -> output.writing(() -> ContentAddressedFile.open(outputDir, maxBytes,
                                    expected)),
                            sink -> body.asByteArray()
                                    .publishOn(Schedulers.boundedElastic(), 8)
                                    .doOnNext(chunk -> output.write(() -> sink.write(chunk)))
                                    .then(Mono.fromCallable(() -> output.writing(() -> sink.commit(extension)))),
                            sink -> output.cleanup(sink::discard));
                })
                .single()
                .onErrorMap(Attachments::isNetworkFailure, Attachments::networkFailure)
                .onErrorResume(Redirected.class, redirect -> follow(file, url, redirect.location, redirects + 1));
    }

    /**
     * A failure of the connection to the file host (refused, reset, closed early, timed out), as opposed to one of
     * the disk or of this code: only these are worth another try.
     */
    private static boolean isNetworkFailure(Throwable error) {
        String name = error.getClass().getName();
        return error instanceof SocketException || error instanceof ClosedChannelException
                || error instanceof TimeoutException
                || name.startsWith("io.netty") || name.startsWith("reactor.netty");
    }

    private static DownloadException networkFailure(Throwable error) {
        boolean timeout = error instanceof TimeoutException || error.getClass().getSimpleName().contains("Timeout");
        String detail = error.getMessage() != null ? Secrets.redact(error.getMessage())
                : error.getClass().getSimpleName();
        return new DownloadException(timeout ? FailureKind.TIMEOUT : FailureKind.CONNECTION_FAILED,
                (timeout ? "the file host did not answer in time: " : "the connection to the file host failed: ")
                        + detail);
    }

    /**
     * A GET of a URL; with a pinned address, the connection goes to that address (the host's name still used for
     * the Host header, TLS server name and certificate check) instead of resolving the host again.
     */
    static HttpClient.ResponseReceiver<?> request(HttpClient http, String url, InetAddress pinned) {
        if (pinned == null) {
            return http.get().uri(url);
        }
        URI uri = uri(url);
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByAddress(host, pinned.getAddress()), Redirects.port(uri));
        } catch (UnknownHostException e) {
            throw new DownloadException("the checked address of " + host + " is not valid");
        }
        String hostHeader = uri.getPort() >= 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        HttpClient pinnedClient = http.remoteAddress(() -> address)
                .headers(headers -> headers.set(HttpHeaderNames.HOST, hostHeader));
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            pinnedClient = pinnedClient.secure();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return pinnedClient.get().uri(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    /** Checks a redirect's target (resolving its host, so off the event loop) before connecting to it. */
    private Mono<String> follow(HostedFiles.HostedFile file, String from, String location, int redirects) {
        if (redirects > Redirects.MAX) {
            return Mono.error(new DownloadException("more than " + Redirects.MAX + " redirects, the last to "
                    + HostedFiles.withoutQuery(location)));
        }
        return Mono.fromCallable(() -> redirectPolicy.check(uri(file.url()), uri(from), location))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(target -> get(file, target.uri().toString(), target.address(), redirects));
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new DownloadException("the file URL is not a valid URL, so its redirect is not followed");
        }
    }

    /** Fetches the owning object again and picks the same file, now with a fresh signed URL. */
    private Mono<HostedFiles.HostedFile> refresh(HostedFiles.HostedFile file) {
        Mono<JsonNode> owner = switch (file.owner()) {
            case PAGE -> client.page(file.ownerId()).map(NotionObject::json);
            case DATABASE -> client.database(file.ownerId()).map(NotionObject::json);
            case BLOCK -> client.block(file.ownerId()).map(NotionObject::json);
            case COMMENT -> client.comments(file.commentParentId())
                    .filter(comment -> comment.id().equals(file.ownerId()))
                    .next()
                    .map(NotionObject::json);
        };
        return owner.flatMap(json -> Mono.justOrEmpty(HostedFiles.in(json, file.owner(), file.ownerId(),
                                file.commentParentId()).stream()
                        .filter(fresh -> fresh.stableUrl().equals(file.stableUrl()))
                        .findFirst()))
                .switchIfEmpty(Mono.error(new DownloadException("the file is no longer attached to its "
                        + file.owner().name().toLowerCase(Locale.ROOT))));
    }

    /** Reports a file that was not downloaded; returns whether it is missing (rather than left out on purpose). */
    private boolean report(HostedFiles.HostedFile file, Throwable error) {
        String what = file.stableUrl();
        if (error instanceof TooLarge tooLarge) {
            run.emit(new ExportEvent.Skipped(file.ownerId(), ExportEvent.Reasons.FILE_TOO_LARGE, what + " has "
                    + tooLarge.size + " bytes, more than the limit of " + maxBytes));
            return false;
        }
        String reason = error instanceof Expired ? "the signed URL was refused even after a refresh"
                : Objects.requireNonNullElse(error.getMessage(), error.getClass().getSimpleName());
        run.emit(new ExportEvent.PageFailed(file.ownerId(), ExportEvent.Reasons.DOWNLOAD_FAILED,
                "download of " + what + " failed: " + reason));
        return true;
    }

    private static boolean isFatal(Throwable error) {
        // a full or read-only disk is not a problem of one file: stop with the disk's own message
        return error instanceof UncheckedIOException || ExportFiles.isDiskFull(error)
                || Failures.is(error, FailureKind.UNAUTHORIZED, FailureKind.OUTAGE);
    }

    static String extension(String stableUrl) {
        int slash = stableUrl.lastIndexOf('/');
        String name = URLDecoder.decode(stableUrl.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        Matcher matcher = EXTENSION.matcher(name);
        return matcher.find() ? "." + matcher.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** The signed URL was refused: expired, or its signature no longer valid. */
    static final class Expired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Expired() {
            super("the signed URL expired", null, false, false);
        }
    }

    /** The file is larger than the configured limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long size;

        TooLarge(long size) {
            super("file too large", null, false, false);
            this.size = size;
        }
    }

    /** The file host answered with a redirect; followed only after {@link Redirects} allowed its target. */
    static final class Redirected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String location;

        Redirected(String location) {
            super("redirected", null, false, false);
            this.location = location;
        }
    }

    /** Any other download failure, of a kind decided where it was met. */
    static final class DownloadException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final FailureKind kind;

        DownloadException(String message) {
            this(FailureKind.DOWNLOAD_FAILED, message);
        }

        DownloadException(FailureKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        FailureKind kind() {
            return kind;
        }
    }
}
