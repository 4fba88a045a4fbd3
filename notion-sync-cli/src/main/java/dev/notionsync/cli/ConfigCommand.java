package dev.notionsync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code notion-sync config check}: reads the configuration file as an export would, and exports nothing. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with notion-sync.yaml.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

    /** Validates every profile, token sources included. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check the configuration file (every key, value and token source) without exporting.")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Configuration file (default: notion-sync.yaml in the working directory).")
        Path configFile;

        @Override
        public Integer call() {
            try {
                ConfigFile config = ConfigFile.load(configFile != null ? configFile : Path.of(ConfigFile.DEFAULT_NAME));
                config.token(config.settings(null), "defaults");
                for (String name : config.profileNames()) {
                    if (config.token(config.settings(name), "profile " + name) == null
                            && ConfigEnvironment.token() == null) {
                        throw new ConfigFile.ConfigException(config.file() + ": profile " + name
                                + ": no token source (token_env or token_file, or NOTION_TOKEN in the environment)");
                    }
                }
                spec.commandLine().getOut().println(config.file() + ": ok, " + config.profileNames().size()
                        + " profile(s)" + (config.profileNames().isEmpty() ? ""
                        : ": " + String.join(", ", config.profileNames())));
                return ExitCodes.OK;
            } catch (ConfigFile.ConfigException malformed) {
                spec.commandLine().getErr().println("notion-sync: " + malformed.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }
}
