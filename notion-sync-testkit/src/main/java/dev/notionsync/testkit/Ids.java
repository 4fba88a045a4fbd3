package dev.notionsync.testkit;

import java.util.Optional;

/**
 * The id scheme. Every id is a UUID whose 32 hex digits are: 8 digits of the seed hash, 2 digits of kind,
 * 10 digits of owner index and 12 digits of local index ({@code ssssssss-kkoo-oooo-oooo-llllllllllll}),
 * so an object can be rebuilt from its id alone.
 */
final class Ids {

    static final int PAGE = 0x01;
    static final int BLOCK = 0x02;
    static final int DATABASE = 0x03;
    static final int DATA_SOURCE = 0x04;
    static final int ROW = 0x05;
    static final int ROW_BLOCK = 0x06;
    static final int PERSON = 0x07;
    static final int BOT = 0x08;
    static final int GUEST = 0x09;
    static final int COMMENT = 0x0a;
    static final int FILE = 0x0b;
    static final int ROW_FILE = 0x0c;
    static final int LINKED = 0x0d;
    static final int DISCUSSION = 0x0e;
    static final int STATIC = 0x20;
    static final int ADDED = 0x30;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A decoded id. */
    record Id(int kind, long owner, long local) {
    }

    private Ids() {
    }

    static String encode(int seedHash, int kind, long owner, long local) {
        char[] hex = new char[32];
        put(hex, 0, seedHash & 0xffffffffL, 8);
        put(hex, 8, kind, 2);
        put(hex, 10, owner, 10);
        put(hex, 20, local, 12);
        return dashed(hex);
    }

    /** Decodes an id sent with or without dashes; empty when it is malformed or from another workspace. */
    static Optional<Id> decode(String raw, int seedHash) {
        String hex = hex(raw);
        if (hex == null || Long.parseLong(hex.substring(0, 8), 16) != (seedHash & 0xffffffffL)) {
            return Optional.empty();
        }
        return Optional.of(new Id(Integer.parseInt(hex.substring(8, 10), 16),
                Long.parseLong(hex.substring(10, 20), 16), Long.parseLong(hex.substring(20, 32), 16)));
    }

    /** The dashed lower-case form of an id, or null when the text is not a UUID. */
    static String normalize(String raw) {
        String hex = hex(raw);
        return hex == null ? null : dashed(hex.toCharArray());
    }

    /** The 32 hex digits without dashes, as used in notion.so URLs. */
    static String compact(String id) {
        return id.replace("-", "");
    }

    private static String hex(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < raw.length(); i++) {
            char c = Character.toLowerCase(raw.charAt(i));
            if (c == '-') {
                continue;
            }
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return null;
            }
            sb.append(c);
        }
        return sb.length() == 32 ? sb.toString() : null;
    }

    private static void put(char[] hex, int at, long value, int digits) {
        long v = value;
        for (int i = digits - 1; i >= 0; i--) {
            hex[at + i] = HEX[(int) (v & 15)];
            v >>>= 4;
        }
    }

    private static String dashed(char[] hex) {
        char[] out = new char[36];
        int o = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                out[o++] = '-';
            }
            out[o++] = hex[i];
        }
        return new String(out);
    }
}
