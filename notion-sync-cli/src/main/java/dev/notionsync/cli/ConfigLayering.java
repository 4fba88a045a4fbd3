package dev.notionsync.cli;

import dev.notionsync.cli.ConfigFile.Value;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lays a profile of {@code notion-sync.yaml} under the flags of a command: flags first, then the environment
 * ({@code NOTION_TOKEN}, its alias {@code NOTION_API_KEY}, {@code NOTION_API_URL}), then the profile, then the file's
 * defaults. A value is taken from the file only for an option the command line did not give. Every command that
 * talks to Notion comes through here, with or without a file, so the precedence is the same for all of them; a key a
 * command has no option for (say {@code roots} for {@code watch}) is left to the commands that have one.
 */
final class ConfigLayering {

    private ConfigLayering() {
    }

    /** The file to read: {@code --config FILE}, else {@code notion-sync.yaml} when the working directory has one. */
    static ConfigFile find(Path explicit) {
        if (explicit != null) {
            return ConfigFile.load(explicit);
        }
        Path local = Path.of(ConfigFile.DEFAULT_NAME);
        return Files.isRegularFile(local) ? ConfigFile.load(local) : null;
    }

    /** {@code export}: the shared groups, its output folder, and the keys only {@code export} has options for. */
    static void apply(ExportCommand command, ConfigFile config, String profile, ParseResult flags) {
        Map<String, Value> settings = apply(config, profile, flags, command.connection, command.content,
                "--out", out -> command.out = out);
        for (Map.Entry<String, Value> entry : settings.entrySet()) {
            Value value = entry.getValue();
            String text = value.text().trim();
            switch (entry.getKey()) {
                case "roots" -> {
                    if (!flags.hasMatchedOption("--root")) {
                        command.roots = new ArrayList<>(value.list());
                    }
                }
                case "follow_links" -> {
                    if (!flags.hasMatchedOption("--follow-links")) {
                        command.followLinks = Boolean.parseBoolean(text);
                    }
                }
                case "progress" -> {
                    if (!flags.hasMatchedOption("--progress")) {
                        command.progressMode = text;
                    }
                }
                case "metrics" -> {
                    if (!flags.hasMatchedOption("--metrics")) {
                        command.metrics = relative(config, text);
                    }
                }
                default -> {
                    // the shared groups were laid above
                }
            }
        }
    }

    /**
     * Lays the environment and the settings of {@code profile} (the defaults when {@code null}) under the connection
     * options, the content options ({@code null} for a command without them) and the folder option
     * ({@code folderOption}, set through {@code folder}; {@code null} for none).
     *
     * @return the settings, for the keys of the command's own options
     */
    static Map<String, Value> apply(ConfigFile config, String profile, ParseResult flags, ConnectionOptions connection,
            ContentOptions content, String folderOption, Consumer<Path> folder) {
        Map<String, Value> settings = config == null ? Map.of() : config.settings(profile);
        String where = profile == null ? "defaults" : "profile " + profile;
        if (!flags.hasMatchedOption("--token")) {
            String token = ConfigEnvironment.token();
            connection.token = token != null ? token : config == null ? null : config.token(settings, where);
        }
        if (!flags.hasMatchedOption("--api-url")) {
            String url = ConfigEnvironment.get("NOTION_API_URL");
            Value fromFile = settings.get("api_url");
            connection.apiUrl = url != null && !url.isBlank() ? url : fromFile == null ? null : fromFile.text().trim();
        }
        Value out = settings.get("out");
        if (folder != null && out != null && !flags.hasMatchedOption(folderOption)) {
            folder.accept(relative(config, out.text().trim()));
        }
        for (Map.Entry<String, Value> entry : settings.entrySet()) {
            connection(connection, entry.getKey(), entry.getValue().text().trim(), flags);
            if (content != null) {
                content(content, entry.getKey(), entry.getValue(), flags);
            }
        }
        return settings;
    }

    private static void connection(ConnectionOptions connection, String key, String text, ParseResult flags) {
        switch (key) {
            case "notion_version" -> {
                if (!flags.hasMatchedOption("--notion-version")) {
                    connection.notionVersion = text;
                }
            }
            case "rate_limit" -> {
                if (!flags.hasMatchedOption("--rate-limit")) {
                    connection.rateLimit = new ConnectionOptions.RateLimitConverter().convert(text);
                }
            }
            case "max_retries" -> {
                if (!flags.hasMatchedOption("--max-retries")) {
                    connection.maxRetries = Integer.parseInt(text);
                }
            }
            case "max_outage" -> {
                if (!flags.hasMatchedOption("--max-outage")) {
                    connection.maxOutage = new ConnectionOptions.DurationConverter().convert(text);
                }
            }
            case "connect_timeout" -> {
                if (!flags.hasMatchedOption("--connect-timeout")) {
                    connection.connectTimeout = new ConnectionOptions.DurationConverter().convert(text);
                }
            }
            case "read_timeout" -> {
                if (!flags.hasMatchedOption("--read-timeout")) {
                    connection.readTimeout = new ConnectionOptions.DurationConverter().convert(text);
                }
            }
            default -> {
                // not a connection option
            }
        }
    }

    private static void content(ContentOptions content, String key, Value value, ParseResult flags) {
        String text = value.text().trim();
        switch (key) {
            case "formats" -> {
                if (!flags.hasMatchedOption("--formats")) {
                    content.formats = new ArrayList<>(value.list());
                }
            }
            case "comments" -> {
                if (!flags.hasMatchedOption("--comments")) {
                    content.comments = text;
                }
            }
            case "concurrency" -> {
                if (!flags.hasMatchedOption("--concurrency")) {
                    content.concurrency = Integer.parseInt(text);
                }
            }
            case "max_file_size" -> {
                if (!flags.hasMatchedOption("--max-file-size")) {
                    content.maxFileMegabytes = Long.parseLong(text);
                }
            }
            case "front_matter" -> {
                if (!flags.hasMatchedOption("--no-front-matter")) {
                    content.noFrontMatter = !Boolean.parseBoolean(text);
                }
            }
            case "attachments" -> {
                if (!flags.hasMatchedOption("--no-attachments")) {
                    content.noAttachments = !Boolean.parseBoolean(text);
                }
            }
            case "csv_raw" -> {
                if (!flags.hasMatchedOption("--csv-raw")) {
                    content.csvRaw = Boolean.parseBoolean(text);
                }
            }
            default -> {
                // not a content option
            }
        }
    }

    // paths in the file are relative to the file, so a scheduled run does not depend on its working directory
    private static Path relative(ConfigFile config, String path) {
        return config.file().toAbsolutePath().getParent().resolve(path);
    }
}
