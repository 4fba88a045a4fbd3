package dev.notionsync.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a message, a report or a log line. Notion's error messages, proxies
 * and misconfigured servers may echo the request, token included; whatever the origin of a text, it passes here
 * first.
 *
 * <pre>{@code
 * Secrets.redact("Bearer ntn_abc... refused")          // "Bearer <redacted> refused"
 * Secrets.redact(serverMessage, options.token())       // also the client's own token, whatever its shape
 * }</pre>
 *
 * @since 0.1
 */
public final class Secrets {

    /** What a secret is replaced with. */
    public static final String REDACTED = "<redacted>";

    // integration tokens (secret_...), personal and newer tokens (ntn_...), and any bearer credential
    private static final Pattern TOKEN = Pattern.compile("\\b(?:secret_|ntn_)[A-Za-z0-9]{20,}");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)\\s+[^\\s\"',;]+");
    // shorter strings would also match ordinary words; no real token is that short
    private static final int MIN_LITERAL_LENGTH = 8;

    private Secrets() {
    }

    /**
     * Replaces everything shaped like a Notion token ({@code secret_} or {@code ntn_} followed by 20 or more letters
     * and digits) and every {@code Bearer} credential with {@value #REDACTED}.
     *
     * @param text the text, may be {@code null}
     * @return the text without secrets, or {@code null} for {@code null}
     */
    public static String redact(String text) {
        return redact(text, null);
    }

    /**
     * Like {@link #redact(String)}, and also replaces every occurrence of {@code token}, whatever its shape.
     *
     * @param text the text, may be {@code null}
     * @param token the token in use, or {@code null}; values shorter than 8 characters are not searched for
     * @return the text without secrets, or {@code null} for {@code null}
     */
    public static String redact(String text, String token) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        if (token != null && token.strip().length() >= MIN_LITERAL_LENGTH) {
            result = result.replace(token.strip(), REDACTED);
        }
        result = TOKEN.matcher(result).replaceAll(REDACTED);
        return BEARER.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + " " + REDACTED));
    }
}
