package dev.notionsync.writers;

import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.BulletListItem;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedList;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the structure a Markdown reader sees, not just the text: lists, nesting, tables, fences. */
class MarkdownStructureTests {

    @Test
    void numberedListsRestartAfterOtherBlocksAndHonourTheStartIndex() {
        Document doc = Flexmark.parse(Fixtures.load("lists").markdown());
        List<String> lists = new ArrayList<>();
        for (OrderedList list : all(doc, OrderedList.class)) {
            List<String> items = new ArrayList<>();
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                items.add(Flexmark.text(item.getFirstChild()));
            }
            lists.add(list.getStartNumber() + ":" + String.join("|", items));
        }
        assertEquals(List.of(
                "1:One|Two|Three",
                "1:Two point one|Two point two",
                "1:One again",
                "1:Restarted after an empty line",
                "5:Five|Six"), lists);
    }

    @Test
    void aParagraphInsideANumberedItemStaysInTheItem() {
        Document doc = Flexmark.parse(Fixtures.load("lists").markdown());
        ListItem three = all(doc, ListItem.class).stream()
                .filter(item -> Flexmark.text(item.getFirstChild()).equals("Three")).findFirst().orElseThrow();
        assertEquals("A paragraph inside item three.", Flexmark.text(three.getFirstChild().getNext()));
    }

    @Test
    void bulletsNestThreeLevels() {
        Document doc = Flexmark.parse(Fixtures.load("lists").markdown());
        BulletList top = all(doc, BulletList.class).get(0);
        BulletListItem fruit = (BulletListItem) top.getFirstChild();
        assertEquals("Fruit", Flexmark.text(fruit.getFirstChild()));
        BulletListItem apple = (BulletListItem) fruit.getFirstChild().getNext().getFirstChild();
        assertEquals("Apple", Flexmark.text(apple.getFirstChild()));
        BulletListItem cox = (BulletListItem) apple.getFirstChild().getNext().getFirstChild();
        assertEquals("Cox", Flexmark.text(cox.getFirstChild()));
        assertEquals("Pear", Flexmark.text(apple.getNext().getFirstChild()));
        assertEquals("Vegetables", Flexmark.text(fruit.getNext().getFirstChild()));
        // The list after the empty paragraph is a list of its own, as in Notion.
        assertEquals("A second list after an empty line",
                Flexmark.text(all(doc, BulletList.class).get(3).getFirstChild().getFirstChild()));
    }

    @Test
    void columnsKeepReadingOrder() {
        List<String> texts = Flexmark.blockTexts(Fixtures.load("structure").markdown());
        int left = texts.indexOf("Left first");
        assertTrue(left > 0);
        assertEquals(List.of("Left first", "left bullet", "right bullet", "Right last"), texts.subList(left, left + 4));
    }

    @Test
    void toggleHeadingIsAHeadingFollowedByItsChildren() {
        Document doc = Flexmark.parse(Fixtures.load("text-blocks").markdown());
        Heading heading = all(doc, Heading.class).stream()
                .filter(h -> Flexmark.text(h).equals("Toggle heading")).findFirst().orElseThrow();
        assertEquals(2, heading.getLevel());
        assertInstanceOf(Paragraph.class, heading.getNext());
        assertEquals("Hidden under the heading.", Flexmark.text(heading.getNext()));
        assertInstanceOf(BulletList.class, heading.getNext().getNext());
    }

    @Test
    void tableWithHeaderRowAndHeaderColumn() {
        Document doc = Flexmark.parse(Fixtures.load("tables").markdown());
        TableHead head = all(doc, TableHead.class).get(0);
        assertEquals(List.of("", "Price", "Notes"), cells(head.getFirstChild()));
        TableBody body = all(doc, TableBody.class).get(0);
        TableRow apple = (TableRow) body.getFirstChild();
        assertEquals(List.of("Apple", "1.50", "red | green"), cells(apple));
        assertInstanceOf(StrongEmphasis.class, apple.getFirstChild().getFirstChild());
        assertEquals(List.of("Pear", "2", "line one\nline two"), cells(apple.getNext()));
        assertEquals(List.of("Kiwi", "a|b", ""), cells(apple.getNext().getNext()));
    }

    @Test
    void tableWithoutHeaderRowKeepsEveryRowInTheBody() {
        Document doc = Flexmark.parse(Fixtures.load("tables").markdown());
        assertEquals(List.of("", ""), cells(all(doc, TableHead.class).get(1).getFirstChild()));
        TableBody body = all(doc, TableBody.class).get(1);
        assertEquals(List.of("a1", "b1"), cells(body.getFirstChild()));
        assertEquals(List.of("a2", ""), cells(body.getFirstChild().getNext()));
    }

    @Test
    void codeFenceIsLongerThanAnyFenceInside() {
        Document doc = Flexmark.parse(Fixtures.load("code").markdown());
        List<FencedCodeBlock> blocks = all(doc, FencedCodeBlock.class);
        assertEquals(5, blocks.size());
        assertEquals("markdown", blocks.get(1).getInfo().toString());
        assertEquals("Markdown with a fence:\n```js\nlet a = 1;\n```\n", blocks.get(1).getContentChars().toString());
        assertEquals("mermaid", blocks.get(2).getInfo().toString());
        assertEquals("graph TD;\n  A-->B;\n", blocks.get(2).getContentChars().toString());
        assertEquals("cpp", blocks.get(4).getInfo().toString());
    }

    @Test
    void codeInsideAToggleStaysInTheListItem() {
        Document doc = Flexmark.parse(Fixtures.load("toggles").markdown());
        FencedCodeBlock code = all(doc, FencedCodeBlock.class).get(0);
        assertInstanceOf(BulletListItem.class, code.getParent());
        assertEquals("println(1)\n", code.getContentChars().toString());
    }

    private static List<String> cells(Node row) {
        List<String> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            if (cell instanceof TableCell) {
                cells.add(Flexmark.text(cell).strip());
            }
        }
        return cells;
    }

    static <T extends Node> List<T> all(Node root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> found) {
        if (type.isInstance(node)) {
            found.add(type.cast(node));
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, type, found);
        }
    }
}
