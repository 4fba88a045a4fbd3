package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Cursor pagination: opaque cursors holding an offset, page_size validation, and the list envelope. */
final class Paging {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 100;

    private Paging() {
    }

    static int pageSize(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        int size;
        try {
            size = (int) Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.validation("body failed validation: page_size should be a number, instead was `" + raw + "`.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiError.validation("body failed validation: page_size should be ≤ " + MAX_PAGE_SIZE
                    + " and ≥ 1, instead was `" + raw + "`.");
        }
        return size;
    }

    static int offset(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("fake:")) {
                int offset = Integer.parseInt(text.substring(5));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the validation error below.
        }
        throw ApiError.validation("body failed validation: start_cursor should be a valid cursor, instead was `"
                + cursor + "`.");
    }

    static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("fake:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The list envelope {@code {object:"list", results, next_cursor, has_more, type, <type>:{}, request_id}}. */
    static ObjectNode list(String type, ArrayNode results, String nextCursor, String requestId) {
        ObjectNode list = Json.obj().put("object", "list");
        list.set("results", results);
        list.put("next_cursor", nextCursor);
        list.put("has_more", nextCursor != null);
        list.put("type", type);
        list.putObject(type);
        list.put("request_id", requestId);
        return list;
    }
}
