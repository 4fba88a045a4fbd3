package dev.notionsync.writers;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.yaml.front.matter.YamlFrontMatterExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;

import java.util.ArrayList;
import java.util.List;

/** Parses generated Markdown the way a reader would and collects the text each block shows. */
final class Flexmark {

    private static final MutableDataSet OPTIONS = new MutableDataSet().set(Parser.EXTENSIONS, List.of(
            TablesExtension.create(), StrikethroughExtension.create(), TaskListExtension.create(),
            YamlFrontMatterExtension.create()));
    private static final Parser PARSER = Parser.builder(OPTIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder(OPTIONS).build();

    private Flexmark() {
    }

    static Document parse(String markdown) {
        return PARSER.parse(markdown);
    }

    static String html(String markdown) {
        return HTML.render(parse(markdown)).strip();
    }

    /** The text of every paragraph, heading, table cell and code block, in document order. */
    static List<String> blockTexts(String markdown) {
        List<String> texts = new ArrayList<>();
        collect(parse(markdown), texts);
        return texts;
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Paragraph || node instanceof Heading || node instanceof TableCell) {
            StringBuilder text = new StringBuilder();
            inline(node, text, node instanceof TableCell);
            texts.add(text.toString());
            return;
        }
        if (node instanceof FencedCodeBlock code) {
            texts.add(code.getContentChars().toString());
            return;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, texts);
        }
    }

    /** The text a reader sees: escapes and entities resolved, line breaks as {@code \n}, HTML tags dropped. */
    static String text(Node node) {
        StringBuilder text = new StringBuilder();
        inline(node, text, node instanceof TableCell);
        return text.toString();
    }

    private static void inline(Node node, StringBuilder out, boolean cell) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text) {
                out.append(child.getChars().unescape());
            } else if (child instanceof HtmlEntity) {
                out.append(child.getChars().unescape());
            } else if (child instanceof Code code) {
                String content = code.getText().toString();
                // CommonMark strips one space on each side when both are there; flexmark keeps them in the node.
                if (content.length() > 1 && content.startsWith(" ") && content.endsWith(" ") && !content.isBlank()) {
                    content = content.substring(1, content.length() - 1);
                }
                out.append(cell ? content.replace("\\|", "|") : content);
            } else if (child instanceof HardLineBreak || child instanceof SoftLineBreak) {
                out.append('\n');
            } else if (child instanceof HtmlInline html) {
                if (html.getChars().toString().equalsIgnoreCase("<br>")) {
                    out.append('\n');
                }
            } else if (child instanceof Image image) {
                out.append(image.getText().unescape());
            } else {
                inline(child, out, cell);
            }
        }
    }
}
