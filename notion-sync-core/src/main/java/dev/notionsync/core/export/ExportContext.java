package dev.notionsync.core.export;

import dev.notionsync.core.model.User;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

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
}
