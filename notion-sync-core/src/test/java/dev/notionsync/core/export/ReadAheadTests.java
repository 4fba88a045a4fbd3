package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notionsync.core.model.NotionObject;
import dev.notionsync.core.model.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A listing read ahead of its consumer: known whole without demand, read back in order from disk. */
class ReadAheadTests {

    @TempDir
    Path dir;

    private static Page page(int i) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("object", "page")
                .put("id", String.format("%032x", i + 1));
        json.putObject("properties").putObject("Name").put("type", "title").putArray("title").addObject()
                .put("plain_text", "Page " + i + " "
                        // one object longer than a read of the spool
                        + "x".repeat(i == 7 ? 1_500_000 : 10));
        return new Page(json);
    }

    @Test
    void theWholeListingIsKnownWithoutDemandAndReadBackInOrder() {
        Path spool = dir.resolve("search.spool");
        List<String> listed = new CopyOnWriteArrayList<>();
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<NotionObject> source = Flux.range(0, 250).map(ReadAheadTests::page);

        StepVerifier.create(ReadAhead.of(new OutputGate(), source, spool, object -> listed.add(object.id()),
                        failure -> ended.tryEmitEmpty()), 0)
                // nothing asked for yet: the listing is still read to its end
                .then(() -> ended.asMono().block(Duration.ofSeconds(10)))
                .then(() -> assertThat(listed).hasSize(250))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(250)
                .verifyComplete();

        assertThat(listed).containsExactlyElementsOf(Flux.range(0, 250).map(i -> page(i).id()).toIterable());
        assertThat(Files.exists(spool)).as("the spool is deleted once read").isFalse();
    }

    @Test
    void aListingThatFailsIsReadBackToWhereItFailedThenFails() {
        Path spool = dir.resolve("search.spool");
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<NotionObject> source = Flux.range(0, 150).<NotionObject>map(ReadAheadTests::page)
                .concatWith(Flux.error(new IllegalStateException("search gave up")));

        StepVerifier.create(ReadAhead.of(new OutputGate(), source, spool, object -> { }, failure -> {
                    failed.set(failure);
                    ended.tryEmitEmpty();
                }).map(NotionObject::id), 0)
                // the failure is known before any object is asked for: it still comes after all of them
                .then(() -> ended.asMono().block(Duration.ofSeconds(10)))
                .thenRequest(Long.MAX_VALUE)
                .expectNextSequence(Flux.range(0, 150).map(i -> page(i).id()).toIterable())
                .expectErrorMessage("search gave up")
                .verify(Duration.ofSeconds(10));

        assertThat(failed.get()).hasMessage("search gave up");
        assertThat(Files.exists(spool)).isFalse();
    }
}
