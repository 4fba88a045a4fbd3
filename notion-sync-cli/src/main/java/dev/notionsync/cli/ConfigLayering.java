package dev.notionsync.cli;

import dev.notionsync.cli.ConfigFile.Value;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

/**
 * Lays a profile of {@code notion-sync.yaml} under the flags of {@code export}: flags first, then the environment
 * ({@code NOTION_TOKEN}, its alias {@code NOTION_API_KEY}, {@code NOTION_API_URL}), then the profile, then the file's
 * defaults. A value is taken from the file only for an option the command line did not give.
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

    static void apply(ExportCommand command, ConfigFile config, String profile, ParseResult flags) {
        Map<String, Value> settings = config == null ? Map.of() : config.settings(profile);
        String where = profile == null ? "defaults" : "profile " + profile;
        if (!flags.hasMatchedOption("--token")) {
            String token = ConfigEnvironment.token();
            command.connection.token = token != null ? token : config == null ? null : config.token(settings, where);
        }
        for (Map.Entry<String, Value> entry : settings.entrySet()) {
            Value value = entry.getValue();
            String text = value.text().trim();
            switch (entry.getKey()) {
                case "api_url" -> {
                    if (!flags.hasMatchedOption("--api-url") && ConfigEnvironment.get("NOTION_API_URL") == null) {
                        command.connection.apiUrl = text;
                    }
                }
                case "notion_version" -> {
                    if (!flags.hasMatchedOption("--notion-version")) {
                        command.connection.notionVersion = text;
                    }
                }
                case "rate_limit" -> {
                    if (!flags.hasMatchedOption("--rate-limit")) {
                        command.connection.rateLimit = new ConnectionOptions.RateLimitConverter().convert(text);
                    }
                }
                case "max_retries" -> {
                    if (!flags.hasMatchedOption("--max-retries")) {
                        command.connection.maxRetries = Integer.parseInt(text);
                    }
                }
                case "max_outage" -> {
                    if (!flags.hasMatchedOption("--max-outage")) {
                        command.connection.maxOutage = new ConnectionOptions.DurationConverter().convert(text);
                    }
                }
                case "out" -> {
                    if (!flags.hasMatchedOption("--out")) {
                        command.out = config.file().toAbsolutePath().getParent().resolve(text);
                    }
                }
                case "formats" -> {
                    if (!flags.hasMatchedOption("--formats")) {
                        command.formats = new ArrayList<>(value.list());
                    }
                }
                case "roots" -> {
                    if (!flags.hasMatchedOption("--root")) {
                        command.roots = new ArrayList<>(value.list());
                    }
                }
                case "comments" -> {
                    if (!flags.hasMatchedOption("--comments")) {
                        command.comments = text;
                    }
                }
                case "concurrency" -> {
                    if (!flags.hasMatchedOption("--concurrency")) {
                        command.concurrency = Integer.parseInt(text);
                    }
                }
                case "max_file_size" -> {
                    if (!flags.hasMatchedOption("--max-file-size")) {
                        command.maxFileMegabytes = Long.parseLong(text);
                    }
                }
                case "follow_links" -> {
                    if (!flags.hasMatchedOption("--follow-links")) {
                        command.followLinks = Boolean.parseBoolean(text);
                    }
                }
                case "front_matter" -> {
                    if (!flags.hasMatchedOption("--no-front-matter")) {
                        command.noFrontMatter = !Boolean.parseBoolean(text);
                    }
                }
                case "attachments" -> {
                    if (!flags.hasMatchedOption("--no-attachments")) {
                        command.noAttachments = !Boolean.parseBoolean(text);
                    }
                }
                case "csv_raw" -> {
                    if (!flags.hasMatchedOption("--csv-raw")) {
                        command.csvRaw = Boolean.parseBoolean(text);
                    }
                }
                case "progress" -> {
                    if (!flags.hasMatchedOption("--progress")) {
                        command.progressMode = text;
                    }
                }
                case "metrics" -> {
                    if (!flags.hasMatchedOption("--metrics")) {
                        command.metrics = config.file().toAbsolutePath().getParent().resolve(text);
                    }
                }
                default -> {
                    // token sources were read above
                }
            }
        }
    }
}
