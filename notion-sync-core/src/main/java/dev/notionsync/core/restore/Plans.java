package dev.notionsync.core.restore;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The plan of a dry run, counted from the export: what would be created and about how many requests it takes. */
final class Plans {

    private Plans() {
    }

    static RestoreEvent.Plan of(ExportFolder folder, Iterable<ExportFolder.Entry> roots, double requestsPerSecond) {
        Map<String, Integer> blocks = new TreeMap<>();
        long[] requests = {3};
        int[] counts = new int[3];
        for (ExportFolder.Entry root : roots) {
            count(folder, root, blocks, requests, counts);
        }
        Duration estimated = requestsPerSecond > 0 ? Duration.ofMillis((long) (requests[0] * 1000 / requestsPerSecond))
                : Duration.ZERO;
        return new RestoreEvent.Plan(counts[0], blocks, counts[1], counts[2], requests[0], estimated);
    }

    private static void count(ExportFolder folder, ExportFolder.Entry entry, Map<String, Integer> blocks,
            long[] requests, int[] counts) {
        counts[0]++;
        requests[0]++;
        counts[1] += entry.attachments().size();
        requests[0] += 2L * entry.attachments().size();
        if (entry.isDatabase()) {
            requests[0] += 2;
            JsonNode sources = entry.document().path("data_sources");
            if (!sources.isEmpty()) {
                for (String row : folder.rows.getOrDefault(sources.get(0).path("id").asText(), java.util.List.of())) {
                    ExportFolder.Entry rowEntry = folder.entries.get(row);
                    count(folder, rowEntry, blocks, requests, counts);
                    if (rowEntry.object().path("properties").toString().contains("\"type\":\"relation\"")) {
                        requests[0]++;
                    }
                }
            }
            return;
        }
        JsonNode comments = entry.document().path("comments");
        counts[2] += comments.size();
        requests[0] += comments.size();
        tree(folder, entry.document().path("blocks"), blocks, requests, counts);
    }

    private static void tree(ExportFolder folder, JsonNode children, Map<String, Integer> blocks, long[] requests,
            int[] counts) {
        if (children.isEmpty()) {
            return;
        }
        requests[0] += (children.size() + 99) / 100;
        for (JsonNode block : children) {
            String type = block.path("type").asText();
            if ("child_page".equals(type) || "child_database".equals(type)) {
                ExportFolder.Entry child = folder.entries.get(block.path("id").asText());
                if (child != null) {
                    count(folder, child, blocks, requests, counts);
                }
                continue;
            }
            blocks.merge(type, 1, Integer::sum);
            tree(folder, block.path("children"), blocks, requests, counts);
        }
    }
}
