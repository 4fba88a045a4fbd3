package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.NotionClient;
import dev.notionsync.core.NotionNonTransientException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Objects of the previous run that this run did not reach move aside only on proof that they are gone. Not being
 * reached proves nothing by itself (search is not complete, a listing may fail), so an object is moved aside only
 * when this run's walk had no listing fault and Notion confirmed it gone: its parent's complete listing, read in
 * this run, no longer holds it (or its parent is gone), or its own GET answers 404 or {@code in_trash}. A candidate
 * that still exists is kept and exported. A removal of more than a fifth of the previous export, or of more than
 * {@value ExportSpec#MASS_REMOVAL_COUNT} objects, waits for {@link ExportSpec#allowMassRemoval()}.
 *
 * <p>Files move to {@code .notion-sync/removed/<time>/}; a Markdown or HTML page that other pages may link to is
 * replaced by a short note, so no link of the export breaks. Each object's move and notes are one step of the
 * {@link RemovalJournal}.
 */
final class Removal {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final NotionClient client;
    private final ExportState state;
    private final ExportRun run;
    private final Consumer<Path> afterMove;
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmed = new LinkedHashSet<>();

    Removal(NotionClient client, ExportState state, ExportRun run, Consumer<Path> afterMove) {
        this.client = client;
        this.state = state;
        this.run = run;
        this.afterMove = afterMove;
    }

    /** Completes the removals a killed run left half done; runs before anything else of an export. */
    static List<String> resume(ExportState state, Path outputDir) throws IOException {
        return RemovalJournal.open(outputDir, path -> { }).resume(state);
    }

    /**
     * Once the crawl is done: decides which candidates are gone, and returns those that still exist as work, so
     * they are exported after all.
     *
     * @param listed how many objects search listed
     */
    Flux<Work> confirm(long listed) {
        return Flux.defer(() -> {
            Set<String> known = state.knownIds();
            Set<String> only = run.spec().only();
            if (listed == 0 && !known.isEmpty() && only.isEmpty()) {
                run.emit(new ExportEvent.PageFailed("search", ExportEvent.Reasons.EMPTY_LISTING,
                        "search listed nothing, but the previous run exported " + known.size()
                                + " objects: taken as a fault of Notion or of the token's access, nothing is removed"));
            }
            List<String> candidates = new ArrayList<>();
            for (String id : known) {
                // an export limited to some objects proves nothing about the others
                if (!run.foundIds().contains(id) && !run.failedIds().contains(id)
                        && (only.isEmpty() || only.contains(id))) {
                    candidates.add(id);
                }
            }
            if (candidates.isEmpty()) {
                return Flux.<Work>empty();
            }
            if (run.incomplete()) {
                hold(candidates, "this run's walk had a listing fault, so not reaching it proves nothing");
                return Flux.<Work>empty();
            }
            Map<String, String> parents = parents(candidates);
            // parents before children: a child of a confirmed-gone parent is gone with it, without a request
            candidates.sort(Comparator.comparingInt(id -> depth(id, parents)));
            return Flux.fromIterable(candidates)
                    .concatMap(id -> check(id, parents.get(id)))
                    .concatWith(Mono.fromRunnable(() -> decide(known.size())));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The parent page or data source of each candidate, read from its snapshot; absent for other parents. */
    private Map<String, String> parents(List<String> candidates) {
        Map<String, String> parents = new HashMap<>();
        for (String id : candidates) {
            state.snapshots().read(id).ifPresent(snapshot -> {
                JsonNode parent = snapshot.source().json().path("parent");
                String type = parent.path("type").asText("");
                if (type.equals("page_id") || type.equals("data_source_id") || type.equals("database_id")) {
                    parents.put(id, FileNames.normalizeId(parent.path(type).asText()));
                }
            });
        }
        return parents;
    }

    private static int depth(String id, Map<String, String> parents) {
        int depth = 0;
        for (String up = parents.get(id); up != null && depth < 1_000; up = parents.get(up)) {
            depth++;
        }
        return depth;
    }

    private Mono<Work> check(String id, String parent) {
        if (run.goneIds().contains(id) || parent != null && (gone.contains(parent) || run.isListedCompletely(parent))) {
            gone.add(id);
            return Mono.empty();
        }
        boolean database = state.entry(id).map(entry -> "database".equals(entry.kind())).orElse(false);
        Mono<Work> alive = database
                ? client.database(id).handle((found, sink) -> {
                    if (found.inTrash()) {
                        gone.add(id);
                    } else {
                        sink.next(new Work.DatabaseWork(found.id(), Work.Origin.LISTED));
                    }
                })
                : client.page(id).handle((found, sink) -> {
                    if (found.inTrash()) {
                        gone.add(id);
                    } else {
                        sink.next(new Work.PageWork(found.id(), found, Work.Origin.LISTED));
                    }
                });
        return alive
                .doOnNext(work -> run.emit(new ExportEvent.Skipped(id, ExportEvent.Reasons.KEPT, "\""
                        + run.names().title(id).orElse("") + "\" was not reached by search or the walk, but Notion "
                        + "still has it: kept and exported again")))
                .onErrorResume(error -> !Failures.stopsExport(error), error -> {
                    if (error instanceof NotionNonTransientException notion && notion.isNotFound()) {
                        gone.add(id);
                    } else {
                        hold(List.of(id), "Notion did not confirm it gone: " + Failures.message(error));
                    }
                    return Mono.empty();
                });
    }

    /** Confirms the removal, unless it is a mass removal that was not allowed. */
    private void decide(int previous) {
        if (gone.size() > ExportSpec.MASS_REMOVAL_COUNT || gone.size() > ExportSpec.MASS_REMOVAL_SHARE * previous) {
            if (!run.spec().allowMassRemoval()) {
                hold(gone, String.format("%d of the previous export's %d objects look removed, more than %d or %d%%: "
                        + "nothing is moved aside; if that many were really deleted, run again with "
                        + "--allow-mass-removal (ExportSpec.allowMassRemoval)", gone.size(), previous,
                        ExportSpec.MASS_REMOVAL_COUNT, Math.round(ExportSpec.MASS_REMOVAL_SHARE * 100)));
                return;
            }
        }
        synchronized (confirmed) {
            confirmed.addAll(gone);
        }
    }

    private void hold(Iterable<String> ids, String why) {
        for (String id : ids) {
            run.emit(new ExportEvent.Skipped(id, ExportEvent.Reasons.REMOVAL_HELD, "\""
                    + run.names().title(id).orElse("") + "\" was not reached by this run and is kept: " + why));
        }
    }

    /** The objects this run confirmed gone and will move aside; complete once {@link #confirm} is done. */
    Set<String> confirmedIds() {
        synchronized (confirmed) {
            return new LinkedHashSet<>(confirmed);
        }
    }

    /**
     * After the writers are done: moves the confirmed objects aside, each in one journaled step. A file named like
     * one of the export's own files is never moved, even when an older export recorded it for a page.
     */
    List<ExportEvent> apply(Path outputDir) throws IOException {
        Set<String> ids;
        synchronized (confirmed) {
            ids = new LinkedHashSet<>(confirmed);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Path aside = outputDir.resolve(StateDirectory.NAME).resolve("removed").resolve(STAMP.format(Instant.now()));
        Map<String, Set<String>> files = state.filesOf(ids);
        RemovalJournal journal = RemovalJournal.open(outputDir, afterMove);
        List<ExportEvent> events = new ArrayList<>();
        for (String id : ids) {
            String title = run.names().title(id).orElse("");
            List<RemovalJournal.Move> moves = new ArrayList<>();
            for (String file : files.getOrDefault(id, Set.of())) {
                if (!reserved(file) && Files.exists(ExportFiles.inside(outputDir, file))) {
                    moves.add(new RemovalJournal.Move(file, outputDir.relativize(aside.resolve(file)).toString()
                            .replace('\\', '/')));
                }
            }
            journal.remove(new RemovalJournal.Step(id, title, moves), state);
            events.add(new ExportEvent.Skipped(id, ExportEvent.Reasons.REMOVED, "\"" + title
                    + "\" is no longer in Notion (deleted, trashed or unshared); its files were moved to "
                    + outputDir.relativize(aside)));
        }
        journal.close();
        return events;
    }

    /** Whether a recorded file is one of the export's own ({@code json/index.json}, {@code html/index.html}, ...). */
    static boolean reserved(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return FileNames.isReserved(dot > 0 ? name.substring(0, dot) : name);
    }

    /** The note left where a removed page was, for formats other pages link to. */
    static String note(String file, String title, String movedTo) {
        String text = "This page was deleted, trashed or unshared in Notion. Its last export was moved to "
                + movedTo + ".";
        if (file.endsWith(".md")) {
            return "# " + title.replaceAll("[\\r\\n]+", " ").replaceAll("([\\\\`*_\\[\\]<>#|~$])", "\\\\$1")
                    + "\n\n" + text + "\n";
        }
        if (file.endsWith(".html")) {
            return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Removed</title></head><body><p>"
                    + text.replace("&", "&amp;").replace("<", "&lt;") + "</p></body></html>\n";
        }
        return null;
    }
}
