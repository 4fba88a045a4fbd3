package dev.notionsync.cli;

import dev.notionsync.core.NotionClientOptions;
import dev.notionsync.core.RateLimit;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How to reach Notion: shared by every command that talks to the API. */
final class ConnectionOptions {

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:NOTION_TOKEN}",
            description = "Integration token or personal access token (default: env NOTION_TOKEN). "
                    + "Prefer the environment variable: arguments are visible to other users of the machine.")
    String token;

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = "${env:NOTION_API_URL}",
            description = "Base URL of the API (default: env NOTION_API_URL, else https://api.notion.com).")
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

    NotionClientOptions.Builder toOptions() {
        NotionClientOptions.Builder builder = NotionClientOptions.builder()
                .token(token)
                .notionVersion(notionVersion)
                .maxRetries(maxRetries);
        if (apiUrl != null && !apiUrl.isBlank()) {
            builder.baseUrl(apiUrl);
        }
        if (rateLimit != null) {
            builder.rateLimit(rateLimit);
        }
        return builder;
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
