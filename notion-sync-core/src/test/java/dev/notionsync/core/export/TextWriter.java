package dev.notionsync.core.export;

import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.RichText;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A writer for engine tests: one file per object, {@code pages/<id>.md} by default, holding the title and the plain
 * text of every block, so tests can see what was written, kept and moved aside. It also keeps what it was given.
 */
final class TextWriter implements ExportWriter {

    final List<PageExport> exports = new CopyOnWriteArrayList<>();
    private final String extension;

    /** Writes {@code pages/<id>.md}. */
    TextWriter() {
        this("md");
    }

    /** Writes {@code pages/<id>.<extension>}, for a second writer in the same export. */
    TextWriter(String extension) {
        this.extension = extension;
    }
    final Map<String, PageExport> byId = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "text-" + extension;
    }

    @Override
    public Flux<ExportEvent> write(Flux<PageExport> stream, ExportContext context) {
        return stream.concatMap(export -> Mono.fromCallable(() -> {
            exports.add(export);
            byId.put(FileNames.normalizeId(export.id()), export);
            Path file = file(export.id(), extension);
            boolean changed = ExportFiles.write(context.outputDir().resolve(file), text(export));
            return (ExportEvent) new ExportEvent.PageWritten(export.id(), name(), file, changed);
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    static Path file(String id) {
        return file(id, "md");
    }

    static Path file(String id, String extension) {
        return Path.of("pages", FileNames.normalizeId(id) + "." + extension);
    }

    static String text(PageExport export) {
        StringBuilder text = new StringBuilder("# ").append(export.title()).append('\n');
        for (Block block : export.blocks()) {
            text.append("  ".repeat(Math.min(block.depth(), 4)))
                    .append(RichText.plainText(block.content().path("rich_text"))).append('\n');
        }
        return text.toString();
    }

    /** The plain texts of an object's blocks, in order. */
    List<String> texts(String id) {
        PageExport export = byId.get(FileNames.normalizeId(id));
        return export == null ? List.of() : export.blocks().stream()
                .map(block -> RichText.plainText(block.content().path("rich_text"))).toList();
    }
}
