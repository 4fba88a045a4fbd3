package dev.notionsync.writers;

import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.PageExport;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@link MarkdownWriter}: renders each export with {@link MarkdownRenderer} and writes it. */
final class MarkdownFileWriter implements MarkdownWriter {

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
        return Flux.defer(() -> {
            MarkdownRenderer renderer = MarkdownRenderer.of(context);
            FileSink sink = new FileSink(context.outputDir(), NAME);
            return BlockingSteps.each(exports, export -> write(export, renderer, sink, context));
        });
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
