package dev.notionsync.cli;

import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.RateLimit;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach Notion: the one {@code @Mixin} of every command that talks to the API, so each option means the same
 * in {@code export}, {@code watch}, {@code restore} and {@code verify}. The token and the base URL have no picocli
 * default: {@link ConfigLayering} fills them from the environment, then the configuration file, for every command.
 */
final class ConnectionOptions {

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Integration token or personal access token (default: env NOTION_TOKEN, or its alias "
                    + "NOTION_API_KEY, else the profile's token_env or token_file). Prefer the environment variable: "
                    + "arguments are visible to other users of the machine.")
    String token;

    @Option(names = "--api-url", paramLabel = "URL",
            description = "Base URL of the API (default: env NOTION_API_URL, else the profile's api_url, else "
                    + "https://api.notion.com).")
    String apiUrl;

    @Option(names = "--notion-version", paramLabel = "DATE",
            defaultValue = NotionClientOptions.DEFAULT_NOTION_VERSION,
            description = "Notion-Version header: 2026-12-01 (default), 2026-03-11 or 2025-09-03.")
    String notionVersion;

    @Option(names = "--rate-limit", paramLabel = "N|auto", converter = RateLimitConverter.class,
            description = "API requests per second (default: 3; 0 = unlimited, for local servers only), or auto: "
                    + "start at 3, go faster while Notion accepts every request, settle below the rate at which "
                    + "it answers 429.")
    RateLimit rateLimit;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "6",
            description = "Retries after 5xx answers, timeouts and connection resets (default: 6).")
    int maxRetries;

    @Option(names = "--max-outage", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long to wait out an outage of Notion (every request failing) before stopping, for "
                    + "instance 90s, 30m or 1h (default: 30m). During an outage nothing is sent but a probe now and "
                    + "then, and no page fails; past this the export stops, keeping what it wrote, and a rerun "
                    + "resumes.")
    Duration maxOutage;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the API to accept a connection, for instance 500ms, 10s or 1m "
                    + "(default: 10s). A connection not made in time is retried like a 5xx answer.")
    Duration connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the API may stay silent while an answer is awaited or read, for instance 30s "
                    + "or 2m (default: 70s; Notion itself gives up on a request after 60s). A silent server is "
                    + "retried like a 5xx answer.")
    Duration readTimeout;

    /**
     * The token, or a usage error that says every way to give one.
     *
     * @param alternative what else the command accepts instead of a token ("" for nothing)
     */
    String requireToken(CommandLine commandLine, String alternative) {
        if (token == null || token.isBlank()) {
            throw new CommandLine.ParameterException(commandLine, "no token: set NOTION_TOKEN (or NOTION_API_KEY), "
                    + "pass --token, or give the profile a token_env or token_file" + alternative);
        }
        return token;
    }

    /** The connection options of the command that {@code commandLine} runs, if it has them. */
    static ConnectionOptions of(CommandLine commandLine) {
        for (CommandLine.Model.CommandSpec mixin : commandLine.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof ConnectionOptions connection) {
                return connection;
            }
        }
        return null;
    }

    NotionClientOptions.Builder toOptions() {
        NotionClientOptions.Builder builder = NotionClientOptions.builder()
                .token(token)
                .notionVersion(notionVersion)
                .maxRetries(maxRetries)
                .maxOutage(maxOutage);
        if (apiUrl != null && !apiUrl.isBlank()) {
            builder.baseUrl(apiUrl);
        }
        if (rateLimit != null) {
            builder.rateLimit(rateLimit);
        }
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        if (readTimeout != null) {
            builder.responseTimeout(readTimeout);
            // the request timeout bounds a whole attempt; under a longer read timeout it would cut the wait it allows
            if (readTimeout.compareTo(NotionClientOptions.DEFAULT_REQUEST_TIMEOUT) > 0) {
                builder.requestTimeout(readTimeout);
            }
        }
        return builder;
    }

    /** Reads a duration such as {@code 90s}, {@code 30m}, {@code 1h30m} or {@code 500ms}; the timeouts take it too. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Matcher part = PART.matcher(text);
            Duration total = Duration.ZERO;
            int end = 0;
            try {
                while (part.lookingAt()) {
                    long amount = Long.parseLong(part.group(1));
                    total = total.plus(switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
                    end = part.end();
                    part.region(end, text.length());
                }
                // Reactor schedules in nanoseconds: a wait past what a long holds would fail at the first request
                total.toNanos();
            } catch (NumberFormatException | ArithmeticException tooLong) {
                throw new CommandLine.TypeConversionException("'" + value + "' is longer than any wait this tool "
                        + "can keep");
            }
            if (end == 0 || end != text.length() || total.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration such as "
                        + "90s, 30m or 1h");
            }
            return total;
        }
    }

    /** Reads {@code auto} or a number; picocli turns the exception into a usage error naming the option. */
    static final class RateLimitConverter implements CommandLine.ITypeConverter<RateLimit> {
        @Override
        public RateLimit convert(String value) {
            try {
                return RateLimit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither auto nor a number of "
                        + "requests per second of 0 or more");
            }
        }
    }
}
