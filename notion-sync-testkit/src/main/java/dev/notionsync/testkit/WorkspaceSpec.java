package dev.notionsync.testkit;

/**
 * What {@link Workspace#generate(WorkspaceSpec)} builds. Every value is derived from {@code seed}, so equal specs
 * give identical workspaces.
 *
 * @param seed the seed of every generated title, text, id and timestamp
 * @param pages regular pages (roots plus nested), not counting database rows and hand-written pages
 * @param blocksPerPage content blocks per page, nested ones included (child_page/child_database blocks come extra)
 * @param maxDepth the deepest page nesting level (0 = only top-level pages)
 * @param databases generated databases; database 0 has two data sources, the others one
 * @param rowsPerDatabase rows per data source
 * @param coverage whether to add the full-coverage pages (every block, rich-text and property type)
 * @param hostileTitles whether to add the "Edge cases" pages with hostile titles and Markdown specials
 * @param relationSize relation and people list length on every 50th row; above 25 it exercises truncation
 * @param filesPerPage hosted files (image, pdf, file blocks) per page
 */
public record WorkspaceSpec(long seed, int pages, int blocksPerPage, int maxDepth, int databases, int rowsPerDatabase,
        boolean coverage, boolean hostileTitles, int relationSize, int filesPerPage) {

    /**
     * Validates the spec.
     *
     * @throws IllegalArgumentException when a count is negative or out of range
     */
    public WorkspaceSpec {
        check("pages", pages, Integer.MAX_VALUE);
        check("blocksPerPage", blocksPerPage, 1_000_000);
        check("maxDepth", maxDepth, 1_000);
        check("databases", databases, 1_000_000);
        check("rowsPerDatabase", rowsPerDatabase, 100_000_000);
        check("relationSize", relationSize, 10_000);
        check("filesPerPage", filesPerPage, 1_000_000);
    }

    private static void check(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be in [0, " + max + "], was " + value);
        }
    }

    /**
     * A small complete workspace for tests: 12 pages 3 deep, 2 databases of 30 rows, relations of 40, with the
     * coverage and hostile-title pages.
     *
     * @return the spec
     */
    public static WorkspaceSpec small() {
        return new WorkspaceSpec(42, 12, 12, 3, 2, 30, true, true, 40, 1);
    }

    /**
     * A benchmark-shaped workspace: {@code pages} pages of 20 blocks, 3 deep, one database per 5,000 pages (at least
     * one) of 100 rows, no hand-written pages. {@code ofPages(50_000)} has about a million blocks.
     *
     * @param pages the number of pages
     * @return the spec
     */
    public static WorkspaceSpec ofPages(int pages) {
        return new WorkspaceSpec(1, pages, 20, 3, pages == 0 ? 0 : Math.max(1, pages / 5_000), 100, false, false, 30, 1);
    }

    /**
     * A copy with {@code seed} replaced.
     *
     * @param value the new seed
     * @return the copy
     */
    public WorkspaceSpec withSeed(long value) {
        return new WorkspaceSpec(value, pages, blocksPerPage, maxDepth, databases, rowsPerDatabase, coverage,
                hostileTitles, relationSize, filesPerPage);
    }

    /**
     * A copy with {@code pages} replaced.
     *
     * @param value the new page count
     * @return the copy
     */
    public WorkspaceSpec withPages(int value) {
        return new WorkspaceSpec(seed, value, blocksPerPage, maxDepth, databases, rowsPerDatabase, coverage,
                hostileTitles, relationSize, filesPerPage);
    }

    /**
     * A copy with {@code blocksPerPage} replaced.
     *
     * @param value the new blocks per page
     * @return the copy
     */
    public WorkspaceSpec withBlocksPerPage(int value) {
        return new WorkspaceSpec(seed, pages, value, maxDepth, databases, rowsPerDatabase, coverage, hostileTitles,
                relationSize, filesPerPage);
    }

    /**
     * A copy with {@code maxDepth} replaced.
     *
     * @param value the new maximum depth
     * @return the copy
     */
    public WorkspaceSpec withMaxDepth(int value) {
        return new WorkspaceSpec(seed, pages, blocksPerPage, value, databases, rowsPerDatabase, coverage,
                hostileTitles, relationSize, filesPerPage);
    }

    /**
     * A copy with {@code databases} replaced.
     *
     * @param value the new database count
     * @return the copy
     */
    public WorkspaceSpec withDatabases(int value) {
        return new WorkspaceSpec(seed, pages, blocksPerPage, maxDepth, value, rowsPerDatabase, coverage,
                hostileTitles, relationSize, filesPerPage);
    }

    /**
     * A copy with {@code rowsPerDatabase} replaced.
     *
     * @param value the new rows per data source
     * @return the copy
     */
    public WorkspaceSpec withRowsPerDatabase(int value) {
        return new WorkspaceSpec(seed, pages, blocksPerPage, maxDepth, databases, value, coverage, hostileTitles,
                relationSize, filesPerPage);
    }

    /**
     * A copy with {@code coverage} replaced.
     *
     * @param value whether to add the coverage pages
     * @return the copy
     */
    public WorkspaceSpec withCoverage(boolean value) {
        return new WorkspaceSpec(seed, pages, blocksPerPage, maxDepth, databases, rowsPerDatabase, value,
                hostileTitles, relationSize, filesPerPage);
    }

    /**
     * A copy with {@code hostileTitles} replaced.
     *
     * @param value whether to add the hostile-title pages
     * @return the copy
     */
    public WorkspaceSpec withHostileTitles(boolean value) {
        return new WorkspaceSpec(seed, pages, blocksPerPage, maxDepth, databases, rowsPerDatabase, coverage, value,
                relationSize, filesPerPage);
    }

    /**
     * A copy with {@code relationSize} replaced.
     *
     * @param value the new big relation size
     * @return the copy
     */
    public WorkspaceSpec withRelationSize(int value) {
        return new WorkspaceSpec(seed, pages, blocksPerPage, maxDepth, databases, rowsPerDatabase, coverage,
                hostileTitles, value, filesPerPage);
    }

    /**
     * A copy with {@code filesPerPage} replaced.
     *
     * @param value the new hosted files per page
     * @return the copy
     */
    public WorkspaceSpec withFilesPerPage(int value) {
        return new WorkspaceSpec(seed, pages, blocksPerPage, maxDepth, databases, rowsPerDatabase, coverage,
                hostileTitles, relationSize, value);
    }
}
