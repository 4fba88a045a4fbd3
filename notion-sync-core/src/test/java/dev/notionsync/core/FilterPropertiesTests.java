package dev.notionsync.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.Page;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code filter_properties} on data-source queries: its spelling, its encoding, and queries too long for one URL. */
class FilterPropertiesTests {

    private static final Pattern VALUE = Pattern.compile("[?&]filter_properties=([^&]*)");

    @Test
    void eachPropertyIdIsSentOnceDecodedAndThenEncodedWithoutBrackets() {
        ScriptedTransport transport = new ScriptedTransport(request -> Mono.just(rows(request, 2)));
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        List<Page> rows = client.query("ds", DataSourceQuery.all().withProperties(List.of("title", "%3AUPp", "sc%25",
                "a b"))).collectList().block();

        assertThat(rows).hasSize(2);
        String uri = transport.requests.get(0).uri();
        assertThat(uri).startsWith("/v1/data_sources/ds/query?")
                .doesNotContain("[")
                .endsWith("filter_properties=title&filter_properties=%3AUPp&filter_properties=sc%25"
                        + "&filter_properties=a%20b");
        assertThat(rows.get(0).properties().size()).isEqualTo(4);
    }

    @Test
    void aQueryWithoutPropertiesSendsNoFilterProperties() {
        ScriptedTransport transport = new ScriptedTransport(request -> Mono.just(rows(request, 1)));
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        client.query("ds", DataSourceQuery.all()).blockLast();

        assertThat(transport.requests.get(0).uri()).isEqualTo("/v1/data_sources/ds/query");
    }

    @Test
    void moreIdsThanOneRequestCarriesAreSentInChunksAndEachRowIsJoined() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add("p" + i);
        }
        ScriptedTransport transport = new ScriptedTransport(request -> Mono.just(rows(request, 3)));
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        List<Page> rows = client.query("ds", DataSourceQuery.all().withProperties(ids)).collectList().block();

        assertThat(transport.requests).hasSize(3);
        assertThat(transport.requests).allSatisfy(request -> assertThat(values(request.uri()))
                .hasSizeLessThanOrEqualTo(DataSourceQuery.MAX_PROPERTIES_PER_REQUEST));
        assertThat(rows).hasSize(3);
        for (Page row : rows) {
            List<String> names = new ArrayList<>();
            row.properties().fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void longIdsAreChunkedByUrlLength() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add("%3A" + "x".repeat(300) + i);
        }
        ScriptedTransport transport = new ScriptedTransport(request -> Mono.just(rows(request, 1)));
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        Page row = client.query("ds", DataSourceQuery.all().withProperties(ids)).blockLast();

        assertThat(transport.requests).hasSizeGreaterThan(1).allSatisfy(request -> assertThat(
                request.uri().substring(request.uri().indexOf('?'))).hasSizeLessThanOrEqualTo(
                        DataSourceQuery.MAX_PROPERTY_QUERY_CHARS + 1));
        assertThat(row.properties().size()).isEqualTo(40);
    }

    @Test
    void aRowMissingFromOneChunkIsRetrievedWhole() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add("p" + i);
        }
        ScriptedTransport transport = new ScriptedTransport(request -> {
            if (request.endpoint().equals("GET /v1/pages/{id}")) {
                ObjectNode page = Json.object().put("object", "page").put("id", request.args().get(0));
                ObjectNode properties = page.putObject("properties");
                ids.forEach(id -> properties.putObject(id).put("id", id).put("type", "checkbox"));
                return Mono.just(page);
            }
            // the second chunk ran after row r1 was deleted
            boolean second = values(request.uri()).contains("p149");
            ObjectNode list = rows(request, second ? 2 : 3);
            if (second) {
                ((ObjectNode) list.get("results").get(1)).put("id", "r2");
            }
            return Mono.just(list);
        });
        NotionClient client = NotionClient.create(ScriptedTransport.options(), transport);

        List<Page> rows = client.query("ds", DataSourceQuery.all().withProperties(ids)).collectList().block();

        assertThat(rows).extracting(Page::id).containsExactly("r0", "r1", "r2");
        assertThat(rows).allSatisfy(row -> assertThat(row.properties().size()).isEqualTo(150));
        assertThat(transport.requests).filteredOn(request -> request.endpoint().startsWith("GET")).hasSize(2);
    }

    /** A list of {@code size} rows holding exactly the properties the request names. */
    private static ObjectNode rows(NotionRequest request, int size) {
        ObjectNode list = Json.object().put("object", "list");
        ArrayNode results = list.putArray("results");
        for (int i = 0; i < size; i++) {
            ObjectNode row = results.addObject().put("object", "page").put("id", "r" + i);
            ObjectNode properties = row.putObject("properties");
            for (String id : values(request.uri())) {
                properties.putObject(id).put("id", id).put("type", "checkbox").put("checkbox", true);
            }
        }
        list.put("has_more", false).putNull("next_cursor");
        return list;
    }

    private static List<String> values(String uri) {
        List<String> values = new ArrayList<>();
        Matcher matcher = VALUE.matcher(uri);
        while (matcher.find()) {
            values.add(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
