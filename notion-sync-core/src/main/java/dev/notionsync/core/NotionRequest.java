package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One API call: method, path template with its arguments, query parameters, JSON body, and the shape its 200 answer
 * must have.
 *
 * <p>The template (for instance {@code /v1/blocks/{id}/children}) names the endpoint in metrics and errors, which
 * keeps metric cardinality bounded and ids out of tags.
 */
record NotionRequest(String method, String template, List<String> args, Map<String, String> query,
        Map<String, List<String>> repeated, JsonNode body, ResponseShape shape, FilePart file) {

    /** A file sent as {@code multipart/form-data} (the File Upload API's send step) instead of a JSON body. */
    record FilePart(String filename, String contentType, byte[] bytes) {
    }

    NotionRequest(String method, String template, List<String> args, Map<String, String> query,
            Map<String, List<String>> repeated, JsonNode body, ResponseShape shape) {
        this(method, template, args, query, repeated, body, shape, null);
    }

    NotionRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(shape, "shape");
        args = List.copyOf(args);
        query = Map.copyOf(query);
        Map<String, List<String>> lists = new TreeMap<>();
        repeated.forEach((name, values) -> lists.put(name, List.copyOf(values)));
        repeated = Collections.unmodifiableMap(lists);
    }

    static NotionRequest get(ResponseShape shape, String template, String... args) {
        return new NotionRequest("GET", template, List.of(args), Map.of(), Map.of(), null, shape);
    }

    static NotionRequest post(ResponseShape shape, String template, JsonNode body, String... args) {
        return new NotionRequest("POST", template, List.of(args), Map.of(), Map.of(), body, shape);
    }

    static NotionRequest patch(ResponseShape shape, String template, JsonNode body, String... args) {
        return new NotionRequest("PATCH", template, List.of(args), Map.of(), Map.of(), body, shape);
    }

    static NotionRequest upload(ResponseShape shape, String template, FilePart file, String... args) {
        return new NotionRequest("POST", template, List.of(args), Map.of(), Map.of(), null, shape, file);
    }

    NotionRequest withQuery(Map<String, String> parameters) {
        return new NotionRequest(method, template, args, parameters, repeated, body, shape, file);
    }

    /**
     * A copy that sends a parameter once per value, without brackets ({@code ?filter_properties=a&filter_properties=b}),
     * the way Notion reads arrays in query strings. Each value is encoded once, as given.
     */
    NotionRequest withRepeated(String name, List<String> values) {
        Map<String, List<String>> lists = new TreeMap<>(repeated);
        lists.put(name, values);
        return new NotionRequest(method, template, args, query, lists, body, shape, file);
    }

    /** The endpoint name used in metrics and errors: {@code GET /v1/pages/{id}}. */
    String endpoint() {
        return method + " " + template;
    }

    /** The concrete path with arguments substituted and the query string appended. */
    String uri() {
        StringBuilder path = new StringBuilder();
        int arg = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                path.append(encode(args.get(arg++)));
                i = end + 1;
            } else {
                path.append(c);
                i++;
            }
        }
        char separator = '?';
        for (Map.Entry<String, String> parameter : new TreeMap<>(query).entrySet()) {
            path.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        for (Map.Entry<String, List<String>> parameter : repeated.entrySet()) {
            for (String value : parameter.getValue()) {
                path.append(separator).append(encode(parameter.getKey())).append('=').append(encode(value));
                separator = '&';
            }
        }
        return path.toString();
    }

    private static String encode(String value) {
        // property ids may contain characters such as '%' or ';' that must reach Notion encoded exactly once
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
