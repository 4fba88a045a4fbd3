package dev.notionsync.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
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
 * progress display and summary). Their stderr (progress, failures) is live: each line is printed as soon as it is
 * complete, whole and prefixed with {@code [NAME]}, so lines of profiles running at the same time never mix; a
 * progress bar cannot be shared, so {@code --progress auto} on a terminal shows lines. Each summary (stdout) is
 * printed as a block under {@code Profile NAME (exit N):} when its profile ends. The exit code is the worst of them.
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
        PrintWriter err = new PrintWriter(new PrefixedLines(export.getErr(), "[" + name + "] "), true);
        ExportCommand command = new ExportCommand();
        command.oneOfSeveral = true;
        CommandLine child = new CommandLine(command);
        child.setOut(new PrintWriter(out, true));
        child.setErr(err);
        child.setExecutionExceptionHandler(new Failures());
        child.setParameterExceptionHandler((error, ignored) -> {
            error.getCommandLine().getErr().println("notion-sync: " + error.getMessage());
            return ExitCodes.USAGE;
        });
        List<String> own = new ArrayList<>(args);
        own.add("--profile");
        own.add(name);
        int code = child.execute(own.toArray(String[]::new));
        err.close();
        PrintWriter stdout = export.getOut();
        synchronized (stdout) {
            stdout.print("Profile " + name + " (exit " + code + "):" + System.lineSeparator() + out);
            stdout.flush();
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

    /**
     * Passes whole lines to {@code target}, each with the prefix and in one write, as soon as they are complete; a
     * line still being written waits for its end, so lines written by several threads never mix.
     */
    static final class PrefixedLines extends Writer {

        private final PrintWriter target;
        private final String prefix;
        private final StringBuilder line = new StringBuilder();

        PrefixedLines(PrintWriter target, String prefix) {
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    emit();
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void emit() {
            String whole = prefix + line + System.lineSeparator();
            line.setLength(0);
            synchronized (target) {
                target.print(whole);
                target.flush();
            }
        }

        @Override
        public void flush() {
            // only whole lines are passed on: a flush in the middle of one would let another profile's line cut it
        }

        @Override
        public synchronized void close() {
            if (line.length() > 0) {
                emit();
            }
        }
    }
}
