package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.Page;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Optional;

/**
 * The {@link HtmlWriter}: writes pages and rows as they come, and databases and the index when the stream
 * completes, from rows and entries kept in temporary files. A page related to pages whose titles are not known yet
 * waits too, so that its properties name them. Databases themselves (without rows) stay in memory until the end.
 */
final class HtmlFileWriter implements HtmlWriter {

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> fingerprint() {
        // raise the number when the same objects would give other bytes
        return Optional.of("html 1");
    }

    @Override
    public boolean rewritesLinks() {
        return true;
    }

    @Override
    public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
        return BlockingSteps.withState(exports, context, () -> Run.open(context), Run::write, Run::finish, Run::close);
    }

    /** The state of one subscription. */
    private static final class Run implements AutoCloseable {

        private final ExportContext context;
        private final Path dir;
        private final FileSink sink;
        private final RowSpool spool;
        private final HtmlIndex index;
        private final PageSpool deferred;
        private final HtmlPages pages;
        private final List<PageExport> databases = new ArrayList<>();
        /** What writing the assets gave (files written, failures), announced with the index at the end. */
        private final List<ExportEvent> assets = new ArrayList<>();
        private final boolean reportSkipped;
        private final boolean csv;

        private Run(ExportContext context, Path dir, RowSpool spool, PageSpool deferred, HtmlIndex index) {
            this.context = context;
            this.dir = dir;
            this.sink = new FileSink(context.outputDir(), NAME);
            this.spool = spool;
            this.index = index;
            this.deferred = deferred;
            this.pages = new HtmlPages(context);
            // the Markdown writer reports the same unsupported blocks; once is enough
            this.reportSkipped = context.spec().writers().stream().noneMatch(w -> MarkdownWriter.NAME.equals(w.name()));
            this.csv = context.spec().writers().stream().anyMatch(w -> CsvWriter.NAME.equals(w.name()));
        }

        static Run open(ExportContext context) {
            Path dir = ExportFiles.inside(context.outputDir(), NAME);
            RowSpool spool = RowSpool.open(dir);
            PageSpool deferred = null;
            Run run;
            try {
                deferred = PageSpool.open(dir);
                run = new Run(context, dir, spool, deferred, HtmlIndex.open(dir));
            } catch (RuntimeException e) {
                spool.close();
                if (deferred != null) {
                    deferred.close();
                }
                throw e;
            }
            HtmlAssets.Written assets = HtmlAssets.write(run.sink, NAME + "/");
            run.assets.addAll(assets.events());
            run.pages.katex(assets.katex());
            return run;
        }

        List<ExportEvent> write(PageExport export) {
            context.names().assign(export.id(), export.title());
            if (export.isRelink()) {
                // only its own page again: databases, rows' tables, the index and waiting pages are written at the end;
                // a renamed page's entry in the index is replaced by the one under its new name
                return export.kind() == PageExport.Kind.DATABASE || waitsForTitles((Page) export.source()) ? List.of()
                        : page(export, export.isRenamed());
            }
            if (export.kind() == PageExport.Kind.DATABASE) {
                spool.database(export);
                databases.add(export);
                return List.of();
            }
            if (export.kind() == PageExport.Kind.ROW) {
                spool.row(export);
            }
            if (waitsForTitles((Page) export.source())) {
                deferred.add(export);
                return List.of();
            }
            return page(export, true);
        }

        /** Whether a page relates to pages whose titles are not known yet, so it would show their ids only. */
        private boolean waitsForTitles(Page page) {
            for (JsonNode property : page.properties()) {
                if ("relation".equals(property.path("type").asText())) {
                    for (JsonNode related : property.path("relation")) {
                        String id = related.path("id").asText("");
                        if (!id.isEmpty() && context.names().confirmedTitle(id).filter(t -> !t.isBlank()).isEmpty()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private List<ExportEvent> page(PageExport export, boolean indexed) {
            String name = context.names().assign(export.id(), export.title());
            HtmlPages.Rendered rendered;
            try {
                rendered = pages.page(export);
            } catch (RuntimeException e) {
                // one page that cannot be rendered must not end the export; the JSON writer keeps its content
                return List.of(new ExportEvent.PageFailed(export.id(), ExportEvent.Reasons.WRITE_FAILED,
                        "cannot render " + export.id() + " as HTML: " + e));
            }
            List<ExportEvent> events = new ArrayList<>(reportSkipped ? rendered.skipped() : List.of());
            byte[] bytes = rendered.html().getBytes(StandardCharsets.UTF_8);
            ExportEvent written = sink.write(export.id(), NAME + "/" + name + ".html", out -> out.write(bytes));
            events.add(written);
            if (indexed && written instanceof ExportEvent.PageWritten) {
                index.add(export, name);
            }
            return events;
        }

        List<ExportEvent> finish() {
            List<ExportEvent> events = new ArrayList<>(assets);
            try {
                deferred.forEach(page -> events.addAll(page(page, true)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back pages in " + dir + ": " + FileSink.reason(e), e);
            }
            Map<String, RowSpool.Table> tables = new HashMap<>();
            Map<String, String> databaseOf = new HashMap<>();
            for (RowSpool.Table table : spool.tables()) {
                tables.put(RowSpool.key(table.id()), table);
                if (table.databaseId() != null) {
                    databaseOf.put(RowSpool.key(table.id()), RowSpool.key(table.databaseId()));
                }
            }
            Predicate<String> linkable = id -> context.names().name(id)
                    .map(name -> Files.exists(dir.resolve(name + ".html"))).orElse(false);
            for (PageExport database : databases) {
                String name = context.names().assign(database.id(), database.title());
                ExportEvent written = sink.write(database.id(), NAME + "/" + name + ".html", out -> {
                    Writer writer = FileSink.text(out);
                    pages.database(writer, database, tables, spool, linkable, csv);
                    writer.flush();
                });
                events.add(written);
                if (written instanceof ExportEvent.PageWritten) {
                    index.add(database, name);
                }
            }
            events.add(sink.writeWhole("index", NAME + "/index.html", out -> {
                Writer writer = FileSink.text(out);
                index.write(writer, databaseOf);
                writer.flush();
            }));
            // the sidebar's data goes last: pages and the index load it, whatever order they were written in
            events.add(sink.writeWhole("index", NAME + "/" + HtmlAssets.SITE_DATA, out -> {
                Writer writer = FileSink.text(out);
                index.writeSiteData(writer, databaseOf);
                writer.flush();
            }));
            return events;
        }

        @Override
        public void close() {
            try {
                spool.close();
            } finally {
                try {
                    deferred.close();
                } finally {
                    index.close();
                }
            }
        }
    }
}
