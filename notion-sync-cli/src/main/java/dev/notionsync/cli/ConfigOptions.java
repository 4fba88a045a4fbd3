package dev.notionsync.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Which configuration file and profile a command reads: the one {@code @Mixin} of {@code export}, {@code watch} and
 * {@code restore}, so {@code --profile acme} gives each of them the same workspace.
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: notion-sync.yaml in the working directory, when there is one).")
    Path file;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Use the workspace of this profile of the configuration file: its token source, API "
                    + "options, output folder and export options.")
    String profile;

    /**
     * The file to read, {@code null} when there is none.
     *
     * @throws ConfigFile.ConfigException when the file is malformed, or {@code --profile} is given without a file
     */
    ConfigFile load() {
        ConfigFile config = ConfigLayering.find(file);
        if (profile != null && config == null) {
            throw new ConfigFile.ConfigException("--profile " + profile + ": no " + ConfigFile.DEFAULT_NAME
                    + " in the working directory and no --config FILE");
        }
        return config;
    }
}
