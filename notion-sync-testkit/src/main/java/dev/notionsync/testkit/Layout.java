package dev.notionsync.testkit;

/**
 * The generated page tree as arithmetic: a forest of {@code roots} top-level pages in heap order, each page
 * having up to {@code branching} children, chosen so that no page is deeper than {@code maxDepth}.
 */
final class Layout {

    final int pages;
    final int roots;
    final int branching;

    Layout(int pages, int maxDepth) {
        this.pages = pages;
        if (pages == 0) {
            roots = 0;
            branching = 1;
            return;
        }
        if (maxDepth <= 0) {
            roots = pages;
            branching = 1;
            return;
        }
        int r = (int) Math.min(pages, Math.max(2, Math.ceil(Math.sqrt(pages) / 2)));
        int b = 1;
        while (capacity(r, b, maxDepth) < pages) {
            b++;
        }
        roots = r;
        branching = b;
    }

    private static double capacity(int roots, int branching, int maxDepth) {
        double total = 0;
        double level = roots;
        for (int d = 0; d <= maxDepth; d++) {
            total += level;
            level *= branching;
        }
        return total;
    }

    /** The parent page index, or -1 for a top-level page. */
    int parent(int page) {
        return page < roots ? -1 : (page - roots) / branching;
    }

    int firstChild(int page) {
        long first = roots + (long) page * branching;
        return first >= pages ? pages : (int) first;
    }

    int childCount(int page) {
        return Math.min(branching, pages - firstChild(page));
    }
}
