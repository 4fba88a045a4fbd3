package dev.notionsync.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.notionsync.core.NotionIds;
import dev.notionsync.core.RateLimit;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code notion-sync.yaml}: a {@code defaults:} map and {@code profiles: {NAME: {...}}} of export settings. Every
 * problem is one line naming the file, the line and what is wrong, so a scheduled run's log says what to fix.
 */
final class ConfigFile {

    /** The file read when no {@code --config} is given, in the working directory. */
    static final String DEFAULT_NAME = "notion-sync.yaml";

    static final Set<String> KEYS = Set.of("token", "token_env", "token_file", "api_url", "notion_version", "out",
            "formats", "roots", "rate_limit", "comments", "concurrency", "max_retries", "max_outage",
            "connect_timeout", "read_timeout", "follow_links", "front_matter", "attachments", "csv_raw", "max_file_size",
            "progress", "metrics");
    private static final Set<String> FORMATS = Set.of("json", "markdown", "md", "html", "csv");
    private static final Set<String> COMMENTS = Set.of("none", "page", "all");
    private static final Set<String> PROGRESS = Set.of("auto", "lines", "none");

    /** A malformed file: the message is the whole line to print. */
    static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    /** One key's value and the line it was written on. */
    record Value(Object value, int line) {
        String text() {
            return String.valueOf(value);
        }

        @SuppressWarnings("unchecked")
        List<String> list() {
            return value instanceof List<?> ? (List<String>) value : List.of(String.valueOf(value));
        }
    }

    private final Path file;
    private final boolean ownerOnly;
    private final Map<String, Value> defaults;
    private final Map<String, Map<String, Value>> profiles;

    private ConfigFile(Path file, boolean ownerOnly, Map<String, Value> defaults,
            Map<String, Map<String, Value>> profiles) {
        this.file = file;
        this.ownerOnly = ownerOnly;
        this.defaults = defaults;
        this.profiles = profiles;
    }

    static ConfigFile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such configuration file");
        }
        Map<String, Value> defaults = Map.of();
        Map<String, Map<String, Value>> profiles = new LinkedHashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first != null) {
                expect(file, parser, first == JsonToken.START_OBJECT, "the file must be a map of defaults: and profiles:");
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int line = line(parser);
                    JsonToken token = parser.nextToken();
                    switch (key) {
                        case "defaults" -> defaults = settings(file, parser, token, "defaults");
                        case "profiles" -> {
                            expect(file, parser, token == JsonToken.START_OBJECT, "profiles must be a map of NAME: {...}");
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String name = parser.currentName();
                                profiles.put(name, settings(file, parser, parser.nextToken(), "profile " + name));
                            }
                        }
                        default -> throw new ConfigException(file + ":" + line + ": unknown key '" + key
                                + "' (known: defaults, profiles)");
                    }
                }
            }
        } catch (JsonProcessingException malformed) {
            throw new ConfigException(file + ":" + malformed.getLocation().getLineNr() + ": not valid YAML: "
                    + malformed.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException unreadable) {
            throw new ConfigException(file + ": cannot be read: " + unreadable.getMessage());
        }
        ConfigFile config = new ConfigFile(file, ownerOnly(file), defaults, profiles);
        config.checkTokens(defaults, "defaults");
        profiles.forEach((name, settings) -> config.checkTokens(settings, "profile " + name));
        return config;
    }

    Path file() {
        return file;
    }

    List<String> profileNames() {
        return List.copyOf(profiles.keySet());
    }

    /**
     * The settings of a profile laid over the defaults ({@code null}: the defaults alone).
     */
    Map<String, Value> settings(String profile) {
        Map<String, Value> merged = new LinkedHashMap<>(defaults);
        if (profile != null) {
            Map<String, Value> own = profiles.get(profile);
            if (own == null) {
                throw new ConfigException(file + ": unknown profile '" + profile + "' (known: "
                        + (profiles.isEmpty() ? "none" : String.join(", ", profiles.keySet())) + ")");
            }
            if (own.containsKey("token") || own.containsKey("token_env") || own.containsKey("token_file")) {
                // a profile's own token source replaces the defaults' one instead of clashing with it
                merged.keySet().removeAll(Set.of("token", "token_env", "token_file"));
            }
            merged.putAll(own);
        }
        return merged;
    }

    /** The token the settings name, {@code null} when they name none; a named source that is missing is an error. */
    String token(Map<String, Value> settings, String where) {
        Value env = settings.get("token_env");
        if (env != null) {
            String token = ConfigEnvironment.get(env.text());
            if (token == null || token.isBlank()) {
                throw new ConfigException(file + ":" + env.line() + ": " + where + ": token_env " + env.text()
                        + " is not set");
            }
            return token.trim();
        }
        Value path = settings.get("token_file");
        if (path != null) {
            Path tokenFile = file.toAbsolutePath().getParent().resolve(path.text());
            try {
                String token = Files.readString(tokenFile).trim();
                if (token.isEmpty()) {
                    throw new ConfigException(file + ":" + path.line() + ": " + where + ": token_file " + tokenFile
                            + " is empty");
                }
                return token;
            } catch (IOException unreadable) {
                throw new ConfigException(file + ":" + path.line() + ": " + where + ": token_file " + tokenFile
                        + " cannot be read");
            }
        }
        Value inline = settings.get("token");
        return inline == null ? null : inline.text();
    }

    private void checkTokens(Map<String, Value> settings, String where) {
        if (settings.containsKey("token_env") && settings.containsKey("token_file")) {
            throw new ConfigException(file + ":" + settings.get("token_file").line() + ": " + where
                    + ": both token_env and token_file; give one token source");
        }
        Value inline = settings.get("token");
        if (inline != null && !ownerOnly) {
            throw new ConfigException(file + ":" + inline.line() + ": " + where + ": a token written in the file is "
                    + "refused while others can read the file; chmod 600 it, or use token_env or token_file");
        }
    }

    private static Map<String, Value> settings(Path file, JsonParser parser, JsonToken token, String where)
            throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        expect(file, parser, token == JsonToken.START_OBJECT, where + " must be a map of settings");
        Map<String, Value> settings = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = line(parser);
            if (!KEYS.contains(key)) {
                throw new ConfigException(file + ":" + line + ": " + where + ": unknown key '" + key + "'");
            }
            JsonToken valueToken = parser.nextToken();
            Object value;
            if (valueToken == JsonToken.START_ARRAY) {
                List<String> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    expect(file, parser, parser.currentToken().isScalarValue(), where + ": " + key
                            + " must be a list of plain values");
                    items.add(parser.getText());
                }
                value = items;
            } else {
                expect(file, parser, valueToken.isScalarValue() && valueToken != JsonToken.VALUE_NULL,
                        where + ": " + key + " needs a value");
                value = parser.getText();
            }
            check(file, line, where, key, new Value(value, line));
            settings.put(key, new Value(value, line));
        }
        return settings;
    }

    // the same rules as the flags, checked here so that `config check` finds every mistake before a scheduled run
    private static void check(Path file, int line, String where, String key, Value value) {
        String prefix = file + ":" + line + ": " + where + ": ";
        boolean list = value.value() instanceof List<?>;
        if (list && !key.equals("formats") && !key.equals("roots")) {
            throw new ConfigException(prefix + key + " must be a single value, not a list");
        }
        String text = value.text().trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "formats" -> {
                for (String format : value.list()) {
                    if (!FORMATS.contains(format.trim().toLowerCase(Locale.ROOT))) {
                        throw new ConfigException(prefix + "unknown format '" + format
                                + "' (known: json, markdown, html, csv)");
                    }
                }
            }
            case "rate_limit" -> {
                try {
                    RateLimit.parse(value.text());
                } catch (IllegalArgumentException bad) {
                    throw new ConfigException(prefix + "rate_limit '" + value.text()
                            + "' is neither auto nor a number of requests per second of 0 or more");
                }
            }
            case "comments" -> {
                if (!COMMENTS.contains(text)) {
                    throw new ConfigException(prefix + "unknown comments scope '" + value.text()
                            + "' (known: none, page, all)");
                }
            }
            case "concurrency", "max_retries", "max_file_size" -> {
                if (!text.matches("\\d{1,9}") || (key.equals("concurrency") && Integer.parseInt(text) == 0)) {
                    throw new ConfigException(prefix + key + " must be a whole number"
                            + (key.equals("concurrency") ? " of 1 or more" : "") + ", not '" + value.text() + "'");
                }
            }
            case "progress" -> {
                if (!PROGRESS.contains(text)) {
                    throw new ConfigException(prefix + "unknown progress mode '" + value.text()
                            + "' (known: auto, lines, none)");
                }
            }
            case "max_outage", "connect_timeout", "read_timeout" -> {
                try {
                    new ConnectionOptions.DurationConverter().convert(value.text());
                } catch (CommandLine.TypeConversionException bad) {
                    throw new ConfigException(prefix + key + " " + bad.getMessage());
                }
            }
            case "api_url" -> {
                if (!text.startsWith("http://") && !text.startsWith("https://")) {
                    throw new ConfigException(prefix + "api_url '" + value.text() + "' must start with http:// or "
                            + "https://");
                }
            }
            case "roots" -> {
                for (String root : value.list()) {
                    try {
                        NotionIds.parse(root);
                    } catch (IllegalArgumentException malformed) {
                        throw new ConfigException(prefix + "roots: " + malformed.getMessage());
                    }
                }
            }
            case "follow_links", "front_matter", "attachments", "csv_raw" -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new ConfigException(prefix + key + " must be true or false, not '" + value.text() + "'");
                }
            }
            default -> {
            }
        }
    }

    private static void expect(Path file, JsonParser parser, boolean condition, String problem) {
        if (!condition) {
            throw new ConfigException(file + ":" + line(parser) + ": " + problem);
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static boolean ownerOnly(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.stream().noneMatch(permission -> permission.name().startsWith("GROUP")
                    || permission.name().startsWith("OTHERS"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            return false;
        }
    }
}
