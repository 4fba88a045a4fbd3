package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.notionsync.core.model.NotionObject;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A listing read ahead of the walk. Every object it returns is handed to {@code listed} as soon as its answer arrives
 * (so the export knows early what there is: the progress total, the pages it need not fetch, whether a database
 * changed) and appended to a spool file; the walk reads the objects back from that file as it takes them. Memory
 * holds none of them: the 50,000 pages of a large search take some 100 MB of disk in the state folder, not of heap.
 * The file is deleted once read back, or when the walk is cancelled.
 */
final class ReadAhead {

    /** Objects read back at a time, as many as one listing answer holds. */
    private static final int BATCH = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The end of a listing read to its end. */
    private static final Batch END = new Batch(List.of(), true, null);

    private final OutputGate gate;
    private final Flux<? extends NotionObject> source;
    private final Path file;
    private final Consumer<NotionObject> listed;
    private final Consumer<Throwable> ended;
    /** The byte count written so far, announced after each object and at the end. */
    private final Sinks.Many<Long> progress = Sinks.many().replay().latest();
    private volatile long written;
    private volatile boolean complete;
    private volatile Throwable error;
    private volatile Spool spool;
    private final AtomicBoolean disposed = new AtomicBoolean();

    private ReadAhead(OutputGate gate, Flux<? extends NotionObject> source, Path file, Consumer<NotionObject> listed,
            Consumer<Throwable> ended) {
        this.gate = gate;
        this.source = source;
        this.file = file;
        this.listed = listed;
        this.ended = ended;
    }

    /**
     * The objects of a listing, read to its end as fast as its answers come, whatever the demand.
     *
     * @param gate the export's output gate: the spool file's life, from its creation to its removal, is a step a
     *     cancel waits for, and none begins after the cancel
     * @param source the listing (cold; subscribed once, when the result is)
     * @param file the spool file, created or emptied
     * @param listed told each object in listing order, off the event loop, as soon as it arrives
     * @param ended told once the listing is read, with its failure or null, before the last objects are read back
     */
    static Flux<NotionObject> of(OutputGate gate, Flux<? extends NotionObject> source, Path file,
            Consumer<NotionObject> listed, Consumer<Throwable> ended) {
        return Flux.defer(() -> started(gate, source, file, listed, ended).objects());
    }

    /**
     * A listing whose reading starts now, before anything asks for its objects: {@link #objects()} reads them
     * back, and {@link #dispose()} stops it and deletes its file if they are never asked for.
     */
    static ReadAhead started(OutputGate gate, Flux<? extends NotionObject> source, Path file,
            Consumer<NotionObject> listed, Consumer<Throwable> ended) {
        ReadAhead ahead = new ReadAhead(gate, source, file, listed, ended);
        gate.enter(false);
        try {
            ahead.start();
        } catch (IOException e) {
            gate.exit();
            throw new UncheckedIOException("cannot spool a listing to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            gate.exit();
            throw e;
        }
        return ahead;
    }

    private record Spool(FileChannel out, FileChannel in, Disposable writer) {
    }

    /** Objects read back at once; the last one ends the listing, with its failure if it had one. */
    private record Batch(List<NotionObject> objects, boolean last, Throwable failure) {
    }

    /** The listing's objects in order, read back from the spool, which is deleted when they end or are cancelled. */
    Flux<NotionObject> objects() {
        // before the end goes downstream, so whoever sees it finds the file gone
        // one batch at a time, so memory holds at most two; a failure comes after every object read before it
        return readBack(spool.in())
                .concatMap(batch -> batch.failure() != null ? Flux.error(batch.failure())
                        : Flux.fromIterable(batch.objects()), 1)
                .doOnTerminate(this::dispose)
                .doOnCancel(this::dispose);
    }

    private void start() throws IOException {
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
        // set before the first answer can arrive: dispose() may come from any thread once it runs
        Disposable.Swap writer = Disposables.swap();
        spool = new Spool(out, in, writer);
        // file I/O and the listeners stay off the event loop the answers arrive on
        writer.update(source.publishOn(Schedulers.boundedElastic(), BATCH)
                .subscribe(object -> append(out, object), this::end, () -> end(null)));
    }

    private void append(FileChannel out, NotionObject object) {
        listed.accept(object);
        byte[] line = (object.json().toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the listing to " + file + ": " + e.getMessage(), e);
        }
        written += line.length;
        progress.tryEmitNext(written);
    }

    private void end(Throwable failure) {
        ended.accept(failure);
        error = failure;
        complete = true;
        progress.tryEmitNext(written);
    }

    private Flux<Batch> readBack(FileChannel in) {
        AtomicLong position = new AtomicLong();
        Mono<Batch> next = Mono.defer(() -> {
            // read the end flag first: once it is set, the byte count is final
            boolean done = complete;
            long limit = written;
            if (position.get() < limit) {
                return Mono.fromCallable(() -> new Batch(read(in, position, limit), false, null))
                        .subscribeOn(Schedulers.boundedElastic());
            }
            if (done) {
                return Mono.just(error == null ? END : new Batch(List.of(), true, error));
            }
            return progress.asFlux().filter(count -> written > position.get() || complete).next()
                    .thenReturn(new Batch(List.of(), false, null));
        });
        return next.repeat().takeUntil(Batch::last);
    }

    /** Up to {@link #BATCH} whole lines from {@code position}, which moves past them. */
    private static List<NotionObject> read(FileChannel in, AtomicLong position, long limit) throws IOException {
        long start = position.get();
        int size = (int) Math.min(limit - start, 1 << 20);
        List<NotionObject> objects = new ArrayList<>();
        while (objects.isEmpty()) {
            ByteBuffer buffer = ByteBuffer.allocate(size);
            while (buffer.hasRemaining() && in.read(buffer, start + buffer.position()) >= 0) {
                // a positional read may return less than asked
            }
            byte[] bytes = buffer.array();
            int from = 0;
            for (int i = 0; i < buffer.position() && objects.size() < BATCH; i++) {
                if (bytes[i] == '\n') {
                    JsonNode json = MAPPER.readTree(bytes, from, i - from);
                    NotionObject object = NotionObject.of(json);
                    if (object != null) {
                        objects.add(object);
                    }
                    from = i + 1;
                }
            }
            if (from == 0) {
                if (size >= limit - start) {
                    throw new IOException("the listing spool ends inside an object");
                }
                // one object longer than the buffer: read it whole (the byte count always ends on a line)
                size = (int) Math.min(limit - start, (long) size * 2);
                continue;
            }
            position.addAndGet(from);
            if (objects.isEmpty()) {
                return objects;
            }
        }
        return objects;
    }

    /** Stops reading the listing and deletes its spool; once only. */
    void dispose() {
        if (disposed.getAndSet(true)) {
            return;
        }
        spool.writer().dispose();
        try {
            spool.out().close();
            spool.in().close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a spool left behind is emptied by the next run that reads ahead
        } finally {
            gate.exit();
        }
    }
}
