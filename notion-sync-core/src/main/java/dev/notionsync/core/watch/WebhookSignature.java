package dev.notionsync.core.watch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Notion's webhook signature: {@code X-Notion-Signature: sha256=<hex HMAC-SHA256 of the raw body>}, keyed by the
 * subscription's verification token, compared in constant time.
 */
final class WebhookSignature {

    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether the header is the body's signature; the body must be the bytes received, not a re-serialisation. */
    static boolean valid(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        // constant time: how much of a forgery matches must not show in the time of the answer
        return MessageDigest.isEqual(expected, given);
    }
}
