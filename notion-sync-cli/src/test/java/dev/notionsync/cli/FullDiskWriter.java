package dev.notionsync.cli;

import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.core.export.PageExport;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A writer plugin (found by the CLI through {@code META-INF/services}) whose disk fills up: it writes one file per
 * object through {@link ExportFiles}, and from the {@value #FULL_AFTER}th object on the operating system refuses the
 * bytes with {@code No space left on device}, after {@value #WRITTEN} of them went through, as a full disk does.
 */
public final class FullDiskWriter implements ExportWriter {

    /** The format name that selects this writer: {@code --formats json,full-disk}. */
    public static final String NAME = "full-disk";
    static final int FULL_AFTER = 5;
    static final int WRITTEN = 8192;

    private final AtomicInteger objects = new AtomicInteger();

    /** Creates the writer; the CLI's {@link java.util.ServiceLoader} calls this. */
    public FullDiskWriter() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
        return exports.publishOn(Schedulers.boundedElastic()).map(export -> {
            boolean full = objects.incrementAndGet() >= FULL_AFTER;
            Path target = ExportFiles.inside(context.outputDir(), NAME + "/" + export.id() + ".bin");
            try {
                ExportFiles.write(target, out -> {
                    out.write(new byte[WRITTEN]);
                    if (full) {
                        throw new IOException("No space left on device");
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
            return new ExportEvent.PageWritten(export.id(), NAME, context.outputDir().relativize(target));
        });
    }
}
