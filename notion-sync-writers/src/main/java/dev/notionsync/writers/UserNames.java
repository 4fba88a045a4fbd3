package dev.notionsync.writers;

import dev.notionsync.core.model.User;

import java.util.Optional;
import java.util.function.Function;

/**
 * What every format shows for a user named in content whose own object carries no name: from Notion-Version
 * 2026-12-01 on a person's {@code name} may be null, and no format may print "null" or nothing.
 */
final class UserNames {

    private UserNames() {
    }

    /**
     * The name shown after the {@code @} of a user mention that carries no name itself: the user's name, else the
     * mention's own text (Notion writes the name there), else the email, else {@code Unknown user (<id>)}.
     *
     * @param id the mentioned user's id
     * @param plain the mention's plain text, such as {@code @Ada Lovelace}
     * @param users looks up users by id
     */
    static String mention(String id, String plain, Function<String, Optional<User>> users) {
        Optional<User> user = users.apply(id);
        String shown = plain.startsWith("@") ? plain.substring(1) : plain;
        return user.map(User::name).filter(name -> !name.isBlank())
                .orElseGet(() -> !shown.isBlank() && !"null".equals(shown) ? shown
                        : user.map(User::displayName).orElse(User.unknown(id)));
    }

    /** The author of a comment whose display name is not given: the user's display name, else the unknown user. */
    static String author(String id, Function<String, Optional<User>> users) {
        return users.apply(id).map(User::displayName).orElse(User.unknown(id));
    }
}
