package dev.notionsync.core.restore;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to restore: an export folder, the page to restore under, and optionally only some objects or only the plan.
 * Immutable; build with {@link #builder()}.
 *
 * @since 0.9
 */
public final class RestoreSpec {

    private final Path from;
    private final String parentPageId;
    private final boolean dryRun;
    private final Set<String> only;

    private RestoreSpec(Builder builder) {
        this.from = builder.from;
        this.parentPageId = builder.parentPageId;
        this.dryRun = builder.dryRun;
        this.only = Set.copyOf(builder.only);
    }

    /**
     * A new builder; {@code from} and {@code parentPageId} are required.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The export folder (the one holding {@code json/index.json}); the restore log and report are written there.
     *
     * @return the folder
     */
    public Path from() {
        return from;
    }

    /**
     * The page everything is restored under, as a dashed id.
     *
     * @return the page id
     */
    public String parentPageId() {
        return parentPageId;
    }

    /**
     * Whether only the plan is computed and nothing is written to Notion.
     *
     * @return {@code true} for a dry run
     */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * The exported ids to restore (each with everything below it); empty for the whole export.
     *
     * @return the ids, dashed
     */
    public Set<String> only() {
        return only;
    }

    /** Builds a {@link RestoreSpec}. */
    public static final class Builder {

        private Path from;
        private String parentPageId;
        private boolean dryRun;
        private final Set<String> only = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Sets the export folder.
         *
         * @param folder the folder holding {@code json/index.json}
         * @return this builder
         */
        public Builder from(Path folder) {
            this.from = Objects.requireNonNull(folder, "from");
            return this;
        }

        /**
         * Sets the target page: an id with or without dashes, or a notion.so URL ending in one.
         *
         * @param pageIdOrUrl the page
         * @return this builder
         * @throws IllegalArgumentException if it holds no page id
         */
        public Builder parent(String pageIdOrUrl) {
            Objects.requireNonNull(pageIdOrUrl, "parent");
            this.parentPageId = Ids.parse(pageIdOrUrl)
                    .orElseThrow(() -> new IllegalArgumentException("parent is not a page id or URL: " + pageIdOrUrl));
            return this;
        }

        /**
         * Computes the plan only.
         *
         * @param value {@code true} for a dry run
         * @return this builder
         */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /**
         * Restricts the restore to these exported objects and what lies below them.
         *
         * @param ids ids or URLs of exported pages or databases
         * @return this builder
         * @throws IllegalArgumentException if one holds no id
         */
        public Builder only(List<String> ids) {
            only.clear();
            for (String id : ids) {
                only.add(Ids.parse(id).orElseThrow(() -> new IllegalArgumentException("not an id: " + id)));
            }
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalStateException if {@code from} or {@code parent} is missing
         */
        public RestoreSpec build() {
            if (from == null || parentPageId == null) {
                throw new IllegalStateException("a restore needs from and parent");
            }
            return new RestoreSpec(this);
        }
    }
}
