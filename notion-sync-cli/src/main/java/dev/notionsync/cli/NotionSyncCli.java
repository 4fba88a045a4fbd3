package dev.notionsync.cli;

import picocli.CommandLine;
import reactor.core.publisher.Hooks;
import picocli.CommandLine.Command;

/**
 * The {@code notion-sync} command line: {@code notion-sync export --out backup}.
 */
@Command(name = "notion-sync",
        mixinStandardHelpOptions = true,
        versionProvider = NotionSyncCli.Version.class,
        description = "Exports a Notion workspace to JSON and Markdown through Notion's public API.",
        subcommands = {ExportCommand.class, RestoreCommand.class, VerifyCommand.class, WatchCommand.class,
                ConfigCommand.class, CommandLine.HelpCommand.class})
public final class NotionSyncCli {

    private NotionSyncCli() {
    }

    /**
     * Runs the CLI and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Returns the configured command line, for embedding and tests.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        // when one writer fails, the others fail too and Reactor drops their errors; the first one is reported
        Hooks.onErrorDropped(error -> {
        });
        CommandLine commandLine = new CommandLine(new NotionSyncCli());
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.setParameterExceptionHandler((error, args) -> {
            CommandLine command = error.getCommandLine();
            command.getErr().println("notion-sync: " + error.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NotionSyncCli.class.getPackage().getImplementationVersion();
            return new String[] {"notion-sync " + (version != null ? version : "development build")};
        }
    }
}
