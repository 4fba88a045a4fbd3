package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes {@code restore-report.json}: per object, what was not restored and why. Replaced atomically. */
final class Reports {

    static final String FILE = "restore-report.json";

    private Reports() {
    }

    static void write(Path folder, ObjectMapper mapper, ExportFolder export, RestoreLog log,
            Map<String, String> kinds) {
        Map<String, ? extends Map<String, String>> lost = log.lost();
        ObjectNode report = mapper.createObjectNode().put("object", "restore_report").put("parent", log.parent());
        ArrayNode objects = report.putArray("objects");
        int count = 0;
        for (Map.Entry<String, String> restored : kinds.entrySet()) {
            ExportFolder.Entry entry = export.entries.get(restored.getKey());
            ObjectNode object = objects.addObject().put("id", restored.getKey()).put("kind", restored.getValue())
                    .put("title", entry == null ? "" : entry.title())
                    .put("new_id", log.newId(restored.getKey()).orElse(null));
            ArrayNode items = object.putArray("not_restored");
            Map<String, String> found = lost.get(restored.getKey());
            if (found != null) {
                found.forEach((what, why) -> items.addObject().put("what", what).put("why", why));
            }
            count += items.size();
        }
        lost.forEach((owner, items) -> {
            if (!kinds.containsKey(owner)) {
                ObjectNode object = objects.addObject().put("id", owner).put("kind", "not_restored");
                ArrayNode list = object.putArray("not_restored");
                items.forEach((what, why) -> list.addObject().put("what", what).put("why", why));
            }
        });
        report.put("not_restored_count", count);
        Path target = folder.resolve(FILE);
        Path temp = folder.resolve(FILE + ".tmp");
        try {
            mapper.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), report);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
