package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.model.NotionObject;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads the Notion-hosted files of each export into {@code files/}, content-addressed so identical files are
 * stored once. Downloads go to the file host, not the API: they take no rate-limit permits, run with their own
 * concurrency, and never carry the Notion token. A URL that expired (or was about to) is refreshed by fetching its
 * owning object again; a download that still fails is reported and the export goes on. Redirects are followed only to
 * targets {@link Redirects} allows, at most {@value Redirects#MAX} of them; a refused one is a failed download naming
 * the target.
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
    private final Path outputDir;
    private final long maxBytes;
    private final int concurrency;
    private final Redirects redirectPolicy = new Redirects(InetAddress::getAllByName);

    Attachments(NotionClient client, ExportRun run, ExportSpec spec) {
        this.client = client;
        this.run = run;
        this.outputDir = spec.outputDir();
        this.maxBytes = spec.maxFileBytes();
        this.concurrency = spec.downloadConcurrency();
        this.http = HttpClient.create(ConnectionProvider.builder("notion-sync-files")
                        .maxConnections(concurrency)
                        .pendingAcquireMaxCount(-1)
                        .build())
                // redirects are followed by hand, each target checked first: see Redirects
                .followRedirect(false)
                .responseTimeout(Duration.ofSeconds(120));
    }

    /** Downloads every hosted file of the export and returns it with the local copies recorded. */
    Mono<PageExport> download(PageExport export) {
        List<HostedFiles.HostedFile> files = HostedFiles.of(export);
        if (files.isEmpty()) {
            return Mono.just(export);
        }
        return Flux.fromIterable(files)
                .distinct(HostedFiles.HostedFile::url)
                .flatMap(file -> fetch(file)
                        .map(path -> Map.entry(file.url(), path))
                        .onErrorResume(error -> !isFatal(error), error -> {
                            report(file, error);
                            return Mono.empty();
                        }), concurrency)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(export::withFiles);
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

    private Mono<String> get(HostedFiles.HostedFile file) {
        return get(file, file.url(), null, 0)
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
                        return Mono.error(new DownloadException("the file host answered " + status));
                    }
                    String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
                    long expected = length == null ? -1 : Long.parseLong(length);
                    if (expected > maxBytes) {
                        return Mono.error(new TooLarge(expected));
                    }
                    return Mono.using(() -> ContentAddressedFile.open(outputDir, maxBytes, expected),
                            sink -> body.asByteArray()
                                    .publishOn(Schedulers.boundedElastic(), 8)
                                    .doOnNext(sink::write)
                                    .then(Mono.fromCallable(() -> sink.commit(extension))),
                            ContentAddressedFile::discard);
                })
                .single()
                .onErrorResume(Redirected.class, redirect -> follow(file, url, redirect.location, redirects + 1));
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

    private void report(HostedFiles.HostedFile file, Throwable error) {
        String what = file.stableUrl();
        if (error instanceof TooLarge tooLarge) {
            run.emit(new ExportEvent.Skipped(file.ownerId(), "file_too_large", what + " has " + tooLarge.size
                    + " bytes, more than the limit of " + maxBytes));
            return;
        }
        String reason = error instanceof Expired ? "the signed URL was refused even after a refresh"
                : Objects.requireNonNullElse(error.getMessage(), error.getClass().getSimpleName());
        run.emit(new ExportEvent.PageFailed(file.ownerId(), ExportEvent.Reasons.DOWNLOAD_FAILED,
                "download of " + what + " failed: " + reason));
    }

    private static boolean isFatal(Throwable error) {
        // a full or read-only disk is not a problem of one file: stop with the disk's own message
        return error instanceof UncheckedIOException || ExportFiles.isDiskFull(error)
                || error instanceof NotionNonTransientException notion && notion.isUnauthorized();
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

    /** Any other download failure. */
    static final class DownloadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DownloadException(String message) {
            super(message, null, false, false);
        }
    }
}
