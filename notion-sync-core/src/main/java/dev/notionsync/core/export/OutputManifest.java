package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.User;
import reactor.core.publisher.Flux;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the writers of the last complete run produced: every object handed to them, every file they wrote (with its
 * size and modification time once the run ended) and what they could not render. A rerun whose crawl finds nothing
 * changed, under the same {@link #digest digest} of everything else the output depends on, and every one of those
 * files as it was left, needs no writer at all: it announces the same events, which is what a writer pass over the
 * replayed objects would have produced, byte for byte.
 *
 * <p>A run moves the manifest aside before it changes anything ({@link #open}); only a run that ends complete writes
 * one again, so a crash or {@code kill -9} at any moment leaves no manifest that could vouch for files a later run must
 * rewrite. Records are appended to a file as they come, never kept in memory.
 */
final class OutputManifest implements AutoCloseable {

    static final String NAME = "output.jsonl";
    private static final String PREVIOUS = "output.previous";
    private static final String RECORDING = "output.recording";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;
    private final Path previous;
    private final Path recording;
    private BufferedWriter out;
    private boolean recordingFailed;

    private OutputManifest(Path dir) {
        this.dir = dir;
        this.previous = dir.resolve(PREVIOUS);
        this.recording = dir.resolve(RECORDING);
    }

    /**
     * Takes the manifest of the last run aside, where only this run reads it, and starts recording this run's.
     *
     * @param stateDir the export's state folder, locked by this run
     */
    static OutputManifest open(Path stateDir) {
        OutputManifest manifest = new OutputManifest(stateDir);
        try {
            // a manifest taken aside by a run that did not finish vouches for nothing: that run may have changed files
            Files.deleteIfExists(manifest.previous);
            Path current = stateDir.resolve(NAME);
            if (Files.exists(current)) {
                ExportFiles.moveIntoPlace(current, manifest.previous);
            }
            Files.deleteIfExists(manifest.recording);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the export state in " + stateDir + ": " + e.getMessage(), e);
        }
        return manifest;
    }

    /**
     * Digests everything the output depends on besides the objects: the product's version, the Notion-Version of the
     * answers, the options of the export that shape its files, each writer's {@link ExportWriter#fingerprint()}, and
     * the users the files may name (listed by Notion, or fetched by id in this run or an earlier one).
     *
     * @return the digest, or empty when a writer has no fingerprint: such a writer must see every object every run
     */
    static Optional<String> digest(ExportSpec spec, String notionVersion, Collection<User> users) {
        StringBuilder text = new StringBuilder("notion-sync ")
                .append(String.valueOf(NotionSync.class.getPackage().getImplementationVersion()))
                .append("\nmanifest 2\nnotion-version ").append(notionVersion)
                .append("\ncomments ").append(spec.comments()).append("\nfront-matter ").append(spec.frontMatter())
                .append("\nattachments ").append(spec.attachments()).append(' ').append(spec.maxFileBytes())
                .append("\nmax-depth ").append(spec.maxDepth()).append("\nfollow-links ").append(spec.followLinks())
                .append("\nsubtrees ").append(spec.subtreeOnly()).append("\nroots ").append(spec.roots());
        code(text, NotionSync.class);
        for (ExportWriter writer : spec.writers()) {
            Optional<String> fingerprint = writer.fingerprint();
            if (fingerprint.isEmpty()) {
                return Optional.empty();
            }
            text.append("\nwriter ").append(writer.name()).append(' ').append(fingerprint.get());
            code(text, writer.getClass());
        }
        users(text.append("\nusers"), users);
        return Optional.of(sha256(text.toString()));
    }

    /**
     * The jar a class comes from, by size and modification time: a build of the same version (a snapshot) may render
     * otherwise, and a rebuilt jar is rendered with again.
     */
    private static void code(StringBuilder text, Class<?> type) {
        try {
            java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                Path jar = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(jar)) {
                    text.append("\ncode ").append(jar.getFileName()).append(' ').append(Files.size(jar)).append(' ')
                            .append(Files.getLastModifiedTime(jar).toMillis());
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException unknown) {
            // where the code comes from cannot be told: the version alone decides
            text.append("\ncode ?");
        }
    }

    private static void users(StringBuilder text, Collection<User> users) {
        // in id order: the listing's order is Notion's, and proves nothing about the content
        java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
        users.forEach(user -> sorted.put(FileNames.normalizeId(user.id()), user.json().toString()));
        sorted.forEach((id, json) -> text.append('\n').append(json));
    }

    /** Notes an object handed to the writers. */
    void exported(ExportEvent.PageExported exported) {
        append(MAPPER.createObjectNode().put("e", "exported").put("id", exported.id())
                .put("kind", exported.kind().name()).put("title", exported.title()).put("blocks", exported.blocks()));
    }

    /**
     * Whether an object handed to the writers has no snapshot of its own to tell it unchanged (a linked database's
     * placeholder, a linked view read through its views): the manifest keeps its digest instead.
     */
    static boolean withoutSnapshot(PageExport export) {
        return export.isPlaceholder() || export.source().json().has(LinkedViews.MARKER);
    }

    /** Notes an object without a snapshot handed to the writers, by the digest of its content. */
    void kept(PageExport export) {
        append(MAPPER.createObjectNode().put("e", "kept").put("id", FileNames.normalizeId(export.id()))
                .put("sha256", sha256(Snapshots.json(export).toString())));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Notes what a writer reported: a file written, a block it could not render, a file it could not write. */
    void written(ExportEvent event) {
        if (event instanceof ExportEvent.PageWritten written) {
            append(MAPPER.createObjectNode().put("e", "written").put("id", written.id()).put("writer", written.writer())
                    .put("file", written.file().toString().replace('\\', '/')));
        } else if (event instanceof ExportEvent.OutputWritten output) {
            // no object: a file of the whole export, vouched for like the others
            append(MAPPER.createObjectNode().put("e", "written").put("writer", output.writer())
                    .put("file", output.file().toString().replace('\\', '/')));
        } else if (event instanceof ExportEvent.Skipped skipped) {
            append(MAPPER.createObjectNode().put("e", "skipped").put("id", skipped.id())
                    .put("reason", skipped.reason()).put("message", skipped.message()));
        } else if (event instanceof ExportEvent.PageFailed failed) {
            append(MAPPER.createObjectNode().put("e", "failed").put("id", failed.id())
                    .put("reason", failed.reason()).put("message", failed.message()));
        }
    }

    private synchronized void append(ObjectNode record) {
        if (recordingFailed) {
            return;
        }
        try {
            if (out == null) {
                out = Files.newBufferedWriter(recording, StandardCharsets.UTF_8);
            }
            out.write(MAPPER.writeValueAsString(record));
            out.write('\n');
        } catch (IOException e) {
            // without its manifest the next run renders everything again: slower, never wrong
            recordingFailed = true;
        }
    }

    /**
     * Whether the last complete run left exactly this output: the same digest, the same objects, and every file it
     * wrote still of the size and modification time it had then.
     *
     * @param digest what the output depends on besides the objects
     * @param objects the ids of the objects this run's crawl found, none of them changed
     */
    boolean vouchesFor(String digest, Collection<String> objects, List<PageExport> kept) {
        if (!Files.isRegularFile(previous) || !kept.stream().allMatch(OutputManifest::withoutSnapshot)) {
            return false;
        }
        Set<String> expected = new HashSet<>();
        objects.forEach(id -> expected.add(FileNames.normalizeId(id)));
        Set<String> seen = new HashSet<>();
        // objects without a snapshot, by id and digest: the same ones as the last run handed, no more, no less
        Set<String> keptNow = new HashSet<>();
        for (PageExport export : kept) {
            if (!keptNow.add(FileNames.normalizeId(export.id()) + " " + sha256(Snapshots.json(export).toString()))) {
                return false;
            }
        }
        Set<String> keptThen = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(previous, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !digest.equals(MAPPER.readTree(header).path("digest").asText(null))) {
                return false;
            }
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode record = MAPPER.readTree(line);
                switch (record.path("e").asText()) {
                    case "exported" -> {
                        String id = FileNames.normalizeId(record.path("id").asText());
                        if (!expected.contains(id) || !seen.add(id)) {
                            return false;
                        }
                    }
                    case "file" -> {
                        if (!unchanged(record)) {
                            return false;
                        }
                    }
                    case "kept" -> keptThen.add(record.path("id").asText() + " " + record.path("sha256").asText());
                    default -> {
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // a damaged manifest only costs a writer pass
            return false;
        }
        return seen.size() == expected.size() && keptThen.equals(keptNow);
    }

    private boolean unchanged(JsonNode record) {
        try {
            Path file = ExportFiles.inside(dir.getParent(), record.path("file").asText());
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() && attributes.size() == record.path("size").asLong(-1)
                    && attributes.lastModifiedTime().toMillis() == record.path("modified").asLong(-1);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The events the last complete run's writers produced, as this run announces them: every object unchanged and
     * replayed, every file written and unchanged.
     */
    Flux<ExportEvent> events() {
        return Flux.using(() -> Files.newBufferedReader(previous, StandardCharsets.UTF_8),
                in -> Flux.fromStream(in.lines().skip(1)).<ExportEvent>handle((line, sink) -> {
                    JsonNode record;
                    try {
                        record = MAPPER.readTree(line);
                    } catch (IOException e) {
                        sink.error(new UncheckedIOException(e));
                        return;
                    }
                    String id = record.path("id").asText();
                    switch (record.path("e").asText()) {
                        case "exported" -> sink.next(new ExportEvent.PageExported(id,
                                PageExport.Kind.valueOf(record.path("kind").asText().toUpperCase(Locale.ROOT)),
                                record.path("title").asText(""), record.path("blocks").asInt(), true));
                        case "file" -> sink.next(record.hasNonNull("id")
                                ? new ExportEvent.PageWritten(id, record.path("writer").asText(),
                                        Path.of(record.path("file").asText()), false)
                                : new ExportEvent.OutputWritten(record.path("writer").asText(),
                                        Path.of(record.path("file").asText()), false));
                        case "skipped" -> sink.next(new ExportEvent.Skipped(id, record.path("reason").asText(),
                                record.path("message").asText("")));
                        case "failed" -> sink.next(new ExportEvent.PageFailed(id, record.path("reason").asText(),
                                record.path("message").asText("")));
                        default -> {
                        }
                    }
                }), in -> {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // read to the end or cancelled: nothing of the export depends on closing it
                    }
                });
    }

    /**
     * The run ended complete and its writers produced what was recorded: the manifest is written, each file with its
     * size and modification time now.
     *
     * @param digest what the output depended on besides the objects
     */
    void complete(String digest) {
        try {
            synchronized (this) {
                if (out != null) {
                    out.close();
                    out = null;
                }
            }
            if (recordingFailed) {
                return;
            }
            Path root = dir.getParent();
            ExportFiles.write(dir.resolve(NAME), target -> {
                BufferedWriter writer = new BufferedWriter(new java.io.OutputStreamWriter(target,
                        StandardCharsets.UTF_8));
                writer.write(MAPPER.writeValueAsString(MAPPER.createObjectNode().put("digest", digest)));
                writer.write('\n');
                if (Files.exists(recording)) {
                    // a file written again (a relink) is one file, as a writer pass counts it
                    Set<Long> files = new HashSet<>();
                    try (BufferedReader in = Files.newBufferedReader(recording, StandardCharsets.UTF_8)) {
                        for (String line; (line = in.readLine()) != null; ) {
                            ObjectNode record = (ObjectNode) MAPPER.readTree(line);
                            if ("written".equals(record.path("e").asText())) {
                                if (!files.add(hash(record.path("file").asText()))) {
                                    continue;
                                }
                                Path file = ExportFiles.inside(root, record.path("file").asText());
                                BasicFileAttributes attributes;
                                try {
                                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                                } catch (NoSuchFileException gone) {
                                    // moved aside since (a renamed object's old name): a file the output no longer has
                                    continue;
                                }
                                record.put("e", "file").put("size", attributes.size())
                                        .put("modified", attributes.lastModifiedTime().toMillis());
                            }
                            writer.write(MAPPER.writeValueAsString(record));
                            writer.write('\n');
                        }
                    }
                }
                writer.flush();
            });
            Files.deleteIfExists(recording);
            Files.deleteIfExists(previous);
        } catch (IOException | RuntimeException e) {
            // the next run renders everything again
            discard();
        }
    }

    /** 64 bits of a path: the files of a run are kept as these, not as strings. */
    private static long hash(String path) {
        // FNV-1a: two paths of one export sharing 64 bits is not to be expected
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            h = (h ^ path.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** A quiet run left the output as the last one did: the manifest it read vouches for it again. */
    void keep() {
        try {
            close();
            Files.deleteIfExists(recording);
            if (Files.exists(previous)) {
                ExportFiles.moveIntoPlace(previous, dir.resolve(NAME));
            }
        } catch (IOException e) {
            discard();
        }
    }

    /** The run did not end complete: no manifest, so the next run renders everything again. */
    void discard() {
        try {
            close();
            Files.deleteIfExists(recording);
            Files.deleteIfExists(dir.resolve(NAME));
        } catch (IOException ignored) {
            // a leftover recording is deleted by the next run's open
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the recording is only read by complete(), which checks for the failure itself
                recordingFailed = true;
            }
            out = null;
        }
    }
}
