package dev.notionsync.core.restore;

import dev.notionsync.core.NotionTransientException;
import dev.notionsync.core.RequestListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Sends creates so that none is applied twice: the intent is journaled first; after a crash (an intent without
 * its result) or a create that failed without an answer (timeout, reset, 5xx), the restore looks for what the
 * create would have made before sending it again. Throttling is retried by the client itself.
 */
final class Writes {

    private static final Duration FIRST_WAIT = Duration.ofMillis(200);

    private final RestoreLog log;
    private final int maxRetries;
    final AtomicLong requests = new AtomicLong();
    private final RequestListener counter = new RequestListener() {
        @Override
        public void onResponse(String endpoint, int status) {
            requests.incrementAndGet();
        }
    };

    Writes(RestoreLog log, int maxRetries) {
        this.log = log;
        this.maxRetries = maxRetries;
    }

    /** Runs one client call on this worker thread, counting its requests. */
    <T> T call(Mono<T> request) {
        return request.contextWrite(context -> context.put(RequestListener.class, counter)).block();
    }

    /**
     * The result of the create named {@code key}: found (after a crash or a lost answer) or made now.
     *
     * @param key the journal key of the create
     * @param create sends the create and returns what it made
     * @param find looks for what an applied create made, empty when nothing is there
     */
    <T> T once(String key, Supplier<T> create, Supplier<Optional<T>> find) {
        if (log.hasIntent(key)) {
            Optional<T> found = find.get();
            if (found.isPresent()) {
                return found.get();
            }
        }
        log.intent(key);
        Duration wait = FIRST_WAIT;
        for (int attempt = 0;; attempt++) {
            try {
                return create.get();
            } catch (NotionTransientException lost) {
                if (attempt >= maxRetries) {
                    throw lost;
                }
                // the create may have been applied though its answer was lost: look before sending it again
                call(Mono.delay(wait));
                wait = wait.multipliedBy(2);
                Optional<T> found = find.get();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
    }

    /** The ids of the last {@code count} children of a listing that this restore did not record, if so many. */
    Optional<List<String>> unrecorded(List<String> children, int count) {
        List<String> fresh = children.stream().filter(id -> !log.isKnown(id)).toList();
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        if (fresh.size() != count) {
            throw new IllegalStateException("found " + fresh.size() + " blocks this restore did not record where "
                    + count + " were appended; the target was edited during the restore");
        }
        return Optional.of(fresh);
    }
}
