package dev.notionsync.core.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answers Notion's POSTs, on any path: the verification handshake (its token saved as the signing key when none is
 * known yet), then signed events, each written to the {@link WebhookJournal} before the 200. A bad or missing
 * signature, or a body that is no event, is refused and counted; nothing else happens for it.
 */
final class WebhookEndpoint {

    /** Larger bodies are refused: Notion's events are a few kilobytes. */
    static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final WebhookJournal journal;
    private final Path secretFile;
    private final MeterRegistry meters;
    private final Consumer<WatchEvent> report;
    private final Consumer<WebhookJournal.Entry> accepted;
    private volatile String secret;

    WebhookEndpoint(WebhookJournal journal, String secret, Path secretFile, MeterRegistry meters,
            Consumer<WatchEvent> report, Consumer<WebhookJournal.Entry> accepted) {
        this.journal = journal;
        this.secret = secret;
        this.secretFile = secretFile;
        this.meters = meters;
        this.report = report;
        this.accepted = accepted;
    }

    Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        if (!"POST".equals(request.method().name())) {
            return response.status(405).header("Allow", "POST").send();
        }
        String length = request.requestHeaders().get("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY) {
            return reject(response, "too_large", 413);
        }
        String signature = request.requestHeaders().get("X-Notion-Signature");
        return request.receive().aggregate().asByteArray()
                .defaultIfEmpty(new byte[0])
                // the journal is forced to disk: never on a Netty thread
                .publishOn(Schedulers.boundedElastic())
                .map(body -> body.length > MAX_BODY ? -413 : answer(body, signature))
                .flatMap(status -> status < 0 ? reject(response, "too_large", -status)
                        : response.status(status).send());
    }

    private int answer(byte[] body, String signature) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException malformed) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return rejected("malformed", 400);
        }
        if (json.hasNonNull("verification_token") && !json.has("type")) {
            // the handshake cannot be signed with a key we do not hold yet; an unsigned one never replaces a key
            return handshake(json.get("verification_token").asText());
        }
        String key = secret;
        if (key == null) {
            return rejected("no_token", 401);
        }
        if (!WebhookSignature.valid(key, body, signature)) {
            return rejected("signature", 401);
        }
        if (!json.hasNonNull("id") || !json.hasNonNull("type")) {
            return rejected("malformed", 400);
        }
        WebhookJournal.Entry entry = new WebhookJournal.Entry(json.get("id").asText(), Instant.now(),
                (ObjectNode) json);
        try {
            if (journal.accept(entry)) {
                count("notion.webhook.accepted", null);
                report.accept(new WatchEvent.Accepted(entry.id(), json.get("type").asText(), objects(json),
                        entry.accepted()));
                accepted.accept(entry);
            }
            return 200;
        } catch (IOException error) {
            // not on disk, so not acknowledged: Notion delivers it again
            return 500;
        }
    }

    private int handshake(String token) {
        Path saved = null;
        if (secret == null) {
            try {
                save(token);
                saved = secretFile;
            } catch (IOException error) {
                // still usable until the watch stops
                saved = null;
            }
            secret = token;
        }
        report.accept(new WatchEvent.VerificationReceived(token, saved));
        return 200;
    }

    private void save(String token) throws IOException {
        Files.createDirectories(secretFile.toAbsolutePath().getParent());
        Path temp = secretFile.resolveSibling(secretFile.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, secretFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private int rejected(String reason, int status) {
        count("notion.webhook.rejected", reason);
        report.accept(new WatchEvent.Rejected(reason, status));
        return status;
    }

    private Mono<Void> reject(HttpServerResponse response, String reason, int status) {
        rejected(reason, status);
        return response.status(status).send();
    }

    private void count(String name, String reason) {
        if (meters != null) {
            (reason == null ? meters.counter(name) : meters.counter(name, "reason", reason)).increment();
        }
    }

    /**
     * The pages and databases an event makes the watch fetch: its entity, and for a creation, deletion or move the
     * parent too (its child block changed); a data source leads to its database, a comment to its page. Events of
     * other kinds (views, file uploads) fetch nothing.
     */
    static Set<String> objects(JsonNode event) {
        String type = event.path("type").asText("");
        String group = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        JsonNode entity = event.path("entity");
        JsonNode parent = event.path("data").path("parent");
        Set<String> ids = new LinkedHashSet<>();
        switch (group) {
            case "page", "database" -> {
                add(ids, entity.path("id").asText(""));
                if (type.endsWith(".created") || type.endsWith(".deleted") || type.endsWith(".undeleted")
                        || type.endsWith(".moved")) {
                    String parentType = parent.path("type").asText("");
                    if (parentType.equals("page") || parentType.equals("database")) {
                        add(ids, parent.path("id").asText(""));
                    }
                }
            }
            case "data_source" -> {
                if (parent.path("type").asText("").equals("database")) {
                    add(ids, parent.path("id").asText(""));
                }
            }
            case "comment" -> add(ids, event.path("data").path("page_id").asText(""));
            default -> {
            }
        }
        return ids;
    }

    private static void add(Set<String> ids, String id) {
        String normalized = id.replace("-", "").toLowerCase(Locale.ROOT);
        if (normalized.matches("[0-9a-f]{32}")) {
            ids.add(normalized);
        }
    }
}
