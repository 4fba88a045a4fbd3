package dev.notionsync.writers;

import dev.notionsync.writers.InlineMarkdown.Run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Lays out rich-text runs as tokens for {@link Emphasis#resolve(List)}: equal neighbours merged, runs that share a
 * link grouped into one link, styles opened and closed with a stack so they nest, and whitespace moved outside
 * delimiters and link brackets.
 */
final class InlineLayout {

    // colours outermost, so a colour spans every style inside it
    private static final int[] ORDER = IntStream.concat(Arrays.stream(Colors.bits()),
            IntStream.of(InlineMarkdown.STRIKE, InlineMarkdown.UNDERLINE, InlineMarkdown.BOLD,
                    InlineMarkdown.ITALIC)).toArray();

    private InlineLayout() {
    }

    /**
     * Returns the tokens of a run list: escaped text and Markdown as strings, delimiters as {@link Emphasis}.
     *
     * @param runs the runs in order
     * @param escaper escapes text and tracks the start of lines
     * @return the tokens
     */
    static List<Object> tokens(List<Run> runs, MarkdownText.Escaper escaper) {
        List<Object> tokens = new ArrayList<>();
        new Sequence(tokens, escaper).emit(groups(merge(runs)));
        return tokens;
    }

    /** Joins neighbouring text runs of equal style and link, so delimiters are not closed and reopened. */
    private static List<Run> merge(List<Run> runs) {
        List<Run> merged = new ArrayList<>();
        for (Run run : runs) {
            if (!merged.isEmpty()) {
                Run last = merged.get(merged.size() - 1);
                if (last.text() != null && run.text() != null && last.marks() == run.marks()
                        && Objects.equals(last.destination(), run.destination())) {
                    merged.set(merged.size() - 1, new Run(run.marks(), run.destination(), last.text() + run.text(), null));
                    continue;
                }
            }
            merged.add(run);
        }
        return merged;
    }

    /** An element of a sequence: a single run, or a link made of runs that share a destination. */
    private record Element(int marks, Run run, String destination, List<Run> linkRuns, String lead, String trail) {

        Element(int marks, Run run) {
            this(marks, run, null, null, "", "");
        }
    }

    private static List<Element> groups(List<Run> runs) {
        List<Element> elements = new ArrayList<>();
        int i = 0;
        while (i < runs.size()) {
            Run run = runs.get(i);
            if (run.destination() == null) {
                elements.add(new Element(run.marks(), run));
                i++;
                continue;
            }
            int j = i;
            int common = ~0;
            while (j < runs.size() && run.destination().equals(runs.get(j).destination())) {
                common &= runs.get(j).marks();
                j++;
            }
            List<Run> inner = new ArrayList<>();
            for (Run member : runs.subList(i, j)) {
                inner.add(new Run(member.marks() & ~common, null, member.text(), member.markdown()));
            }
            // Spaces at the edges of a link go outside the brackets, as readers trim them from link text.
            String lead = "";
            String trail = "";
            Run first = inner.get(0);
            if (first.text() != null) {
                int end = Sequence.leadEnd(first.text());
                lead = first.text().substring(0, end);
                inner.set(0, new Run(first.marks(), null, first.text().substring(end), null));
            }
            Run last = inner.get(inner.size() - 1);
            if (last.text() != null) {
                int start = Sequence.trailStart(last.text());
                trail = last.text().substring(start);
                inner.set(inner.size() - 1, new Run(last.marks(), null, last.text().substring(0, start), null));
            }
            inner.removeIf(r -> r.text() != null && r.text().isEmpty());
            if (inner.isEmpty()) {
                inner.add(new Run(0, null, lead.isEmpty() ? trail : lead, null));
                lead = "";
                trail = "";
            }
            elements.add(new Element(common, null, run.destination(), inner, lead, trail));
            i = j;
        }
        return blanks(elements);
    }

    // Whitespace between two styled runs takes only the styles both share: nothing opens on a space.
    private static List<Element> blanks(List<Element> elements) {
        List<Element> adjusted = new ArrayList<>(elements.size());
        for (int k = 0; k < elements.size(); k++) {
            Element e = elements.get(k);
            if (e.run() != null && e.run().blank()) {
                int before = k > 0 ? elements.get(k - 1).marks() : 0;
                int after = k + 1 < elements.size() ? elements.get(k + 1).marks() : 0;
                int marks = e.marks() & before & after;
                e = new Element(marks, new Run(marks, null, e.run().text(), null));
            }
            adjusted.add(e);
        }
        return adjusted;
    }

    /** Emits the tokens of one sequence of elements with a stack of open styles. */
    private static final class Sequence {

        private final List<Object> tokens;
        private final MarkdownText.Escaper escaper;
        private final List<Emphasis> stack = new ArrayList<>();
        private String pendingSpace = "";

        Sequence(List<Object> tokens, MarkdownText.Escaper escaper) {
            this.tokens = tokens;
            this.escaper = escaper;
        }

        void emit(List<Element> elements) {
            for (Element element : elements) {
                int keep = 0;
                while (keep < stack.size() && (element.marks() & stack.get(keep).mark()) != 0) {
                    keep++;
                }
                closeTo(keep);
                String text = element.run() != null ? element.run().text() : null;
                String lead = text == null ? element.lead() : text.substring(0, leadEnd(text));
                String rest = text == null ? null : text.substring(lead.length());
                String core = rest == null ? null : rest.substring(0, trailStart(rest));
                text(pendingSpace + lead);
                pendingSpace = "";
                for (int mark : ORDER) {
                    if ((element.marks() & mark) != 0 && !isOpen(mark)) {
                        Emphasis open = Emphasis.open(mark);
                        stack.add(open);
                        tokens.add(open);
                    }
                }
                if (element.linkRuns() != null) {
                    raw("[");
                    Sequence inner = new Sequence(tokens, escaper);
                    List<Element> members = new ArrayList<>();
                    for (Run run : element.linkRuns()) {
                        members.add(new Element(run.marks(), run));
                    }
                    inner.emit(blanks(members));
                    raw("](" + element.destination() + ")");
                    pendingSpace = element.trail();
                } else if (core != null) {
                    text(core);
                    pendingSpace = rest.substring(core.length());
                } else {
                    raw(element.run().markdown());
                }
            }
            closeTo(0);
            text(pendingSpace);
            pendingSpace = "";
        }

        // a loop, not a stream: this runs for every rich-text segment, and a stream here makes emit too big to
        // compile quickly
        private boolean isOpen(int mark) {
            for (Emphasis open : stack) {
                if (open.mark() == mark) {
                    return true;
                }
            }
            return false;
        }

        private void closeTo(int keep) {
            for (int i = stack.size() - 1; i >= keep; i--) {
                tokens.add(stack.remove(i).close());
            }
        }

        private void text(String text) {
            if (!text.isEmpty()) {
                tokens.add(escaper.escape(text));
            }
        }

        private void raw(String markdown) {
            tokens.add(markdown);
            escaper.markup();
        }

        static int leadEnd(String text) {
            int i = 0;
            while (i < text.length() && Emphasis.whitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }

        static int trailStart(String text) {
            int i = text.length();
            while (i > 0 && Emphasis.whitespace(text.charAt(i - 1))) {
                i--;
            }
            return i;
        }
    }
}
