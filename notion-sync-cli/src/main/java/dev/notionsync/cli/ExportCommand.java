package dev.notionsync.cli;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.NotionIds;
import dev.notionsync.core.export.ExportEvent;
import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.NotionSync;
import dev.notionsync.testkit.FakeNotionServer;
import dev.notionsync.testkit.FakeServerOptions;
import dev.notionsync.testkit.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** {@code notion-sync export}: wires client, exporter, writers and progress display; nothing else. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export everything the token can see into a folder of JSON, Markdown, HTML and CSV files.")
final class ExportCommand implements Callable<Integer> {

    private static final String DEMO_TOKEN = "demo-token-not-a-secret";

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ContentOptions content;

    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "notion-export",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--demo", description = "Export the bundled demo workspace from a local fake Notion server; "
            + "needs no token.")
    boolean demo;

    @Option(names = "--root", paramLabel = "ID|URL",
            description = "Export only this page or database and what is below it (repeatable): its id, dashed or "
                    + "not, or its link as copied from Notion. Pages and databases outside it that it links to "
                    + "or mentions stay links to Notion, unless --follow-links is given.")
    List<String> roots = new ArrayList<>();

    @Option(names = "--follow-links", negatable = false,
            description = "With --root, also export the pages and databases the exported content links to or "
                    + "mentions outside the given subtrees.")
    boolean followLinks;

    @Option(names = "--full", description = "Fetch everything again, ignoring what the last run into this folder "
            + "already has (by default a rerun fetches only what changed).")
    boolean full;

    @Option(names = "--allow-mass-removal", description = "Let a rerun move aside more than 100 objects, or more "
            + "than a fifth of the previous export, that Notion confirms gone (without it such a run keeps them "
            + "and says so).")
    boolean allowMassRemoval;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a live line on a terminal), lines (one line per object, for logs), none.")
    String progressMode;

    @Option(names = "--metrics", paramLabel = "FILE",
            description = "Write the run's metrics to FILE at the end: JSON if it ends in .json, else Prometheus text.")
    Path metrics;

    @Option(names = "--debug", description = "Print stack traces of unexpected errors.")
    boolean debug;

    @Option(names = "--all-profiles", description = "Export every profile of the configuration file, in parallel.")
    boolean allProfiles;

    /** Set by {@link AllProfiles}: other profiles print to the same terminal, so no progress bar. */
    boolean oneOfSeveral;

    @Override
    public Integer call() throws Exception {
        // a malformed file is a ConfigException: one line and exit code 2 (Failures)
        if (allProfiles && config.profile != null) {
            throw new ParameterException(spec.commandLine(), "--all-profiles exports every profile; drop --profile "
                    + config.profile + ", or --all-profiles to export that one alone");
        }
        if (allProfiles) {
            return AllProfiles.run(spec.commandLine(), ConfigLayering.find(config.file));
        }
        ConfigLayering.apply(this, config.load(), config.profile, spec.commandLine().getParseResult());
        return exportOne();
    }

    private int exportOne() throws Exception {
        List<String> rootIds = rootIds();
        if (metrics != null && Files.isDirectory(metrics)) {
            throw new ParameterException(spec.commandLine(), "--metrics " + metrics + " is a folder: give the name "
                    + "of a file (it is written at the end)");
        }
        ExportSpec exportSpec = content.applyTo(ExportSpec.builder(), spec.commandLine())
                .outputDir(OutputFolder.require(out, "--out"))
                .roots(rootIds)
                .followLinks(followLinks)
                .full(full)
                .allowMassRemoval(allowMassRemoval)
                .build();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (demo) {
            try (FakeNotionServer server = FakeNotionServer.start(Workspace.demo(),
                    FakeServerOptions.builder().token(DEMO_TOKEN).build())) {
                err.println("Demo: serving the bundled demo workspace at " + server.baseUrl());
                NotionClientOptions.Builder options = connection.toOptions().token(DEMO_TOKEN)
                        .baseUrl(server.baseUrl());
                if (connection.rateLimit == null) {
                    options.requestsPerSecond(0);
                }
                return run(options.build(), exportSpec, stdout, err);
            }
        }
        connection.requireToken(spec.commandLine(), " (or try --demo)");
        return run(connection.toOptions().build(), exportSpec, stdout, err);
    }

    private int run(NotionClientOptions options, ExportSpec exportSpec, PrintWriter stdout, PrintWriter err)
            throws Exception {
        MetricsFile metricsFile = metrics == null ? null : new MetricsFile(metrics);
        ProgressDisplay progress = new ProgressDisplay(err, progressMode(), options.token());
        try (NotionClient client = NotionClient.create(metricsFile == null ? options
                : options.mutate().meterRegistry(metricsFile.registry()).build())) {
            return export(client, exportSpec, progress, stdout);
        } finally {
            if (metricsFile != null) {
                metricsFile.write();
            }
        }
    }

    private ProgressDisplay.Mode progressMode() {
        return switch (progressMode.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> System.console() == null ? ProgressDisplay.Mode.QUIET
                    : oneOfSeveral ? ProgressDisplay.Mode.LINES : ProgressDisplay.Mode.LIVE;
            case "lines" -> ProgressDisplay.Mode.LINES;
            case "none" -> ProgressDisplay.Mode.QUIET;
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown --progress mode '" + progressMode + "' (known: auto, lines, none)");
        };
    }

    private int export(NotionClient client, ExportSpec exportSpec, ProgressDisplay progress, PrintWriter stdout)
            throws Exception {
        CompletableFuture<ExportEvent.Finished> done = NotionSync.create(client)
                .export(exportSpec)
                .doOnNext(progress::onEvent)
                .ofType(ExportEvent.Finished.class)
                .last()
                .toFuture();
        // Ctrl-C or SIGTERM cancels the export: requests stop, written files stay complete, the report and the
        // summary say what was done, and a rerun of the same command resumes
        PrintWriter err = spec.commandLine().getErr();
        ExportEvent.Summary summary;
        try (Interruption interruption = new Interruption(done, () -> {
            progress.clear();
            Summaries.fromReport(exportSpec.outputDir())
                    .ifPresent(sofar -> Summaries.print(sofar, exportSpec.outputDir(), stdout));
            err.println("interrupted: rerun the same command to resume");
            err.flush();
        })) {
            try {
                summary = done.get().summary();
            } catch (CancellationException cancelled) {
                if (!interruption.interrupted()) {
                    throw cancelled;
                }
                interruption.awaitEnd();
                return ExitCodes.INTERRUPTED;
            } catch (ExecutionException failure) {
                progress.clear();
                throw failure.getCause() instanceof Exception cause ? cause : failure;
            }
        }
        progress.clear();
        Summaries.print(summary, exportSpec.outputDir(), stdout);
        return summary.failureCount() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    // read before anything is sent, so a mistyped id is a usage error and not a failed export
    private List<String> rootIds() {
        List<String> ids = new ArrayList<>();
        for (String root : roots) {
            try {
                ids.add(NotionIds.parse(root));
            } catch (IllegalArgumentException malformed) {
                throw new ParameterException(spec.commandLine(), "--root " + malformed.getMessage());
            }
        }
        return ids;
    }
}
