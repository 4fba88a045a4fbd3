package dev.notionsync.core.export;

import dev.notionsync.core.BlockTree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one export does. Immutable; build with {@link #builder()}, derive variants with {@link #mutate()}.
 *
 * <pre>{@code
 * ExportSpec spec = ExportSpec.builder()
 *         .outputDir(Path.of("backup"))
 *         .writers(JsonWriter.create(), MarkdownWriter.create())
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ExportSpec {

    /** Objects fetched and assembled at the same time. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** Attachment downloads at the same time; they go to the file host and take no API permits. */
    public static final int DEFAULT_DOWNLOAD_CONCURRENCY = 8;
    /** Levels of nested blocks read below a page. */
    public static final int DEFAULT_MAX_DEPTH = BlockTree.DEFAULT_MAX_DEPTH;
    /** A run that would move aside more than this share of the previous export needs {@link #allowMassRemoval()}. */
    public static final double MASS_REMOVAL_SHARE = 0.2;
    /** A run that would move aside more than this many objects needs {@link #allowMassRemoval()}. */
    public static final int MASS_REMOVAL_COUNT = 100;

    private final Path outputDir;
    private final List<ExportWriter> writers;
    private final int concurrency;
    private final List<String> roots;
    private final boolean followLinks;
    private final Comments comments;
    private final boolean frontMatter;
    private final boolean full;
    private final boolean attachments;
    private final long maxFileBytes;
    private final int downloadConcurrency;
    private final int maxDepth;
    private final boolean allowMassRemoval;
    private final Set<String> only;

    private ExportSpec(Builder builder) {
        this.outputDir = builder.outputDir;
        this.writers = List.copyOf(builder.writers);
        this.concurrency = builder.concurrency;
        this.roots = List.copyOf(builder.roots);
        this.followLinks = builder.followLinks;
        this.comments = builder.comments;
        this.frontMatter = builder.frontMatter;
        this.full = builder.full;
        this.attachments = builder.attachments;
        this.maxFileBytes = builder.maxFileBytes;
        this.downloadConcurrency = builder.downloadConcurrency;
        this.maxDepth = builder.maxDepth;
        this.allowMassRemoval = builder.allowMassRemoval;
        this.only = Set.copyOf(builder.only);
    }

    /**
     * Returns a builder with the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder initialised from this spec.
     *
     * @return the builder
     */
    public Builder mutate() {
        return new Builder(this);
    }

    /** @return the output folder */
    public Path outputDir() {
        return outputDir;
    }

    /** @return the writers, each of which sees every exported object */
    public List<ExportWriter> writers() {
        return writers;
    }

    /** @return how many objects are fetched at the same time */
    public int concurrency() {
        return concurrency;
    }

    /** @return the ids of pages and databases to export with everything below them; empty for the workspace */
    public List<String> roots() {
        return roots;
    }

    /**
     * Returns whether an export of {@link #roots()} also exports the pages and databases its content refers to
     * outside those subtrees (link_to_page blocks and mentions). Without it, such references stay links to Notion,
     * so a subtree export holds the subtree and nothing else. An export of the whole workspace ignores it.
     *
     * @return whether references outside the roots' subtrees are exported too
     */
    public boolean followLinks() {
        return followLinks;
    }

    /**
     * Returns whether the export is limited to the roots' subtrees: roots are given and links are not followed.
     *
     * @return whether objects only referred to from the subtrees are left out
     */
    boolean subtreeOnly() {
        return !roots.isEmpty() && !followLinks;
    }

    /** @return which comments are fetched */
    public Comments comments() {
        return comments;
    }

    /** @return whether Markdown files start with YAML front matter */
    public boolean frontMatter() {
        return frontMatter;
    }

    /** @return whether to ignore the previous run's state and export everything again */
    public boolean full() {
        return full;
    }

    /** @return whether Notion-hosted files are downloaded into {@code files/} */
    public boolean attachments() {
        return attachments;
    }

    /** @return the largest file downloaded, in bytes; larger ones stay links and are reported */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** @return how many files are downloaded at the same time */
    public int downloadConcurrency() {
        return downloadConcurrency;
    }

    /** @return how many levels of nested blocks are read below a page; deeper blocks are reported as too deep */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * @return whether a rerun may move aside more than {@value #MASS_REMOVAL_COUNT} objects, or more than
     *     a fifth of the previous export, in one run
     */
    public boolean allowMassRemoval() {
        return allowMassRemoval;
    }

    /**
     * Returns the objects an export limited to them fetches, normalized (no dashes, lower case); empty for a
     * normal export. See {@link Builder#only(Collection)}.
     *
     * @return the ids of the only objects fetched, or an empty set
     */
    public Set<String> only() {
        return only;
    }

    /**
     * Which comments an export fetches. Notion returns only open (unresolved) comments.
     *
     * @since 0.1
     */
    public enum Comments {
        /** No comments. */
        NONE,
        /** Page-level comments: one request per page. */
        PAGE,
        /** Page-level and inline comments on every block: one request per block more. */
        ALL
    }

    /**
     * Builds an {@link ExportSpec}.
     *
     * @since 0.1
     */
    public static final class Builder {

        private Path outputDir;
        private final List<ExportWriter> writers = new ArrayList<>();
        private int concurrency = DEFAULT_CONCURRENCY;
        private final List<String> roots = new ArrayList<>();
        private boolean followLinks;
        private Comments comments = Comments.PAGE;
        private boolean frontMatter = true;
        private boolean full;
        private boolean attachments = true;
        private long maxFileBytes = Long.MAX_VALUE;
        private int downloadConcurrency = DEFAULT_DOWNLOAD_CONCURRENCY;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private boolean allowMassRemoval;
        private final Set<String> only = new LinkedHashSet<>();

        private Builder() {
        }

        private Builder(ExportSpec from) {
            this.outputDir = from.outputDir;
            this.writers.addAll(from.writers);
            this.concurrency = from.concurrency;
            this.roots.addAll(from.roots);
            this.followLinks = from.followLinks;
            this.comments = from.comments;
            this.frontMatter = from.frontMatter;
            this.full = from.full;
            this.attachments = from.attachments;
            this.maxFileBytes = from.maxFileBytes;
            this.downloadConcurrency = from.downloadConcurrency;
            this.maxDepth = from.maxDepth;
            this.allowMassRemoval = from.allowMassRemoval;
            this.only.addAll(from.only);
        }

        /**
         * Sets the output folder.
         *
         * @param outputDir the folder; created if missing
         * @return this builder
         */
        public Builder outputDir(Path outputDir) {
            this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
            return this;
        }

        /**
         * Replaces the writers.
         *
         * @param newWriters the writers
         * @return this builder
         */
        public Builder writers(ExportWriter... newWriters) {
            return writers(List.of(newWriters));
        }

        /**
         * Replaces the writers.
         *
         * @param newWriters the writers
         * @return this builder
         */
        public Builder writers(List<ExportWriter> newWriters) {
            writers.clear();
            writers.addAll(newWriters);
            return this;
        }

        /**
         * Sets how many objects are fetched at the same time (the rate limit still caps requests per second).
         *
         * @param concurrency 1 or more
         * @return this builder
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Exports these pages or databases and everything below them instead of the whole workspace.
         *
         * @param ids page or database ids
         * @return this builder
         */
        public Builder roots(List<String> ids) {
            roots.clear();
            roots.addAll(ids);
            return this;
        }

        /**
         * Sets whether an export of roots also exports the pages and databases that the subtrees link to or mention
         * outside themselves (default false: they stay links to Notion, which keeps a subtree export the size of the
         * subtree and leaves the rest of the workspace out of it). Has no effect without roots.
         *
         * @param follow whether to export references outside the roots' subtrees
         * @return this builder
         */
        public Builder followLinks(boolean follow) {
            this.followLinks = follow;
            return this;
        }

        /**
         * Sets which comments are fetched.
         *
         * @param scope the scope
         * @return this builder
         */
        public Builder comments(Comments scope) {
            this.comments = Objects.requireNonNull(scope, "comments");
            return this;
        }

        /**
         * Sets whether Markdown files start with YAML front matter holding id, url, times and properties.
         *
         * @param enabled default {@code true}
         * @return this builder
         */
        public Builder frontMatter(boolean enabled) {
            this.frontMatter = enabled;
            return this;
        }

        /**
         * Ignores the state of a previous run and exports everything.
         *
         * @param enabled default {@code false}
         * @return this builder
         */
        public Builder full(boolean enabled) {
            this.full = enabled;
            return this;
        }

        /**
         * Sets whether Notion-hosted files (images, PDFs, file blocks, files properties, icons, covers, comment
         * attachments) are downloaded into the export. External files always stay links.
         *
         * @param enabled default {@code true}
         * @return this builder
         */
        public Builder attachments(boolean enabled) {
            this.attachments = enabled;
            return this;
        }

        /**
         * Sets the largest file to download; larger files stay links and are reported as skipped.
         *
         * @param bytes 1 or more; default unlimited
         * @return this builder
         */
        public Builder maxFileBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxFileBytes must be at least 1: " + bytes);
            }
            this.maxFileBytes = bytes;
            return this;
        }

        /**
         * Sets how many files are downloaded at the same time.
         *
         * @param concurrency 1 or more
         * @return this builder
         */
        public Builder downloadConcurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("downloadConcurrency must be at least 1: " + concurrency);
            }
            this.downloadConcurrency = concurrency;
            return this;
        }

        /**
         * Sets how many levels of nested blocks are read below a page. A block at the last level keeps its children
         * out of the export; it is reported as {@link ExportEvent.Reasons#TOO_DEEP} and the rest of the page is
         * exported. The bound also keeps a malformed, endlessly nested tree from running forever.
         *
         * @param levels 1 or more; default {@value #DEFAULT_MAX_DEPTH}
         * @return this builder
         */
        public Builder maxDepth(int levels) {
            if (levels < 1) {
                throw new IllegalArgumentException("maxDepth must be at least 1: " + levels);
            }
            this.maxDepth = levels;
            return this;
        }

        /**
         * Lets a rerun move aside more than {@value #MASS_REMOVAL_COUNT} objects, or more than a fifth of the
         * previous export, at once. Without it such a run moves nothing aside and reports every object it kept as
         * {@link ExportEvent.Reasons#REMOVAL_HELD}: a mass removal is more often a lost share or a Notion fault than
         * a real cleanup. Objects are moved aside only when Notion confirms each one gone, whatever this setting.
         *
         * @param enabled default {@code false}
         * @return this builder
         */
        public Builder allowMassRemoval(boolean enabled) {
            this.allowMassRemoval = enabled;
            return this;
        }

        /**
         * Limits the export to these pages and databases, for instance the objects a webhook named as changed. Each
         * is fetched again (whatever its edit time) through the same state and writers; nothing is walked below it
         * (no child pages, no rows of a database) and search is not asked. Every other object of the previous
         * export is replayed from its snapshot without a request, so the aggregate files (indexes, CSVs) stay whole,
         * and nothing else is moved aside: only a named object that Notion confirms gone (in the trash, or 404) is,
         * like in a normal rerun. Empty (the default) for a normal export; cannot be combined with roots.
         *
         * @param ids page or database ids, dashed or not
         * @return this builder
         */
        public Builder only(Collection<String> ids) {
            only.clear();
            for (String id : ids) {
                only.add(FileNames.normalizeId(Objects.requireNonNull(id, "id")));
            }
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException if no output folder or no writer was given
         */
        public ExportSpec build() {
            if (outputDir == null) {
                throw new IllegalArgumentException("outputDir must be set");
            }
            if (writers.isEmpty()) {
                throw new IllegalArgumentException("at least one writer must be set");
            }
            if (!only.isEmpty() && !roots.isEmpty()) {
                throw new IllegalArgumentException("only and roots cannot be combined");
            }
            return new ExportSpec(this);
        }
    }
}
