package dev.notionsync.writers;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.export.PageExport.BlockNode;
import dev.notionsync.core.export.ViewJson;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.User;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link JsonWriter}: streams each export to its file with Jackson and keeps the index in a temporary file. */
final class JsonFileWriter implements JsonWriter {

    // writeTree on a generator flushes it after every value by default: one write call per block field. The
    // generators here write to a file that is closed (and so flushed) at the end, so the flushes bought nothing
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> fingerprint() {
        // raise the number when the same objects would give other bytes
        return Optional.of("json 1");
    }

    @Override
    public boolean writesFilePerObject() {
        return true;
    }

    @Override
    public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
        return BlockingSteps.withState(exports, context,
                () -> new Run(JsonIndex.open(context), new FileSink(context.outputDir(), NAME)),
                (run, export) -> List.of(write(export, run.sink(), run.index(), context)),
                run -> finish(run.index(), run.sink(), context),
                run -> run.index().close());
    }

    /** The state of one subscription. */
    private record Run(JsonIndex index, FileSink sink) {
    }

    private static ExportEvent write(PageExport export, FileSink sink, JsonIndex index, ExportContext context) {
        String name = context.names().assign(export.id(), export.title());
        PageExport original = export.unmarked();
        ExportEvent event = sink.write(export.id(), NAME + "/" + name + ".json", out -> document(original, out));
        if (event instanceof ExportEvent.PageWritten) {
            index.add(original, name);
            if (export.isRenamed()) {
                index.renamed(export.id());
            }
        }
        return event;
    }

    private static List<ExportEvent> finish(JsonIndex index, FileSink sink, ExportContext context) {
        List<ExportEvent> events = new ArrayList<>();
        events.add(sink.writeWhole("index", NAME + "/index.json", index::copyTo));
        List<User> users = new ArrayList<>(context.users());
        users.sort(Comparator.comparing(User::id));
        events.add(sink.writeWhole("users", NAME + "/users.json", out -> {
            try (JsonGenerator g = generator(out)) {
                g.writeStartObject();
                g.writeStringField("object", "list");
                g.writeArrayFieldStart("results");
                for (User user : users) {
                    g.writeTree(user.json());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.write('\n');
        }));
        return events;
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8).setPrettyPrinter(PrettyJson.create());
    }

    /** Streams the export document: raw objects as they are, blocks nested with an added {@code children}. */
    static void document(PageExport export, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            Trees trees = new Trees(g);
            g.writeStartObject();
            if (export.kind() == PageExport.Kind.DATABASE) {
                g.writeStringField("object", "database_export");
                g.writeFieldName("database");
                trees.write(export.source().json());
                g.writeArrayFieldStart("data_sources");
                for (DataSource source : export.dataSources()) {
                    trees.write(source.json());
                }
                g.writeEndArray();
                if (!export.views().isEmpty()) {
                    // each view as Notion returned it, with its rows in view order
                    g.writeFieldName("views");
                    trees.write(ViewJson.write(export.views()));
                }
            } else {
                g.writeStringField("object", "page_export");
                g.writeFieldName("page");
                trees.write(export.source().json());
                g.writeArrayFieldStart("blocks");
                for (BlockNode node : export.tree()) {
                    block(g, trees, node);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("comments");
                for (Comment comment : export.comments()) {
                    trees.write(comment.json());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void block(JsonGenerator g, Trees trees, BlockNode node) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.block().json().properties()) {
            if (node.children().isEmpty() || !"children".equals(field.getKey())) {
                g.writeFieldName(field.getKey());
                trees.write(field.getValue());
            }
        }
        if (!node.children().isEmpty()) {
            g.writeArrayFieldStart("children");
            for (BlockNode child : node.children()) {
                block(g, trees, child);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * Writes JSON trees to one generator exactly as {@link JsonGenerator#writeTree} does, with one serializer
     * provider for the document: writeTree goes through the mapper, which makes a provider and looks up the node's
     * serializer for every call, and a block is written field by field.
     */
    private static final class Trees {

        private final JsonGenerator g;
        private final SerializerProvider provider = MAPPER.getSerializerProviderInstance();

        Trees(JsonGenerator g) {
            this.g = g;
        }

        void write(JsonNode node) throws IOException {
            if (node == null) {
                g.writeNull();
            } else {
                ((JsonSerializable) node).serialize(g, provider);
            }
        }
    }
}
