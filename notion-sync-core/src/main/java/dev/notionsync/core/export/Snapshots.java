package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.NotionObject;
import dev.notionsync.core.model.Page;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The last fetched state of every exported object, one compact JSON file each under {@code .notion-sync/objects/},
 * gzipped at the fastest level (a tenth of {@code json/}, which holds the same content, instead of two thirds; a
 * snapshot an earlier version wrote uncompressed is still read). A rerun replays unchanged objects from here instead
 * of asking Notion again, so every writer still sees every object (aggregate files stay complete) while the API sees
 * only what changed.
 */
final class Snapshots {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;

    Snapshots(Path stateDir) {
        this.dir = stateDir.resolve("objects");
    }

    /** An object as its snapshot holds it. */
    static ObjectNode json(PageExport export) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("kind", export.source() instanceof Database ? "database" : "page");
        json.set("source", export.source().json());
        ArrayNode blocks = json.putArray("blocks");
        for (Block block : export.blocks()) {
            blocks.addObject().put("depth", block.depth()).set("block", block.json());
        }
        ArrayNode sources = json.putArray("data_sources");
        export.dataSources().forEach(source -> sources.add(source.json()));
        ArrayNode comments = json.putArray("comments");
        export.comments().forEach(comment -> comments.add(comment.json()));
        ObjectNode files = json.putObject("files");
        export.files().forEach(files::put);
        if (!export.views().isEmpty()) {
            json.set("views", ViewJson.write(export.views()));
        }
        return json;
    }

    /**
     * Writes an object's snapshot.
     *
     * @return whether the snapshot changed: false when the one on disk already held exactly this object (the
     *     compression is deterministic), as after a refetch that found nothing new
     */
    boolean write(PageExport export) {
        ObjectNode json = json(export);
        try {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(8192);
            try (OutputStream gzip = new GZIPOutputStream(compressed, 8192) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            }) {
                MAPPER.writeValue(gzip, json);
            }
            Path path = path(export.id());
            boolean changed = ExportFiles.write(path, out -> compressed.writeTo(out));
            // the uncompressed copy an earlier version wrote is outdated now
            Files.deleteIfExists(plain(path));
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export state in " + dir + ": " + e.getMessage(), e);
        }
    }

    Optional<PageExport> read(String id) {
        JsonNode json;
        Path path = path(id);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 8192)) {
            json = MAPPER.readTree(in);
        } catch (NoSuchFileException | FileNotFoundException notCompressed) {
            try {
                json = MAPPER.readTree(plain(path).toFile());
            } catch (IOException unreadable) {
                // missing, or damaged: a damaged snapshot only costs a refetch
                return Optional.empty();
            }
        } catch (IOException | RuntimeException unreadable) {
            // a damaged snapshot only costs a refetch
            return Optional.empty();
        }
        if (json == null || !json.path("source").isObject()) {
            return Optional.empty();
        }
        ObjectNode source = (ObjectNode) json.get("source");
        NotionObject object = "database".equals(json.path("kind").asText()) ? new Database(source) : new Page(source);
        List<Block> blocks = new ArrayList<>();
        for (JsonNode entry : json.path("blocks")) {
            blocks.add(new Block((ObjectNode) entry.get("block"), entry.path("depth").asInt()));
        }
        List<DataSource> sources = new ArrayList<>();
        json.path("data_sources").forEach(node -> sources.add(new DataSource((ObjectNode) node)));
        List<Comment> comments = new ArrayList<>();
        json.path("comments").forEach(node -> comments.add(new Comment((ObjectNode) node)));
        Map<String, String> files = new LinkedHashMap<>();
        json.path("files").properties().forEach(entry -> files.put(entry.getKey(), entry.getValue().asText()));
        return Optional.of(new PageExport(object, blocks, sources, comments, files, ViewJson.read(json.path("views"))));
    }

    void delete(String id) throws IOException {
        Path path = path(id);
        Files.deleteIfExists(path);
        Files.deleteIfExists(plain(path));
    }

    private Path path(String id) {
        String key = FileNames.normalizeId(id);
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json.gz");
    }

    /** Where an earlier version kept the snapshot, uncompressed. */
    private static Path plain(Path compressed) {
        String name = compressed.getFileName().toString();
        return compressed.resolveSibling(name.substring(0, name.length() - ".gz".length()));
    }
}
