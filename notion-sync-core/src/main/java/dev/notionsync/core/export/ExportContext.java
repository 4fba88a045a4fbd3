package dev.notionsync.core.export;

import dev.notionsync.core.model.User;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What writers share during one export.
 *
 * @since 0.1
 */
public interface ExportContext {

    /**
     * Returns the output folder; every file a writer creates must be inside it.
     *
     * @return the folder
     */
    Path outputDir();

    /**
     * Returns the naming policy shared by every format, so links between exported objects resolve.
     *
     * @return the names
     */
    FileNames names();

    /**
     * Looks up a user met in the workspace (members, bots and guests found by id).
     *
     * @param id the user id
     * @return the user, if known
     */
    Optional<User> user(String id);

    /**
     * Returns every user known so far: members and bots listed by Notion, and guests found by id in content.
     *
     * @return the users
     */
    Collection<User> users();

    /**
     * Returns the export's specification, for options writers honour (front matter, comments).
     *
     * @return the spec
     */
    ExportSpec spec();

    /**
     * Runs a writer's blocking step that writes into the output folder. A cancelled export refuses the steps that
     * have not begun and waits for those in flight before its {@code cancel()} returns (on a thread that may block),
     * so the caller finds the folder quiet.
     *
     * @param step the step, run on the calling thread
     * @param <T> what the step returns
     * @return what the step returned
     * @throws java.util.concurrent.CancellationException if the export was cancelled before the step began
     * @since 0.1
     */
    default <T> T writing(Supplier<T> step) {
        return step.get();
    }

    /**
     * Returns a writer's cleanup (removing its temporary files) to run on a thread that may block. A cancel that
     * starts the cleanup waits for it to end, as for {@link #writing(Supplier)}.
     *
     * @param step the cleanup
     * @return a cold publisher that runs it once subscribed
     * @since 0.1
     */
    default Mono<Void> cleanup(Runnable step) {
        return Mono.fromRunnable(step).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
