package dev.notionsync.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code export --all-profiles}: every profile of the file at the same time, since each workspace has its own rate
 * budget. Each runs as its own {@code export --profile NAME} with the same flags (its own client, rate limiter,
 * progress display and summary); their output is printed profile by profile as each ends, so lines never mix. The
 * exit code is the worst of them.
 */
final class AllProfiles {

    private AllProfiles() {
    }

    static int run(CommandLine export, ConfigFile config) {
        if (config == null || config.profileNames().isEmpty()) {
            throw new ConfigFile.ConfigException("--all-profiles: " + (config == null
                    ? "no " + ConfigFile.DEFAULT_NAME + " in the working directory and no --config FILE"
                    : config.file() + " has no profiles"));
        }
        List<String> args = flags(export.getParseResult().originalArgs());
        ExecutorService pool = Executors.newFixedThreadPool(config.profileNames().size());
        try {
            Map<String, CompletableFuture<Integer>> runs = new LinkedHashMap<>();
            for (String name : config.profileNames()) {
                runs.put(name, CompletableFuture.supplyAsync(() -> one(export, args, name), pool));
            }
            int worst = ExitCodes.OK;
            for (CompletableFuture<Integer> run : runs.values()) {
                worst = Math.max(worst, run.join());
            }
            return worst;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int one(CommandLine export, List<String> args, String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine child = new CommandLine(new ExportCommand());
        child.setOut(new PrintWriter(out, true));
        child.setErr(new PrintWriter(err, true));
        child.setExecutionExceptionHandler(new Failures());
        child.setParameterExceptionHandler((error, ignored) -> {
            error.getCommandLine().getErr().println("notion-sync: " + error.getMessage());
            return ExitCodes.USAGE;
        });
        List<String> own = new ArrayList<>(args);
        own.add("--profile");
        own.add(name);
        int code = child.execute(own.toArray(String[]::new));
        synchronized (AllProfiles.class) {
            PrintWriter stdout = export.getOut();
            stdout.println("Profile " + name + " (exit " + code + "):");
            stdout.print(out);
            stdout.flush();
            PrintWriter stderr = export.getErr();
            stderr.print(err.toString().lines().map(line -> "[" + name + "] " + line + System.lineSeparator())
                    .reduce("", String::concat));
            stderr.flush();
        }
        return code;
    }

    // the flags after the subcommand's name, without --all-profiles, for each profile's own run
    private static List<String> flags(List<String> original) {
        int start = original.indexOf("export") + 1;
        List<String> flags = new ArrayList<>();
        for (String arg : original.subList(start, original.size())) {
            if (!arg.equals("--all-profiles")) {
                flags.add(arg);
            }
        }
        return flags;
    }
}
