package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.export.DatabaseView;
import dev.notionsync.core.export.ExportContext;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.PageExport;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link CsvWriter}: spools rows per data source with {@link RowSpool} and writes the files at the end. */
final class CsvFileWriter implements CsvWriter {

    /** The last column: the row's Markdown document. */
    static final String MARKDOWN_COLUMN = "markdown";

    private final CsvOptions options;

    CsvFileWriter(CsvOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> fingerprint() {
        // raise the number when the same objects would give other bytes
        return Optional.of("csv 1" + (options.neutralizeFormulas() ? " neutralize-formulas" : " raw"));
    }

    @Override
    public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
        return BlockingSteps.withState(exports, context,
                () -> new Run(RowSpool.open(ExportFiles.inside(context.outputDir(), NAME)), new ArrayList<>()),
                (run, export) -> spool(export, run, context),
                run -> finish(run, context, options.neutralizeFormulas()),
                run -> run.spool().close());
    }

    /** The state of one subscription: the rows, and the databases that have views (with views only). */
    private record Run(RowSpool spool, List<PageExport> viewed) {
    }

    private static List<ExportEvent> spool(PageExport export, Run run, ExportContext context) {
        RowSpool spool = run.spool();
        // the title of every object is known by the end, for the relation columns of rows written earlier
        context.names().assign(export.id(), export.title());
        switch (export.kind()) {
            case DATABASE -> {
                spool.database(export);
                if (!export.views().isEmpty()) {
                    // only what the views need: the source object and views, not the data sources' schemas twice
                    synchronized (run.viewed()) {
                        run.viewed().add(export);
                    }
                }
            }
            case ROW -> spool.row(export);
            default -> {
            }
        }
        return List.of();
    }

    private static List<ExportEvent> finish(Run run, ExportContext context, boolean neutralize) {
        RowSpool spool = run.spool();
        FileSink sink = new FileSink(context.outputDir(), NAME);
        boolean markdown = context.spec().writers().stream().anyMatch(w -> MarkdownWriter.NAME.equals(w.name()));
        List<ExportEvent> events = new ArrayList<>();
        for (RowSpool.Table table : spool.tables()) {
            String file = NAME + "/" + table.name(context.names()) + ".csv";
            // owned by the database, so the file goes with it when a rerun finds the database gone
            String owner = table.databaseId() == null ? table.id() : table.databaseId();
            events.add(sink.write(owner, file, out -> table(out, table, spool, context, markdown, neutralize)));
        }
        List<RowSpool.Table> tables = spool.tables();
        for (PageExport database : run.viewed()) {
            String name = context.names().assign(database.id(), database.title());
            for (DatabaseView view : database.views()) {
                Optional<RowSpool.Table> table = ViewTables.table(view, tables);
                if (table.isEmpty() || !ViewTables.showsRows(view.view())) {
                    continue;
                }
                String file = NAME + "/" + ViewTables.fileName(name, view.view()) + ".csv";
                events.add(sink.write(database.id(), file, out -> view(out, view, table.get(), spool, context,
                        markdown, neutralize)));
            }
        }
        return events;
    }

    private static void table(OutputStream stream, RowSpool.Table table, RowSpool spool, ExportContext context,
            boolean markdown, boolean neutralize) throws IOException {
        Writer out = header(stream, table.columns(), neutralize);
        spool.forEach(table, row -> record(out, row, table.columns(), context, markdown, neutralize));
        out.flush();
    }

    /** A view's file: its visible columns in its order, its rows in its order. */
    private static void view(OutputStream stream, DatabaseView view, RowSpool.Table table, RowSpool spool,
            ExportContext context, boolean markdown, boolean neutralize) throws IOException {
        List<String> columns = ViewTables.columns(view.view(), table);
        Writer out = header(stream, columns, neutralize);
        for (RowSpool.Row row : ViewTables.rows(view, table, spool)) {
            record(out, row, columns, context, markdown, neutralize);
        }
        out.flush();
    }

    private static Writer header(OutputStream stream, List<String> columns, boolean neutralize) throws IOException {
        Writer out = FileSink.text(stream);
        out.write(Csv.BOM);
        List<String> header = new ArrayList<>();
        for (String column : columns) {
            header.add(neutralize ? Csv.neutralized(column) : column);
        }
        header.add(MARKDOWN_COLUMN);
        Csv.record(out, header);
        return out;
    }

    private static void record(Writer out, RowSpool.Row row, List<String> columns, ExportContext context,
            boolean markdown, boolean neutralize) throws IOException {
        PropertyValues values = new PropertyValues(new Links(context.names(), row.files(), ".md"),
                context::user);
        List<String> fields = new ArrayList<>(columns.size() + 1);
        for (String column : columns) {
            JsonNode property = row.properties().get(column);
            Object plain = property == null ? null : values.value(property);
            String text = CellText.of(plain);
            // a number is a number: -5 must stay readable as one
            fields.add(neutralize && !(plain instanceof Number) ? Csv.neutralized(text) : text);
        }
        fields.add(markdown ? "../" + MarkdownWriter.NAME + "/" + context.names().assign(row.id(), row.title())
                + ".md" : "");
        Csv.record(out, fields);
    }
}
