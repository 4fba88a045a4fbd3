package dev.notionsync.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The API routes the fake serves, matched on path segments; templates name routes in request counts. */
enum Route {
    USERS_ME("GET", "users/me"),
    USERS("GET", "users"),
    USER("GET", "users/{id}"),
    SEARCH("POST", "search"),
    PAGE("GET", "pages/{id}"),
    PAGE_PROPERTY("GET", "pages/{id}/properties/{property_id}"),
    BLOCK("GET", "blocks/{id}"),
    BLOCK_CHILDREN("GET", "blocks/{id}/children"),
    DATABASE("GET", "databases/{id}"),
    DATA_SOURCE("GET", "data_sources/{id}"),
    DATA_SOURCE_QUERY("POST", "data_sources/{id}/query"),
    COMMENTS("GET", "comments"),
    COMMENT("GET", "comments/{id}"),
    CREATE_PAGE("POST", "pages"),
    UPDATE_PAGE("PATCH", "pages/{id}"),
    APPEND_CHILDREN("PATCH", "blocks/{id}/children"),
    UPDATE_BLOCK("PATCH", "blocks/{id}"),
    CREATE_DATABASE("POST", "databases"),
    UPDATE_DATA_SOURCE("PATCH", "data_sources/{id}"),
    CREATE_DATA_SOURCE("POST", "data_sources"),
    CREATE_COMMENT("POST", "comments"),
    CREATE_FILE_UPLOAD("POST", "file_uploads"),
    SEND_FILE_UPLOAD("POST", "file_uploads/{id}/send"),
    FILE_UPLOAD("GET", "file_uploads/{id}");

    /** A match: the route (null when no route has this method), decoded and raw path parameters, template. */
    record Match(Route route, List<String> params, List<String> rawParams, String template) {
    }

    private final String method;
    private final String[] segments;

    Route(String method, String pattern) {
        this.method = method;
        this.segments = pattern.split("/");
    }

    static Match match(String method, String rawPath) {
        String path = rawPath.endsWith("/") && rawPath.length() > 1 ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (!path.startsWith("/v1/")) {
            return new Match(null, List.of(), List.of(), method + " (unknown)");
        }
        String[] parts = path.substring(4).split("/", -1);
        for (Route route : values()) {
            List<String> raw = route.bind(parts);
            if (raw != null && (route.method.equals(method) || route.sameShapeOnlyWithOtherMethod(method, parts))) {
                List<String> decoded = new ArrayList<>();
                for (String p : raw) {
                    decoded.add(URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8));
                }
                String template = method + " /v1/" + String.join("/", route.segments);
                return new Match(route.method.equals(method) ? route : null, decoded, raw, template);
            }
        }
        return new Match(null, List.of(), List.of(), method + " (unknown)");
    }

    private boolean sameShapeOnlyWithOtherMethod(String requestMethod, String[] parts) {
        for (Route other : values()) {
            if (other.method.equals(requestMethod) && other.bind(parts) != null) {
                return false;
            }
        }
        return true;
    }

    private List<String> bind(String[] parts) {
        if (parts.length != segments.length) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (segments[i].startsWith("{")) {
                if (parts[i].isEmpty() || isLiteral(i, parts[i])) {
                    return null;
                }
                params.add(parts[i]);
            } else if (!segments[i].equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private boolean isLiteral(int index, String part) {
        // "users/me" must not match "users/{id}".
        return this == USER && index == 1 && "me".equals(part);
    }
}
