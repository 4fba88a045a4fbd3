package dev.notionsync.cli;

import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import dev.notionsync.testkit.WorkspaceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code notion-sync verify} finds each kind of damage, and nothing on a sound export. */
class VerifyTests {

    @TempDir
    Path dir;
    FakeNotionServer server;
    Path out;

    @BeforeEach
    void exportOnce() {
        server = FakeNotionServer.start(Workspace.generate(WorkspaceSpec.small()));
        out = dir.resolve("out");
        CliRun export = export();
        assertThat(export.exitCode()).as(export.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFreshExportAndItsRerunsAreClean() {
        CliRun clean = verify();
        assertThat(clean.exitCode()).as(clean.out()).isEqualTo(ExitCodes.OK);
        assertThat(clean.out()).contains("; clean").containsPattern("[1-9]\\d* files, [1-9]\\d* local links, "
                + "[1-9]\\d* attachments checked");

        // an edit and a rename change files of replayed pages too (titles shown elsewhere): their hashes follow
        String page = server.workspace().pageIds().findFirst().orElseThrow();
        server.workspace().editPageText(page, "Edited after the first export.");
        server.workspace().renamePage(page, "Renamed page");
        assertThat(export().exitCode()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);

        CliRun again = verify();
        assertThat(again.exitCode()).as(again.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void theDemoWithItsViewsAndLinkedDatabasesIsClean() {
        Path demo = dir.resolve("demo");
        CliRun export = CliRun.of("export", "--demo", "--out", demo.toString());
        assertThat(export.exitCode()).as(export.err()).isEqualTo(ExitCodes.OK);

        CliRun run = CliRun.of("verify", demo.toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aDeletedFileIsMissingAndTheLinksToItDangle() throws IOException {
        Path page = anyFile("markdown", ".md");
        Files.delete(page);

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(run.out()).contains("missing        markdown/" + page.getFileName());
        assertThat(run.out().lines().filter(l -> l.startsWith("dangling-link")).toList())
                .allMatch(l -> l.contains(page.getFileName().toString().replace(" ", "%20"))
                        || l.contains(page.getFileName().toString()));
    }

    @Test
    void aCorruptedFileIsChanged() throws IOException {
        Path json = anyFile("json", ".json");
        Files.writeString(json, " ", StandardOpenOption.APPEND);

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(run.out()).contains("changed        json/" + json.getFileName() + ": content differs");
    }

    @Test
    void aLinkToAFileThatIsNotThereIsDangling() throws IOException {
        Path page = anyFile("html", ".html");
        Files.writeString(page, "<a href=\"No%20such%20page.html#x\">gone</a>", StandardOpenOption.APPEND);

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(run.out()).contains("dangling-link  html/" + page.getFileName()
                + ": links to No%20such%20page.html#x, which is not there");
    }

    @Test
    void aMissingOrDamagedAttachmentIsNamed() throws IOException {
        List<Path> files;
        try (Stream<Path> paths = Files.walk(out.resolve("files"))) {
            files = paths.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        Files.delete(files.get(0));
        Files.write(files.get(1), new byte[] {1, 2, 3});

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(run.out()).contains("attachment     " + out.relativize(files.get(0)).toString().replace('\\', '/'))
                .contains("is not there")
                .contains(out.relativize(files.get(1)).toString().replace('\\', '/') + ": content does not match");
    }

    @Test
    void aKillMidExportLeavesWhatVerifyNamesAndARerunMakesItClean() throws Exception {
        Path killed = dir.resolve("killed");
        ChildCli.runAndKill("exported ", 5, "export", "--api-url", server.baseUrl(), "--token",
                FakeServerOptions.DEFAULT_TOKEN, "--out", killed.toString(), "--rate-limit", "40", "--concurrency",
                "1", "--progress", "lines");

        CliRun damaged = CliRun.of("verify", killed.toString());
        assertThat(damaged.exitCode()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(damaged.out()).containsPattern("(?m)^(temporary|report) ");

        CliRun rerun = CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--out", killed.toString(), "--rate-limit", "0");
        assertThat(rerun.exitCode()).as(rerun.err()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        CliRun clean = CliRun.of("verify", killed.toString());
        assertThat(clean.exitCode()).as(clean.out()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void onlineListsWhatNotionHasAndTheExportLacks() {
        String parent = server.workspace().pageIds().findFirst().orElseThrow();
        String added = server.workspace().addPage(parent, "Added after the export", "New.");

        CliRun run = CliRun.of("verify", out.toString(), "--online", "--api-url", server.baseUrl(), "--token",
                FakeServerOptions.DEFAULT_TOKEN, "--rate-limit", "0");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(run.out()).contains("not-exported   " + added + ": Notion lists this page");
        assertThat(run.out().lines().filter(l -> l.startsWith("not-exported")).count()).isEqualTo(1);
    }

    @Test
    void aFolderThatIsNotAnExportIsNamedSo() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));

        CliRun run = CliRun.of("verify", photos.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(run.out()).contains("no-state").contains("not a notion-sync export folder");
        assertThat(CliRun.of("verify", dir.resolve("nowhere").toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private CliRun export() {
        return CliRun.of("export", "--api-url", server.baseUrl(), "--token", FakeServerOptions.DEFAULT_TOKEN,
                "--out", out.toString(), "--rate-limit", "0");
    }

    private CliRun verify() {
        return CliRun.of("verify", out.toString());
    }

    private Path anyFile(String folder, String suffix) throws IOException {
        try (Stream<Path> paths = Files.list(out.resolve(folder))) {
            return paths.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.getFileName().toString().startsWith("index"))
                    .sorted().findFirst().orElseThrow();
        }
    }
}
