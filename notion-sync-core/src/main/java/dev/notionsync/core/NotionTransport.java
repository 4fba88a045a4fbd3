package dev.notionsync.core;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

/**
 * The one seam between the client and the network: one request in, one JSON answer (or a {@link NotionException})
 * out. Rate limiting and retries sit above it, so a test double is a lambda.
 */
@FunctionalInterface
interface NotionTransport {

    /**
     * Performs one HTTP exchange. The returned {@code Mono} is cold: nothing is sent until it is subscribed.
     *
     * @param request the request
     * @return the parsed JSON body of a 2xx answer, or an error signal carrying a {@link NotionException}
     */
    Mono<JsonNode> exchange(NotionRequest request);

    /**
     * Releases what the transport holds open (its connection pool); a transport that holds nothing needs nothing.
     *
     * @return completes once released
     */
    default Mono<Void> disposeLater() {
        return Mono.empty();
    }
}
