package dev.notionsync.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After a complete walk, objects of the previous run that were not seen again are gone from Notion (deleted,
 * trashed, or no longer shared). Their files move aside to {@code .notion-sync/removed/<time>/}; a Markdown or HTML
 * page that other pages may link to is replaced by a short note, so no link of the export breaks.
 */
final class Removal {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Removal() {
    }

    static List<ExportEvent> run(ExportState state, ExportRun run, Path outputDir) throws IOException {
        if (run.incomplete()) {
            return List.of();
        }
        Set<String> gone = new HashSet<>(state.knownIds());
        gone.removeAll(run.exportedIds());
        gone.removeAll(run.failedIds().stream().filter(id -> !run.exportedIds().contains(id)).toList());
        if (gone.isEmpty()) {
            return List.of();
        }
        Path aside = outputDir.resolve(StateDirectory.NAME).resolve("removed").resolve(STAMP.format(Instant.now()));
        Map<String, Set<String>> files = state.filesOf(gone);
        List<ExportEvent> events = new ArrayList<>();
        for (String id : gone) {
            String title = run.names().title(id).orElse("");
            for (String file : files.getOrDefault(id, Set.of())) {
                Path current = ExportFiles.inside(outputDir, file);
                if (!Files.exists(current)) {
                    continue;
                }
                Path moved = aside.resolve(file);
                Files.createDirectories(moved.getParent());
                Files.move(current, moved, StandardCopyOption.REPLACE_EXISTING);
                String note = note(file, title, outputDir.relativize(moved).toString().replace('\\', '/'));
                if (note != null) {
                    ExportFiles.write(current, note);
                }
            }
            state.snapshots().delete(id);
            state.removed(id);
            events.add(new ExportEvent.Skipped(id, ExportEvent.Reasons.REMOVED, "\"" + title
                    + "\" is no longer in Notion (deleted, trashed or unshared); its files were moved to "
                    + outputDir.relativize(aside)));
        }
        return events;
    }

    /** The note left where a removed page was, for formats other pages link to. */
    private static String note(String file, String title, String movedTo) {
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
