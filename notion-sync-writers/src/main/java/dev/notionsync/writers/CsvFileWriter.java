package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
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
    public Flux<ExportEvent> write(Flux<PageExport> exports, ExportContext context) {
        return BlockingSteps.withState(exports,
                () -> RowSpool.open(ExportFiles.inside(context.outputDir(), NAME)),
                (spool, export) -> spool(export, spool, context),
                spool -> finish(spool, context, options.neutralizeFormulas()),
                RowSpool::close);
    }

    private static List<ExportEvent> spool(PageExport export, RowSpool spool, ExportContext context) {
        // the title of every object is known by the end, for the relation columns of rows written earlier
        context.names().assign(export.id(), export.title());
        switch (export.kind()) {
            case DATABASE -> spool.database(export);
            case ROW -> spool.row(export);
            default -> {
            }
        }
        return List.of();
    }

    private static List<ExportEvent> finish(RowSpool spool, ExportContext context, boolean neutralize) {
        FileSink sink = new FileSink(context.outputDir(), NAME);
        boolean markdown = context.spec().writers().stream().anyMatch(w -> MarkdownWriter.NAME.equals(w.name()));
        List<ExportEvent> events = new ArrayList<>();
        for (RowSpool.Table table : spool.tables()) {
            String file = NAME + "/" + table.name(context.names()) + ".csv";
            // owned by the database, so the file goes with it when a rerun finds the database gone
            String owner = table.databaseId() == null ? table.id() : table.databaseId();
            events.add(sink.write(owner, file, out -> table(out, table, spool, context, markdown, neutralize)));
        }
        return events;
    }

    private static void table(OutputStream stream, RowSpool.Table table, RowSpool spool, ExportContext context,
            boolean markdown, boolean neutralize) throws IOException {
        Writer out = FileSink.text(stream);
        out.write(Csv.BOM);
        List<String> header = new ArrayList<>();
        for (String column : table.columns()) {
            header.add(neutralize ? Csv.neutralized(column) : column);
        }
        header.add(MARKDOWN_COLUMN);
        Csv.record(out, header);
        spool.forEach(table, row -> {
            PropertyValues values = new PropertyValues(new Links(context.names(), row.files(), ".md"),
                    context::user);
            List<String> fields = new ArrayList<>(header.size());
            for (String column : table.columns()) {
                JsonNode property = row.properties().get(column);
                Object plain = property == null ? null : values.value(property);
                String text = CellText.of(plain);
                // a number is a number: -5 must stay readable as one
                fields.add(neutralize && !(plain instanceof Number) ? Csv.neutralized(text) : text);
            }
            fields.add(markdown ? "../" + MarkdownWriter.NAME + "/" + context.names().assign(row.id(), row.title())
                    + ".md" : "");
            Csv.record(out, fields);
        });
        out.flush();
    }
}
