package dev.notionsync.writers;

import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Page;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;

/**
 * The {@link MarkdownWriter}: renders each export with {@link MarkdownRenderer} and writes it. A page related to
 * pages whose titles are not known yet waits in a {@link PageSpool} until the stream completes, so its front matter
 * names them whatever the order of the crawl.
 */
final class MarkdownFileWriter implements MarkdownWriter {

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> fingerprint() {
        // raise the number when the same objects would give other bytes
        return Optional.of("markdown 1");
    }

    @Override
    public boolean rewritesLinks() {
        return true;
    }

    @Override
    public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
        return Flux.defer(() -> {
            MarkdownRenderer renderer = MarkdownRenderer.of(context);
            FileSink sink = new FileSink(context.outputDir(), NAME);
            return BlockingSteps.withState(exports, context, Deferred::new,
                    (deferred, export) -> {
                        if (export.kind() == PageExport.Kind.DATABASE && !export.views().isEmpty()) {
                            // its views link to rows: written once every row has its name, as in the rerun; that
                            // write comes after every relink, so a relinked copy adds nothing
                            if (!export.isRelink()) {
                                deferred.databases.add(export);
                                context.names().assign(export.id(), export.title());
                            }
                            return List.of();
                        }
                        // a relinked page is written again at once; if it waits in the spool, the end writes it too
                        if (!export.isRelink() && export.source() instanceof Page page
                                && PageSpool.waitsForTitles(page, context.names())
                                && deferred.add(export, context)) {
                            context.names().assign(export.id(), export.title());
                            return List.of();
                        }
                        return write(export, renderer, sink, context);
                    },
                    deferred -> deferred.finish(export -> write(export, renderer, sink, context), context),
                    Deferred::close);
        });
    }

    /** The pages that wait for the end, in a spool opened when the first one comes. */
    private static final class Deferred {
        private PageSpool spool;
        /** Databases with views; they hold row ids only, so they wait in memory. */
        private final List<PageExport> databases = java.util.Collections.synchronizedList(new ArrayList<>());

        /** Keeps a page; {@code false} when the spool cannot be opened, and the page is written now instead. */
        boolean add(PageExport export, ExportContext context) {
            if (spool == null) {
                try {
                    Path dir = ExportFiles.inside(context.outputDir(), NAME);
                    Files.createDirectories(dir);
                    spool = PageSpool.open(dir);
                } catch (IOException | UncheckedIOException e) {
                    return false;
                }
            }
            spool.add(export);
            return true;
        }

        List<ExportEvent> finish(Function<PageExport, List<ExportEvent>> write, ExportContext context) {
            List<ExportEvent> events = new ArrayList<>();
            if (spool != null) {
                try {
                    spool.forEach(page -> events.addAll(write.apply(page)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read back pages in " + context.outputDir().resolve(NAME)
                            + ": " + FileSink.reason(e), e);
                }
            }
            synchronized (databases) {
                databases.forEach(database -> events.addAll(write.apply(database)));
            }
            return events;
        }

        void close() {
            if (spool != null) {
                spool.close();
            }
        }
    }

    private static List<ExportEvent> write(PageExport export, MarkdownRenderer renderer, FileSink sink,
            ExportContext context) {
        String name = context.names().assign(export.id(), export.title());
        MarkdownRenderer.Rendered rendered;
        try {
            rendered = renderer.render(export);
        } catch (RuntimeException e) {
            // A bug or an unexpected shape of JSON must cost one document, not the export; the JSON writer keeps it.
            return List.of(new ExportEvent.PageFailed(export.id(), ExportEvent.Reasons.WRITE_FAILED,
                    "cannot render " + export.id() + " as Markdown: " + e));
        }
        List<ExportEvent> events = new ArrayList<>(rendered.skipped());
        byte[] bytes = rendered.markdown().getBytes(StandardCharsets.UTF_8);
        events.add(sink.write(export.id(), NAME + "/" + name + ".md", out -> out.write(bytes)));
        return events;
    }
}
