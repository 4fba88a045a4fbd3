package dev.notionsync.writers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportFiles;
import dev.notionsync.core.export.PageExport;
import dev.notionsync.core.model.DataSource;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV writer against {@code csv/every-type.json}: a database whose one data source has every property type, and
 * two rows whose properties come in the reverse of schema order, the first related to the second.
 */
class CsvWriterTests {

    private static final String DATABASE = "c0000000-0000-4000-8000-000000000001";
    private static final String SOURCE = "c0000000-0000-4000-8000-000000000002";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    /** The fixture: the database first, then the rows. */
    static List<PageExport> everyType() {
        try (InputStream in = CsvWriterTests.class.getResourceAsStream("/csv/every-type.json")) {
            JsonNode root = JsonFileWriter.MAPPER.readTree(in);
            List<DataSource> sources = new ArrayList<>();
            root.path("data_sources").forEach(s -> sources.add(new DataSource((ObjectNode) s)));
            Map<String, String> files = new LinkedHashMap<>();
            root.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
            List<PageExport> exports = new ArrayList<>();
            exports.add(PageExport.ofDatabase(new Database((ObjectNode) root.get("database")), sources));
            root.path("rows").forEach(r -> exports.add(new PageExport(new Page((ObjectNode) r), List.of(), List.of(),
                    List.of(), files)));
            return exports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestContext context() {
        return TestContext.of(dir, MarkdownWriter.create(), CsvWriter.create())
                .withUser("a0000000-0000-4000-8000-000000000002", "Grace Hopper");
    }

    private List<ExportEvent> write(TestContext context, List<PageExport> exports) {
        return CsvWriter.create().write(Flux.fromIterable(exports), context).collectList().block();
    }

    private static String text(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).as("UTF-8 byte order mark").startsWith(BOM);
        return new String(bytes, BOM.length, bytes.length - BOM.length, StandardCharsets.UTF_8);
    }

    @Test
    void everyPropertyTypeAsTextLikeTheGoldenFile() throws IOException {
        List<PageExport> fixture = everyType();
        // the first row before the schema, the second after it
        List<ExportEvent> events = write(context(), List.of(fixture.get(1), fixture.get(0), fixture.get(2)));

        assertThat(CsvWriter.create().name()).isEqualTo("csv");
        assertThat(events).containsExactly(new ExportEvent.PageWritten(DATABASE, "csv", Path.of("csv/All rows.csv")));
        String csv = text(dir.resolve("csv/All rows.csv"));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden/every-type.csv"), csv.replace("\r\n", "\n"));
        }
        try (InputStream in = getClass().getResourceAsStream("/golden/every-type.csv")) {
            String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // the golden file keeps LF line ends for readability; the strict parse below checks the CRLFs
            assertThat(csv.replace("\r\n", "\n")).isEqualTo(golden);
        }
        List<List<String>> records = CsvRecords.parse(csv);
        assertThat(records).hasSize(3);
        assertThat(records).allSatisfy(record -> assertThat(record).hasSize(records.get(0).size()));
    }

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaksAndReadsBackExactly() throws IOException {
        write(context(), everyType());

        String csv = text(dir.resolve("csv/All rows.csv"));
        assertThat(csv).contains("\r\n\"Launch, \"\"v2\"\"\",\"first line\nsecond line\",1234.5,");
        List<List<String>> records = CsvRecords.parse(csv);
        List<String> header = records.get(0);
        List<String> first = records.get(1);
        assertThat(first.get(header.indexOf("Name"))).isEqualTo("Launch, \"v2\"");
        assertThat(first.get(header.indexOf("Notes"))).isEqualTo("first line\nsecond line");
        assertThat(first.get(header.indexOf("Website"))).isEqualTo("https://example.com/a,b");
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("cr\ronly")).isEqualTo("\"cr\ronly\"");
        assertThat(Csv.field("")).isEqualTo("");
    }

    @Test
    void theHeaderFollowsTheSchemaWhenRowsArriveFirst() throws IOException {
        List<PageExport> fixture = everyType();
        write(context(), List.of(fixture.get(1), fixture.get(2), fixture.get(0)));

        List<String> header = CsvRecords.parse(text(dir.resolve("csv/All rows.csv"))).get(0);
        List<String> schemaOrder = new ArrayList<>();
        fixture.get(0).dataSources().get(0).schema().properties().forEach(p -> schemaOrder.add(p.getKey()));
        schemaOrder.add("markdown");
        assertThat(header).containsExactlyElementsOf(schemaOrder);
    }

    @Test
    void rowsWithoutASchemaStillGiveAFileWithTheUnionOfTheirProperties() throws IOException {
        List<PageExport> fixture = everyType();
        ObjectNode extra = fixture.get(2).source().json().deepCopy();
        extra.put("id", "c0000000-0000-4000-8000-000000000013");
        ((ObjectNode) extra.get("properties")).putObject("Only here").put("type", "checkbox").put("checkbox", true);
        TestContext context = context();
        context.names().assign(SOURCE, "Lost schema");
        write(context, List.of(fixture.get(1), PageExport.ofPage(new Page(extra), List.of(), List.of())));

        List<List<String>> records = CsvRecords.parse(text(dir.resolve("csv/Lost schema.csv")));
        assertThat(records).hasSize(3);
        List<String> header = records.get(0);
        assertThat(header.get(0)).as("first row's order: reversed schema").isEqualTo("Mystery");
        assertThat(header).contains("Name", "Related").endsWith("Only here", "markdown");
        assertThat(records.get(1).get(header.indexOf("Only here"))).isEmpty();
        assertThat(records.get(2).get(header.indexOf("Only here"))).isEqualTo("true");
    }

    @Test
    void relationsShowTitleAndIdEvenWhenTheRelatedRowArrivesLater() throws IOException {
        write(context(), everyType());

        List<List<String>> records = CsvRecords.parse(text(dir.resolve("csv/All rows.csv")));
        int related = records.get(0).indexOf("Related");
        assertThat(records.get(1).get(related)).isEqualTo(
                "Follow-up (c0000000-0000-4000-8000-000000000012), c0000000-0000-4000-8000-0000000000ff");
        assertThat(records.get(2).get(related)).isEqualTo("Launch, \"v2\" (c0000000-0000-4000-8000-000000000011)");
    }

    @Test
    void theMarkdownColumnPointsToTheRowsMarkdownFile() throws IOException {
        TestContext context = context();
        List<PageExport> fixture = everyType();
        MarkdownWriter.create().write(Flux.fromIterable(fixture), context).blockLast();
        write(context, fixture);

        List<List<String>> records = CsvRecords.parse(text(dir.resolve("csv/All rows.csv")));
        assertThat(records.get(0).get(records.get(0).size() - 1)).isEqualTo("markdown");
        for (List<String> record : records.subList(1, records.size())) {
            String path = record.get(record.size() - 1);
            assertThat(path).startsWith("../markdown/").endsWith(".md");
            assertThat(dir.resolve("csv").resolve(path).normalize()).isRegularFile();
        }
        String database = Files.readString(dir.resolve("markdown/Every type.md"));
        assertThat(database).contains("](../csv/All%20rows.csv)");
    }

    @Test
    void withoutAMarkdownWriterTheMarkdownColumnIsEmpty() throws IOException {
        TestContext context = TestContext.of(dir, CsvWriter.create());
        write(context, everyType());

        List<List<String>> records = CsvRecords.parse(text(dir.resolve("csv/All rows.csv")));
        assertThat(records.subList(1, records.size())).allSatisfy(r -> assertThat(r.get(r.size() - 1)).isEmpty());
    }

    @Test
    void temporaryFilesAreRemovedWhenTheStreamCompletesOrFails() throws IOException {
        write(context(), everyType());
        assertThat(temporaryFiles()).isEmpty();

        Path failed = dir.resolve("failed");
        TestContext context = TestContext.of(failed, CsvWriter.create());
        Flux<PageExport> broken = Flux.fromIterable(everyType()).concatWith(Flux.error(new IllegalStateException("x")));
        StepVerifier.create(CsvWriter.create().write(broken, context))
                .expectErrorMessage("x")
                .verify();
        try (Stream<Path> files = Files.list(failed.resolve("csv"))) {
            assertThat(files).as("neither temporary files nor a partial CSV").isEmpty();
        }
    }

    /** The fixture with formula-like values (and a NUL) in the first row, and {@code -5} as its amount. */
    private static List<PageExport> formulas() {
        List<PageExport> fixture = new ArrayList<>(everyType());
        ObjectNode row = fixture.get(1).source().json().deepCopy();
        ObjectNode properties = (ObjectNode) row.get("properties");
        ((ObjectNode) properties.get("Name")).set("title", Fixtures.richText("=HYPERLINK(\"http://evil\",\"x\")"));
        ((ObjectNode) properties.get("Notes")).set("rich_text", Fixtures.richText("@SUM(1+1)*cmd|' /C calc'!A0"));
        ((ObjectNode) properties.get("Amount")).put("number", -5);
        properties.putObject("-bad column").put("type", "rich_text").set("rich_text", Fixtures.richText("+1+1"));
        properties.putObject("Tabbed").put("type", "rich_text").set("rich_text", Fixtures.richText("\t=1+1"));
        properties.putObject("Carriage").put("type", "rich_text").set("rich_text", Fixtures.richText("\r=1+1"));
        properties.putObject("Nul").put("type", "rich_text").set("rich_text", Fixtures.richText("a\u0000b"));
        fixture.set(1, new PageExport(new Page(row), List.of(), List.of(), List.of(), fixture.get(1).files()));
        return fixture;
    }

    @Test
    void cellsThatASpreadsheetWouldEvaluateGetAQuoteButNumbersStayNumbers() throws IOException {
        write(context(), formulas());

        String csv = text(dir.resolve("csv/All rows.csv"));
        assertThat(csv).doesNotContain("\u0000");
        List<List<String>> records = CsvRecords.parse(csv);
        List<String> header = records.get(0);
        List<String> first = records.get(1);
        assertThat(header).contains("'-bad column").doesNotContain("-bad column");
        assertThat(first.get(header.indexOf("Name"))).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(first.get(header.indexOf("Notes"))).isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");
        assertThat(first.get(header.indexOf("'-bad column"))).isEqualTo("'+1+1");
        assertThat(first.get(header.indexOf("Tabbed"))).isEqualTo("'\t=1+1");
        assertThat(first.get(header.indexOf("Carriage"))).isEqualTo("'\r=1+1");
        assertThat(first.get(header.indexOf("Nul"))).isEqualTo("ab");
        assertThat(first.get(header.indexOf("Amount"))).as("a number property's value").isEqualTo("-5");
        for (List<String> record : records) {
            for (int i = 0; i < record.size(); i++) {
                String cell = record.get(i);
                if (!cell.isEmpty() && !"Amount".equals(header.get(i))) {
                    assertThat("=+-@\t\r".indexOf(cell.charAt(0))).as(header.get(i) + ": " + cell).isNegative();
                }
            }
        }
    }

    @Test
    void theRawOptionWritesCellsAsNotionHasThem() throws IOException {
        CsvWriter raw = CsvWriter.create(CsvOptions.builder().neutralizeFormulas(false).build());
        assertThat(CsvOptions.DEFAULT.neutralizeFormulas()).isTrue();
        assertThat(CsvOptions.DEFAULT.mutate().neutralizeFormulas(false).build().neutralizeFormulas()).isFalse();
        raw.write(Flux.fromIterable(formulas()), context()).collectList().block();

        List<List<String>> records = CsvRecords.parse(text(dir.resolve("csv/All rows.csv")));
        List<String> header = records.get(0);
        List<String> first = records.get(1);
        assertThat(header).contains("-bad column");
        assertThat(first.get(header.indexOf("Name"))).isEqualTo("=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(first.get(header.indexOf("-bad column"))).isEqualTo("+1+1");
        assertThat(first.get(header.indexOf("Tabbed"))).isEqualTo("\t=1+1");
        assertThat(first.get(header.indexOf("Amount"))).isEqualTo("-5");
    }

    /** The database and six rows: created at three times, two rows a time, ids not in creation order. */
    private static List<PageExport> sixRows() {
        List<PageExport> fixture = everyType();
        List<PageExport> exports = new ArrayList<>(List.of(fixture.get(0)));
        String[] times = {"2024-05-03T09:00:00.000Z", "2024-05-01T09:00:00.000Z", "2024-05-02T09:00:00.000Z"};
        for (int i = 0; i < 6; i++) {
            ObjectNode row = fixture.get(1 + i % 2).source().json().deepCopy();
            row.put("id", "c0000000-0000-4000-8000-00000000002" + (5 - i));
            row.put("created_time", times[i % 3]);
            ((ObjectNode) row.get("properties").get("Name")).set("title", Fixtures.richText("Row " + i));
            exports.add(new PageExport(new Page(row), List.of(), List.of(), List.of(), fixture.get(1).files()));
        }
        return exports;
    }

    @Test
    void rowsAreOrderedByCreatedTimeThenIdWhateverTheOrderTheyArriveIn() throws IOException {
        List<PageExport> forward = sixRows();
        List<PageExport> backward = new ArrayList<>(forward);
        java.util.Collections.reverse(backward);
        List<PageExport> shuffled = new ArrayList<>(forward);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        Path first = dir.resolve("forward");
        Path second = dir.resolve("backward");
        Path third = dir.resolve("shuffled");
        CsvWriter.create().write(Flux.fromIterable(forward), TestContext.of(first, CsvWriter.create())).blockLast();
        CsvWriter.create().write(Flux.fromIterable(backward), TestContext.of(second, CsvWriter.create())).blockLast();
        CsvWriter.create().write(Flux.fromIterable(shuffled), TestContext.of(third, CsvWriter.create())).blockLast();

        byte[] bytes = Files.readAllBytes(first.resolve("csv/All rows.csv"));
        assertThat(Files.readAllBytes(second.resolve("csv/All rows.csv"))).isEqualTo(bytes);
        assertThat(Files.readAllBytes(third.resolve("csv/All rows.csv"))).isEqualTo(bytes);
        List<List<String>> records = CsvRecords.parse(text(first.resolve("csv/All rows.csv")));
        int name = records.get(0).indexOf("Name");
        // created 05-01: rows 1 (id 24) and 4 (id 21); 05-02: rows 2 (23) and 5 (20); 05-03: rows 0 (25) and 3 (22)
        assertThat(records.subList(1, records.size())).extracting(r -> r.get(name))
                .containsExactly("Row 4", "Row 1", "Row 5", "Row 2", "Row 3", "Row 0");
    }

    @Test
    void withoutASchemaTheColumnsDoNotDependOnTheOrderOfArrivalEither() throws IOException {
        List<PageExport> rows = new ArrayList<>(sixRows().subList(1, 7));
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode row = rows.get(i).source().json().deepCopy();
            ((ObjectNode) row.get("properties")).putObject("Extra " + i).put("type", "checkbox").put("checkbox", true);
            rows.set(i, new PageExport(new Page(row), List.of(), List.of(), List.of(), rows.get(i).files()));
        }
        List<PageExport> backward = new ArrayList<>(rows);
        java.util.Collections.reverse(backward);
        TestContext first = TestContext.of(dir.resolve("a"), CsvWriter.create());
        TestContext second = TestContext.of(dir.resolve("b"), CsvWriter.create());
        first.names().assign(SOURCE, "Lost schema");
        second.names().assign(SOURCE, "Lost schema");
        CsvWriter.create().write(Flux.fromIterable(rows), first).blockLast();
        CsvWriter.create().write(Flux.fromIterable(backward), second).blockLast();

        byte[] bytes = Files.readAllBytes(dir.resolve("a/csv/Lost schema.csv"));
        assertThat(Files.readAllBytes(dir.resolve("b/csv/Lost schema.csv"))).isEqualTo(bytes);
        List<String> header = CsvRecords.parse(text(dir.resolve("a/csv/Lost schema.csv"))).get(0);
        // the oldest rows first, by id within a time, as the rows themselves
        assertThat(header).containsSubsequence("Extra 4", "Extra 1", "Extra 5", "Extra 2", "Extra 3", "Extra 0");
    }

    @Test
    void aRerunWithoutEditsLeavesTheCsvFileAlone() throws IOException {
        List<PageExport> rows = sixRows();
        CsvWriter.create().write(Flux.fromIterable(rows), TestContext.of(dir, CsvWriter.create())).blockLast();
        Path csv = dir.resolve("csv/All rows.csv");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(csv, old);

        List<PageExport> again = new ArrayList<>(rows.subList(1, rows.size()));
        java.util.Collections.reverse(again);
        again.add(rows.get(0));
        CsvWriter.create().write(Flux.fromIterable(again), TestContext.of(dir, CsvWriter.create())).blockLast();

        assertThat(Files.getLastModifiedTime(csv)).as("not rewritten").isEqualTo(old);
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(ExportFiles.TEMP_PREFIX)).toList();
        }
    }
}
