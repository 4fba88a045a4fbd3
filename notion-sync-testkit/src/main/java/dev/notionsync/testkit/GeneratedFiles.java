package dev.notionsync.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Hosted files of generated pages: covers of top-level pages, some icons, comment attachments and the image, pdf
 * and file blocks. A file id encodes the page, a slot (block index or a special slot) and the file type.
 */
final class GeneratedFiles {

    private final GeneratedSource source;
    private final WorkspaceSpec spec;
    private final int seedHash;

    GeneratedFiles(GeneratedSource source, WorkspaceSpec spec, int seedHash) {
        this.source = source;
        this.spec = spec;
        this.seedHash = seedHash;
    }

    String fileId(int page, long slot, int fileType) {
        return Ids.encode(seedHash, Ids.FILE, page, slot << 3 | fileType);
    }

    static int blockFileType(byte type) {
        return type == BlockPlan.IMAGE ? 0 : type == BlockPlan.PDF ? 1 : 2;
    }

    Optional<Source.FileRef> file(Ids.Id id) {
        int fileType = (int) (id.local() & 7);
        long slot = id.local() >>> 3;
        if (id.owner() >= spec.pages() || fileType > 2) {
            return Optional.empty();
        }
        int page = (int) id.owner();
        String fileId = Ids.encode(seedHash, Ids.FILE, id.owner(), id.local());
        boolean png = fileType == 0;
        if (slot == GeneratedSource.COVER_SLOT) {
            return png && source.layout.parent(page) < 0
                    ? Optional.of(new Source.FileRef(fileId, "cover-" + page + ".png", "cover-" + page)) : Optional.empty();
        }
        if (slot == GeneratedSource.ICON_SLOT) {
            return png && page % 10 == 4
                    ? Optional.of(new Source.FileRef(fileId, "icon-" + page + ".png", fileId)) : Optional.empty();
        }
        if (slot == GeneratedSource.COMMENT_SLOT) {
            return png && page % 6 == 0
                    ? Optional.of(new Source.FileRef(fileId, "comment-" + page + ".png", fileId)) : Optional.empty();
        }
        BlockPlan plan = source.plan(page);
        if (slot >= plan.size || !BlockPlan.isFile(plan.type((int) slot))
                || blockFileType(plan.type((int) slot)) != fileType) {
            return Optional.empty();
        }
        return Optional.of(blockFile(page, (int) slot, fileType));
    }

    Source.FileRef blockFile(int page, int k, int fileType) {
        String fileId = fileId(page, k, fileType);
        String name = switch (fileType) {
            case 0 -> "image-" + page + "-" + k + ".png";
            case 1 -> "document-" + page + "-" + k + ".pdf";
            default -> "notes-" + page + "-" + k + ".txt";
        };
        // Every fifth file repeats shared bytes under its own id and name, so exporters can dedupe by content.
        return new Source.FileRef(fileId, name, (page + k) % 5 == 0 ? "shared-" + fileType : fileId);
    }

    Stream<String> fileIds() {
        return IntStream.range(0, spec.pages()).boxed().flatMap(page -> {
            List<String> ids = new ArrayList<>();
            if (source.layout.parent(page) < 0) {
                ids.add(fileId(page, GeneratedSource.COVER_SLOT, 0));
            }
            if (page % 10 == 4) {
                ids.add(fileId(page, GeneratedSource.ICON_SLOT, 0));
            }
            if (page % 6 == 0) {
                ids.add(fileId(page, GeneratedSource.COMMENT_SLOT, 0));
            }
            BlockPlan plan = source.plan(page);
            for (int k = 0; k < plan.size; k++) {
                if (BlockPlan.isFile(plan.type(k))) {
                    ids.add(fileId(page, k, blockFileType(plan.type(k))));
                }
            }
            return ids.stream();
        });
    }
}
