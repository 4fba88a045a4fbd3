package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A parsed API request as endpoint code sees it. */
record ApiRequest(Route.Match match, Map<String, List<String>> query, JsonNode body, String version,
        String requestId, String baseUrl) {

    String param(int index) {
        return match.params().get(index);
    }

    String rawParam(int index) {
        return match.rawParams().get(index);
    }

    String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a query parameter that may repeat, in order; empty when absent. */
    List<String> queryParams(String name) {
        List<String> values = query.get(name);
        return values == null ? List.of() : values;
    }

    /** A body field as text, or null. */
    String bodyText(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
