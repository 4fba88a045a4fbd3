package dev.notionsync.cli;

import dev.notionsync.core.NotionClient;
import dev.notionsync.core.restore.NotionRestore;
import dev.notionsync.core.restore.RestoreEvent;
import dev.notionsync.core.restore.RestoreSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code notion-sync restore}: wires the client and the restore, prints what happened; nothing else. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a JSON export into Notion under a page: pages, blocks, databases with rows, files "
                + "and comments. Rerunning continues an interrupted restore and creates nothing twice.")
final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ConfigOptions config;

    @Option(names = "--from", paramLabel = "DIR",
            description = "The export folder (holding json/index.json); the restore log and report go there "
                    + "(default: the profile's out).")
    Path from;

    @Option(names = "--parent", paramLabel = "PAGE_ID|URL", required = true,
            description = "The page to restore under: its id, or its link as copied from Notion.")
    String parent;

    @Option(names = "--dry-run", description = "Print the plan (objects, blocks, files, requests, time) and write "
            + "nothing.")
    boolean dryRun;

    @Option(names = "--only", paramLabel = "ID", arity = "1..*",
            description = "Restore only these exported pages or databases and what is below them.")
    List<String> only = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "none",
            description = "lines (one line per restored object on stderr, for logs) or none (default).")
    String progressMode;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // a malformed file is a ConfigException: one line and exit code 2 (Failures)
        ConfigLayering.apply(config.load(), config.profile, spec.commandLine().getParseResult(), connection, null,
                "--from", folder -> from = folder);
        if (from == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--from=DIR' (or out: in "
                    + "the profile of " + ConfigFile.DEFAULT_NAME + ")");
        }
        if (!Files.isRegularFile(from.resolve("json").resolve("index.json"))) {
            throw new ParameterException(spec.commandLine(), from + " is not a JSON export: json/index.json is"
                    + " missing (export with --formats json first)");
        }
        RestoreSpec restoreSpec;
        try {
            restoreSpec = RestoreSpec.builder().from(from).parent(parent).dryRun(dryRun).only(only).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        connection.requireToken(spec.commandLine(), "");
        NotionClient client = NotionClient.create(connection.toOptions().build());
        int[] failed = {0};
        RestoreEvent.Finished finished = NotionRestore.create(client).restore(restoreSpec)
                .doOnNext(event -> {
                    if (event instanceof RestoreEvent.Failed failure) {
                        failed[0]++;
                        err.println("notion-sync: could not restore " + failure.objectId() + ": " + failure.reason());
                    } else if (event instanceof RestoreEvent.Restored restored && "lines".equals(progressMode)) {
                        err.println("restored " + restored.kind() + " " + restored.oldId() + " " + restored.title());
                    } else if (event instanceof RestoreEvent.Plan plan) {
                        printPlan(out, plan);
                    }
                })
                .ofType(RestoreEvent.Finished.class)
                .blockLast();
        if (finished == null || dryRun) {
            return ExitCodes.OK;
        }
        RestoreEvent.Summary s = finished.summary();
        out.printf("Restore in %.1f s: %d objects, %d blocks, %d files, %d comments, %d requests; %d things not "
                + "restored (see %s), %d failed%n", s.elapsed().toMillis() / 1000.0, s.objects(), s.blocks(),
                s.files(), s.comments(), s.requests(), s.notRestored(), from.resolve("restore-report.json"),
                s.failed());
        return failed[0] > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    private static void printPlan(PrintWriter out, RestoreEvent.Plan plan) {
        int blocks = plan.blocks().values().stream().mapToInt(Integer::intValue).sum();
        out.printf("Plan: %d objects, %d blocks, %d files, %d comments, about %d requests, about %d s at the rate "
                + "limit%n", plan.objects(), blocks, plan.files(), plan.comments(), plan.requests(),
                plan.estimated().toSeconds());
        for (Map.Entry<String, Integer> type : plan.blocks().entrySet()) {
            out.printf("  %-20s %d%n", type.getKey(), type.getValue());
        }
    }
}
