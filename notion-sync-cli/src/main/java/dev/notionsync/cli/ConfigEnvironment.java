package dev.notionsync.cli;

import java.util.Map;
import java.util.function.Function;

/** Reads environment variables; tests replace the source, since a JVM cannot change its own environment. */
final class ConfigEnvironment {

    private static volatile Function<String, String> source = System::getenv;

    private ConfigEnvironment() {
    }

    static String get(String name) {
        return source.apply(name);
    }

    /** The token from the environment: {@code NOTION_TOKEN}, else its alias {@code NOTION_API_KEY}. */
    static String token() {
        String token = get("NOTION_TOKEN");
        if (token == null || token.isBlank()) {
            token = get("NOTION_API_KEY");
        }
        return token == null || token.isBlank() ? null : token;
    }

    static void useForTests(Map<String, String> variables) {
        source = variables::get;
    }

    static void reset() {
        source = System::getenv;
    }
}
