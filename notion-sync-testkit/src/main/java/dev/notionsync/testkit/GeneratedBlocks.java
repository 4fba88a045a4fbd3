package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON for the blocks and comments of generated pages. Every block's text starts with a unique label "P7.B3". */
final class GeneratedBlocks {

    private static final String[] COLORS = {"default", "default", "default", "blue", "gray_background", "red"};

    private final GeneratedSource source;
    private final long seed;
    private final int seedHash;
    private final Users users;

    GeneratedBlocks(GeneratedSource source, long seed, int seedHash, Users users) {
        this.source = source;
        this.seed = seed;
        this.seedHash = seedHash;
        this.users = users;
    }

    static String typeName(byte type) {
        return switch (type) {
            case BlockPlan.PARAGRAPH -> "paragraph";
            case BlockPlan.HEADING_1 -> "heading_1";
            case BlockPlan.HEADING_2 -> "heading_2";
            case BlockPlan.HEADING_3 -> "heading_3";
            case BlockPlan.BULLETED -> "bulleted_list_item";
            case BlockPlan.NUMBERED -> "numbered_list_item";
            case BlockPlan.TO_DO -> "to_do";
            case BlockPlan.TOGGLE -> "toggle";
            case BlockPlan.QUOTE -> "quote";
            case BlockPlan.CALLOUT -> "callout";
            case BlockPlan.CODE -> "code";
            case BlockPlan.DIVIDER -> "divider";
            case BlockPlan.IMAGE -> "image";
            case BlockPlan.PDF -> "pdf";
            case BlockPlan.FILE -> "file";
            case BlockPlan.BOOKMARK -> "bookmark";
            default -> "synced_block";
        };
    }

    ObjectNode block(BlockPlan plan, int k) {
        int page = plan.page;
        long h = Hash.of(seed, 0x626f6479L, page, k);
        byte type = plan.type(k);
        String typeName = typeName(type);
        long created = source.pageCreated(page);
        long edited = Math.max(created, source.pageEdited(page) - Hash.below(h, 60));
        ObjectNode b = Json.obj().put("object", "block").put("id", source.blockId(page, k));
        int parent = plan.parent(k);
        b.set("parent", parent < 0 ? Json.pageParent(source.pageId(page)) : Json.blockParent(source.blockId(page, parent)));
        b.put("created_time", Json.iso(created)).put("last_edited_time", Json.iso(edited));
        b.set("created_by", Json.userRef(users.pick(h >>> 3)));
        b.set("last_edited_by", Json.userRef(users.pick(h >>> 9)));
        b.put("has_children", plan.childCount(k) > 0 || type == BlockPlan.SYNCED_COPY);
        b.put("in_trash", false);
        b.put("type", typeName);
        String label = "P" + page + ".B" + k;
        ObjectNode body = b.putObject(typeName);
        switch (type) {
            case BlockPlan.HEADING_1, BlockPlan.HEADING_2, BlockPlan.HEADING_3 -> {
                body.set("rich_text", Rt.plain(label + " " + Words.title(h, 3)));
                body.put("is_toggleable", false).put("color", "default");
            }
            case BlockPlan.TO_DO -> {
                body.set("rich_text", richText(page, label, h));
                body.put("checked", (h & 1) == 1).put("color", "default");
            }
            case BlockPlan.CALLOUT -> {
                body.set("rich_text", richText(page, label, h));
                body.set("icon", Json.emoji("💡"));
                body.put("color", "gray_background");
            }
            case BlockPlan.CODE -> {
                body.set("caption", Json.arr());
                String language = Words.language(h);
                body.set("rich_text", Rt.plain(code(language, label)));
                body.put("language", language);
            }
            case BlockPlan.DIVIDER -> {
                // A divider has no text.
            }
            case BlockPlan.BOOKMARK -> {
                body.set("caption", Rt.plain(label + " bookmark"));
                body.put("url", "https://example.com/p" + page + "/b" + k);
            }
            case BlockPlan.IMAGE, BlockPlan.PDF, BlockPlan.FILE -> {
                Source.FileRef file = source.files.blockFile(page, k, GeneratedFiles.blockFileType(type));
                body.set("caption", Rt.plain(label + " " + file.name()));
                body.put("type", "file");
                body.set("file", Json.placeholder(file.fileId(), file.name()));
                if (type == BlockPlan.FILE) {
                    body.put("name", file.name());
                }
            }
            case BlockPlan.SYNCED_ORIGINAL -> body.putNull("synced_from");
            case BlockPlan.SYNCED_COPY -> {
                body.putObject("synced_from").put("type", "block_id")
                        .put("block_id", source.syncedOriginalId());
                b.put("$children404", true);
            }
            default -> {
                body.set("rich_text", richText(page, label, h));
                body.put("color", COLORS[Hash.below(h >>> 5, COLORS.length)]);
            }
        }
        return b;
    }

    private ArrayNode richText(int page, String label, long h) {
        String sentence = Words.sentence(h, 5 + Hash.below(h >>> 11, 8));
        return switch (Hash.below(h >>> 13, 9)) {
            case 6 -> Rt.of(Rt.text(label + " "), Rt.styled(Words.word(h, 1), "bold"), Rt.text(" and "),
                    Rt.link(Words.word(h, 2), "https://example.com/" + Words.word(h, 3)), Rt.text(" " + sentence));
            case 7 -> Rt.of(Rt.text(label + " "), Rt.styled(Words.word(h, 1), "italic"), Rt.text(" "),
                    Rt.styled(Words.word(h, 2), "code"), Rt.text(" " + sentence));
            case 8 -> {
                int target = source.layout.parent(page) < 0 ? 0 : source.layout.parent(page);
                String user = users.pick(h >>> 7);
                yield Rt.of(Rt.text(label + " see "), Rt.mentionPage(source.pageId(target), source.pageTitle(target)),
                        Rt.text(" with "), Rt.mentionUser(user, users.name(user)), Rt.text(" " + sentence));
            }
            default -> Rt.plain(label + " " + sentence);
        };
    }

    private static String code(String language, String label) {
        return switch (language) {
            case "java" -> "// " + label + "\nclass Demo {\n    int answer() { return 42; }\n}\n";
            case "python" -> "# " + label + "\ndef answer():\n    return 42\n";
            case "mermaid" -> "%% " + label + "\ngraph TD\n  A[Start] --> B{Ready?}\n  B -->|yes| C[Ship]\n";
            case "sql" -> "-- " + label + "\nSELECT id, title FROM pages WHERE depth < 3;\n";
            case "json" -> "{\"label\": \"" + label + "\", \"answer\": 42}\n";
            default -> label + ": echo 'hello' | tr a-z A-Z\n";
        };
    }

    ObjectNode comment(int page, long local) {
        boolean inline = local >= 8;
        long k = local / 8 - 1;
        long h = Hash.of(seed, 0x636f6d6dL, page, local);
        long minute = source.pageEdited(page) + 1 + local % 8;
        String author = page % 9 == 0 && local == 1 ? users.guestId() : users.pick(h);
        ObjectNode c = Json.obj().put("object", "comment").put("id", Ids.encode(seedHash, Ids.COMMENT, page, local));
        c.set("parent", inline ? Json.blockParent(source.blockId(page, (int) k)) : Json.pageParent(source.pageId(page)));
        c.put("discussion_id", Ids.encode(seedHash, Ids.DISCUSSION, page, inline ? local : 0));
        c.put("created_time", Json.iso(minute)).put("last_edited_time", Json.iso(minute));
        c.set("created_by", Json.userRef(author));
        String label = "C" + page + (inline ? ".B" + k : "") + "." + local % 8;
        c.set("rich_text", Rt.plain(label + " " + Words.sentence(h, 6)));
        c.putObject("display_name").put("type", "user").put("resolved_name", users.name(author));
        ArrayNode attachments = c.putArray("attachments");
        if (!inline && local == 0 && page % 6 == 0) {
            ObjectNode attachment = attachments.addObject().put("category", "image");
            attachment.set("file", Json.placeholder(source.files.fileId(page, GeneratedSource.COMMENT_SLOT, 0),
                    "comment-" + page + ".png"));
        }
        return c;
    }
}
