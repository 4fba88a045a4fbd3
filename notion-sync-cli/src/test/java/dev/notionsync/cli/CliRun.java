package dev.notionsync.cli;

import dev.notionsync.testkit.FakeServerOptions;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the CLI in-process with captured output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = NotionSyncCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Exports the server's workspace as JSON into {@code out}, for the commands that read an export. */
    static Path jsonExport(String apiUrl, Path out) {
        CliRun export = of("export", "--api-url", apiUrl, "--token", FakeServerOptions.DEFAULT_TOKEN, "--formats",
                "json", "--rate-limit", "0", "--progress", "none", "--out", out.toString());
        assertThat(export.exitCode()).as(export.err()).isEqualTo(ExitCodes.OK);
        return out;
    }
}
