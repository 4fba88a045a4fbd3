package dev.notionsync.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The workspace's people, its bot (the integration) and one guest who is missing from the user list. */
final class Users {

    private static final List<String> FIRST = List.of("Ada", "Grace", "Alan", "Linus", "Margaret", "Ken",
            "Barbara", "Dennis", "Frances", "Edsger", "Radia", "Tim", "Hedy", "John", "Katherine", "Niklaus");
    private static final List<String> LAST = List.of("Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton",
            "Thompson", "Liskov", "Ritchie", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr", "McCarthy");

    /** Internal marker of a person whose {@code name} is null under Notion-Version 2026-12-01. */
    static final String NAMELESS = "$nameless";
    /** Every third person, from the second on, has no name under 2026-12-01. */
    private static final int NAMELESS_EVERY = 3;

    private final int seedHash;
    private final List<String> names;
    private final String workspaceName;

    private Users(int seedHash, List<String> names, String workspaceName) {
        this.seedHash = seedHash;
        this.names = names;
        this.workspaceName = workspaceName;
    }

    static Users generated(int seedHash, long seed, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long h = Hash.of(seed, 0x75736572L, i);
            names.add(FIRST.get(Hash.below(h, FIRST.size())) + " " + LAST.get(Hash.below(h >>> 17, LAST.size()))
                    + (i >= FIRST.size() ? " " + (i + 1) : ""));
        }
        return new Users(seedHash, List.copyOf(names), "Generated Workspace " + Integer.toHexString(seedHash));
    }

    static Users demo(int seedHash) {
        return new Users(seedHash, List.of("Ada Lovelace", "Grace Hopper", "Alan Turing", "Margaret Hamilton",
                "Ken Thompson", "Barbara Liskov"), "Acme Demo Workspace");
    }

    int personCount() {
        return names.size();
    }

    String personId(int i) {
        return Ids.encode(seedHash, Ids.PERSON, i, 0);
    }

    String personName(int i) {
        return names.get(i);
    }

    String botId() {
        return Ids.encode(seedHash, Ids.BOT, 0, 0);
    }

    String guestId() {
        return Ids.encode(seedHash, Ids.GUEST, 0, 0);
    }

    /** A person picked by hash; used for created_by and similar fields. */
    String pick(long hash) {
        return personId(Hash.below(hash, names.size()));
    }

    /** Members and the bot, as {@code GET /v1/users} lists them: guests are left out. */
    List<String> listed() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ids.add(personId(i));
        }
        ids.add(botId());
        return ids;
    }

    String name(String userId) {
        return Ids.decode(userId, seedHash).flatMap(this::user).map(u -> u.path("name").asText()).orElse("Unknown");
    }

    Optional<ObjectNode> user(Ids.Id id) {
        if (id.kind() == Ids.PERSON && id.owner() < names.size() && id.local() == 0) {
            int index = (int) id.owner();
            String name = names.get(index);
            ObjectNode person = person(personId(index), name,
                    name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".") + "@example.com");
            if (index % NAMELESS_EVERY == 1) {
                // Notion-Version 2026-12-01 may answer a person's name as null: these people show it so
                person.put(NAMELESS, true);
            }
            return Optional.of(person);
        }
        if (id.kind() == Ids.GUEST && id.owner() == 0 && id.local() == 0) {
            return Optional.of(person(guestId(), "Gail Guest", "gail.guest@partner.example.org"));
        }
        if (id.kind() == Ids.BOT && id.owner() == 0 && id.local() == 0) {
            return Optional.of(me());
        }
        return Optional.empty();
    }

    ObjectNode me() {
        ObjectNode bot = Json.obj().put("object", "user").put("id", botId()).put("type", "bot")
                .put("name", "notion-sync (fake)");
        bot.putNull("avatar_url");
        ObjectNode b = bot.putObject("bot");
        b.putObject("owner").put("type", "workspace").put("workspace", true);
        b.put("workspace_id", Ids.encode(seedHash, Ids.BOT, 1, 0));
        b.put("workspace_name", workspaceName);
        b.putObject("workspace_limits").put("max_file_upload_size_in_bytes", 5_368_709_120L);
        return bot;
    }

    private static ObjectNode person(String id, String name, String email) {
        ObjectNode user = Json.obj().put("object", "user").put("id", id).put("type", "person").put("name", name)
                .put("avatar_url", "https://example.com/avatars/" + Ids.compact(id) + ".png");
        user.putObject("person").put("email", email);
        return user;
    }
}
