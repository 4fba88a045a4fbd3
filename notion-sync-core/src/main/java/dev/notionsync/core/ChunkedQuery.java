package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Joins the rows of one data-source query sent as several requests that differ only in the properties they name.
 * Every chunk runs the same filter and sort, so the n-th row of each chunk is the same row: its property values are
 * put together. Where the chunks disagree (a row added or removed between two of them), the row of the first chunk
 * is fetched whole instead (retrieve page returns every property). Memory stays bounded: the chunks are read side
 * by side.
 */
final class ChunkedQuery {

    /** Stands for "this chunk has ended" so that the join runs as long as the first chunk does. */
    private static final JsonNode END = Json.object();
    private static final int PREFETCH = 100;

    private ChunkedQuery() {
    }

    /**
     * @param chunks the results of each chunk, the first one deciding which rows there are
     * @param retrieve fetches one page whole by id
     */
    static Flux<JsonNode> join(List<Flux<JsonNode>> chunks, Function<String, Mono<JsonNode>> retrieve) {
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        List<Flux<JsonNode>> sources = new ArrayList<>();
        sources.add(chunks.get(0));
        for (Flux<JsonNode> chunk : chunks.subList(1, chunks.size())) {
            sources.add(chunk.concatWith(Flux.just(END).repeat()));
        }
        return Flux.zip(sources, PREFETCH, rows -> combine(rows, retrieve)).concatMap(row -> row, 0);
    }

    private static Mono<JsonNode> combine(Object[] rows, Function<String, Mono<JsonNode>> retrieve) {
        JsonNode first = (JsonNode) rows[0];
        if (!"page".equals(first.path("object").asText())) {
            return Mono.just(first);
        }
        String id = first.path("id").asText();
        ObjectNode joined = first.deepCopy();
        ObjectNode properties = joined.get("properties") instanceof ObjectNode own ? own : joined.putObject("properties");
        for (int i = 1; i < rows.length; i++) {
            JsonNode other = (JsonNode) rows[i];
            if (other == END || !id.equals(other.path("id").asText())) {
                return retrieve.apply(id);
            }
            other.path("properties").properties().forEach(entry -> properties.set(entry.getKey(), entry.getValue()));
        }
        return Mono.just(joined);
    }
}
