package dev.notionsync.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notionsync.core.model.Block;
import dev.notionsync.core.model.Comment;
import dev.notionsync.core.model.Database;
import dev.notionsync.core.model.NotionObject;
import dev.notionsync.core.model.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Notion-hosted files of an export: {@code {type: "file", file: {url, expiry_time}}} objects in icons,
 * covers, {@code files} properties and media blocks, and comment attachments. External files are not hosted by
 * Notion and stay links.
 */
final class HostedFiles {

    /** Which object a file belongs to, so an expired URL can be refreshed by fetching that object again. */
    enum Owner {
        PAGE, DATABASE, BLOCK, COMMENT
    }

    /**
     * One hosted file.
     *
     * @param url the signed URL exactly as it appears in the JSON
     * @param expiry when Notion says the URL expires, or null
     * @param owner the kind of owning object
     * @param ownerId the owning object's id
     * @param commentParentId for comment attachments, the page or block the comment is on
     */
    record HostedFile(String url, Instant expiry, Owner owner, String ownerId, String commentParentId) {

        /** The URL without its query: stable across refreshes, and free of the signature, so safe to log. */
        String stableUrl() {
            return withoutQuery(url);
        }
    }

    private HostedFiles() {
    }

    static List<HostedFile> of(PageExport export) {
        List<HostedFile> files = new ArrayList<>();
        NotionObject source = export.source();
        Owner owner = source instanceof Database ? Owner.DATABASE : Owner.PAGE;
        collect(source.json(), owner, source.id(), null, files);
        for (Block block : export.blocks()) {
            collect(block.json(), Owner.BLOCK, block.id(), null, files);
        }
        for (Comment comment : export.comments()) {
            String parent = comment.json().path("parent").path(comment.json().path("parent").path("type").asText())
                    .asText(source.id());
            collect(comment.json(), Owner.COMMENT, comment.id(), parent, files);
        }
        return files;
    }

    /** The hosted files in one object's JSON, in document order. */
    static List<HostedFile> in(JsonNode json, Owner owner, String ownerId, String commentParentId) {
        List<HostedFile> files = new ArrayList<>();
        collect(json, owner, ownerId, commentParentId, files);
        return files;
    }

    private static void collect(JsonNode node, Owner owner, String ownerId, String commentParentId,
            List<HostedFile> files) {
        if (node.isObject()) {
            JsonNode file = node.get("file");
            boolean hosted = file != null && file.isObject() && file.path("url").isTextual()
                    && ("file".equals(node.path("type").asText()) || node.has("category"));
            if (hosted) {
                files.add(new HostedFile(file.get("url").asText(), instant(file.path("expiry_time").asText(null)),
                        owner, ownerId, commentParentId));
                return;
            }
        }
        // into containers only: most values are leaves, and this walks every object of every export
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                collect(child, owner, ownerId, commentParentId, files);
            }
        }
    }

    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static Instant instant(String text) {
        return Timestamps.parse(text);
    }
}
