package dev.notionsync.cli;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.export.ExportVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code notion-sync verify}: runs the verifier on a folder and prints one line per problem; nothing else. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check an export folder: files match the hashes the export recorded, no temporary files, no "
                + "local link to a missing file, every attachment present, the report agrees with the state. "
                + "Exit code 0 when clean, 8 when something is wrong.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ConfigOptions config;

    @Parameters(index = "0", paramLabel = "DIR", description = "The export folder.")
    Path dir;

    @Option(names = "--online", description = "Also list what Notion has that the export lacks (search and data "
            + "source queries only; needs the token, which --profile can name).")
    boolean online;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), dir + " is not a folder");
        }
        if (online) {
            // the folder is DIR, never the profile's out: the profile gives only the connection
            ConfigLayering.apply(config.load(), config.profile, spec.commandLine().getParseResult(), connection, null,
                    null, null);
            connection.requireToken(spec.commandLine(), "");
        }
        ExportVerifier verifier = ExportVerifier.of(dir);
        ExportVerifier.Verification result = verifier.verify();
        List<ExportVerifier.Problem> problems = new ArrayList<>(result.problems());
        if (online && result.problems().stream().noneMatch(p -> p.kind() == ExportVerifier.Kind.NO_STATE)) {
            try (NotionClient client = NotionClient.create(connection.toOptions().build())) {
                problems.addAll(verifier.online(client).collectList().block());
            }
        }
        for (ExportVerifier.Problem problem : problems) {
            out.printf("%-14s %s: %s%n", problem.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    problem.path(), problem.detail());
        }
        out.printf("%s: %d files, %d local links, %d attachments checked; %s%n", dir, result.files(),
                result.links(), result.attachments(), problems.isEmpty() ? "clean"
                        : problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
    }
}
