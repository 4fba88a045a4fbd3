package dev.notionsync.core.watch;

import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.RichText;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A writer for watch tests: {@code pages/<id>.md} with the title and the plain text of every block. It can hold
 * its first export at a gate, to keep a fetch running while the test sends more events.
 */
final class PageFiles implements ExportWriter {

    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate;

    PageFiles() {
        this(new CountDownLatch(0));
    }

    PageFiles(CountDownLatch gate) {
        this.gate = gate;
    }

    @Override
    public String name() {
        return "pages";
    }

    static Path file(String id) {
        return Path.of("pages", id.replace("-", "").toLowerCase(Locale.ROOT) + ".md");
    }

    @Override
    public Flux<ExportEvent> write(Flux<PageExport> stream, ExportContext context) {
        return stream.concatMap(export -> Mono.fromCallable(() -> {
            entered.countDown();
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            StringBuilder text = new StringBuilder("# ").append(export.title()).append('\n');
            for (Block block : export.blocks()) {
                text.append(RichText.plainText(block.content().path("rich_text"))).append('\n');
            }
            Path file = file(export.id());
            boolean changed = ExportFiles.write(context.outputDir().resolve(file), text.toString());
            return (ExportEvent) new ExportEvent.PageWritten(export.id(), name(), file, changed);
        }).subscribeOn(Schedulers.boundedElastic()));
    }
}
