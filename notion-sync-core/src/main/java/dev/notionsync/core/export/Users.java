package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds users met in content that the user listing did not return (guests, and everyone when the token may not
 * list users) and fetches each of them once by id.
 */
final class Users {

    private final NotionClient client;
    private final ExportRun run;
    private final Set<String> tried = ConcurrentHashMap.newKeySet();
    private final ExportState state;

    Users(NotionClient client, ExportRun run, ExportState state) {
        this.client = client;
        this.run = run;
        this.state = state;
        state.users().forEach(run::addUser);
    }

    Mono<Void> resolve(PageExport export) {
        Set<String> ids = new LinkedHashSet<>();
        collect(export.source().json(), ids);
        for (Block block : export.blocks()) {
            collect(block.json(), ids);
        }
        for (Comment comment : export.comments()) {
            collect(comment.json(), ids);
        }
        return Flux.fromIterable(ids)
                .filter(id -> !run.knowsUser(id) && tried.add(FileNames.normalizeId(id)))
                .concatMap(id -> client.user(id)
                        // recorded in the state file, so not on the Netty thread the answer arrives on
                        .publishOn(Schedulers.boundedElastic())
                        .doOnNext(user -> {
                            run.addUser(user);
                            state.user(user);
                        })
                        .onErrorResume(error -> error instanceof NotionNonTransientException notion
                                && !notion.isUnauthorized(), error -> Mono.empty()))
                .then();
    }

    private static void collect(JsonNode node, Set<String> ids) {
        if (node.isObject()) {
            if ("user".equals(node.path("object").asText()) && node.hasNonNull("id")) {
                ids.add(node.get("id").asText());
            }
        }
        // into containers only: most values are leaves, and this walks every object of every export
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                collect(child, ids);
            }
        }
    }
}
