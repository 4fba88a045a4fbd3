package dev.notionsync.writers;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.HtmlInlineComment;
import com.vladsch.flexmark.ast.HtmlInnerBlock;
import com.vladsch.flexmark.ast.HtmlInnerBlockComment;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.IndependentLinkResolverFactory;
import com.vladsch.flexmark.html.LinkResolver;
import com.vladsch.flexmark.html.renderer.AttributablePart;
import com.vladsch.flexmark.html.renderer.LinkResolverBasicContext;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.html.renderer.LinkType;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.html.Attribute;
import com.vladsch.flexmark.util.html.MutableAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts the Markdown of {@link MarkdownRenderer} to HTML with flexmark (GFM tables, strikethrough, task lists),
 * and makes the result fit for the {@code html/} folder and safe to open:
 * <ul>
 *   <li>relative links to {@code X.md} become links to {@code X.html}; files ({@code ../files/...}) stay;</li>
 *   <li>links and images whose URL has a scheme other than http(s), mailto and tel (images: also
 *       {@code data:image/}) lose their {@code href} or {@code src}, so {@code javascript:} is never clickable;</li>
 *   <li>raw HTML is kept only for the few tags the Markdown renderer writes itself ({@code <br>}, {@code <u>},
 *       {@code <strong>}, {@code <em>}, {@code <del>}, and {@code <!-- -->} separators, dropped); anything else is
 *       shown as text;</li>
 *   <li>headings get the GitHub-style ids that the Markdown table of contents links to.</li>
 * </ul>
 * Thread-safe.
 */
final class HtmlMarkdown {

    private static final Pattern ALLOWED_TAG = Pattern.compile("(?i)</?(?:strong|em|del|u|s|b|i|sub|sup)>|<br\\s*/?>");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private static final DataHolder OPTIONS = new MutableDataSet()
            .set(Parser.EXTENSIONS, List.of(TablesExtension.create(), StrikethroughExtension.create(),
                    TaskListExtension.create()))
            // shown as their text; the attribute provider below catches what this pattern cannot see
            .set(HtmlRenderer.SUPPRESSED_LINKS,
                    "(?is)[\\x00-\\x20]*(?:(?:javascript|vbscript|file):|data:(?!image/(?!svg))).*")
            .toImmutable();
    private static final Parser PARSER = Parser.builder(OPTIONS).build();
    private static final HtmlRenderer WITH_IDS = renderer(true);
    private static final HtmlRenderer WITHOUT_IDS = renderer(false);

    private HtmlMarkdown() {
    }

    /**
     * Converts a document body; headings get ids.
     *
     * @param markdown the Markdown
     * @return the HTML
     */
    static String body(String markdown) {
        return WITH_IDS.render(PARSER.parse(markdown));
    }

    /**
     * Converts a fragment whose headings must not take ids (a page's title, which the table of contents ignores).
     *
     * @param markdown the Markdown
     * @return the HTML
     */
    static String fragment(String markdown) {
        return WITHOUT_IDS.render(PARSER.parse(markdown));
    }

    /**
     * Rewrites a relative link to a Markdown document into a link to its HTML page.
     *
     * @param url the link destination
     * @return the destination in the {@code html/} folder
     */
    static String htmlLink(String url) {
        if (url.isEmpty() || url.startsWith("#") || url.startsWith("/") || SCHEME.matcher(url).find()) {
            return url;
        }
        int end = url.length();
        int hash = url.indexOf('#');
        int query = url.indexOf('?');
        end = hash >= 0 ? Math.min(end, hash) : end;
        end = query >= 0 ? Math.min(end, query) : end;
        String path = url.substring(0, end);
        return path.endsWith(".md") ? path.substring(0, path.length() - 3) + ".html" + url.substring(end) : url;
    }

    private static HtmlRenderer renderer(boolean headingIds) {
        return HtmlRenderer.builder(OPTIONS)
                .nodeRendererFactory(options -> new RawHtml())
                .linkResolverFactory(new IndependentLinkResolverFactory() {
                    @Override
                    public LinkResolver apply(LinkResolverBasicContext context) {
                        return (node, ctx, link) -> link.getLinkType() == LinkType.LINK
                                ? link.withUrl(htmlLink(link.getUrl())) : link;
                    }
                })
                .attributeProviderFactory(new IndependentAttributeProviderFactory() {
                    @Override
                    public AttributeProvider apply(LinkResolverContext context) {
                        return new Attributes(headingIds);
                    }
                })
                .build();
    }

    /** Drops unsafe URLs and gives headings their anchors; one instance per document, for the repeat count. */
    private static final class Attributes implements AttributeProvider {

        private final boolean headingIds;
        private final Map<String, Integer> seen = new HashMap<>();

        Attributes(boolean headingIds) {
            this.headingIds = headingIds;
        }

        @Override
        public void setAttributes(Node node, AttributablePart part, MutableAttributes attributes) {
            if (node instanceof Link && part == AttributablePart.LINK) {
                unsafe(attributes, "href", false);
            } else if (node instanceof Image && part == AttributablePart.LINK) {
                unsafe(attributes, "src", true);
            } else if (node instanceof Heading heading && part == AttributablePart.NODE && headingIds) {
                String slug = Links.slug(new TextCollectingVisitor().collectAndGetText(heading));
                int count = seen.merge(slug, 1, Integer::sum);
                attributes.replaceValue("id", count == 1 ? slug : slug + "-" + (count - 1));
            }
        }

        private static void unsafe(MutableAttributes attributes, String name, boolean image) {
            Attribute url = attributes.get(name);
            if (url != null && !Html.safeUrl(url.getValue(), image)) {
                attributes.remove(name);
            }
        }
    }

    /** Raw HTML in the Markdown: the renderer's own few tags pass, everything else is shown as text. */
    private static final class RawHtml implements NodeRenderer {

        @Override
        public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
            return Set.of(
                    new NodeRenderingHandler<>(HtmlInline.class, (node, context, html) -> {
                        String tag = node.getChars().toString();
                        if (ALLOWED_TAG.matcher(tag).matches()) {
                            html.raw(tag);
                        } else {
                            html.text(tag);
                        }
                    }),
                    new NodeRenderingHandler<>(HtmlInlineComment.class, (node, context, html) -> {
                    }),
                    new NodeRenderingHandler<>(HtmlCommentBlock.class, (node, context, html) -> {
                    }),
                    new NodeRenderingHandler<>(HtmlInnerBlockComment.class, (node, context, html) -> {
                    }),
                    new NodeRenderingHandler<>(HtmlBlock.class, (node, context, html) -> {
                        html.tag("p").text(node.getChars().trimEnd().toString()).tag("/p").line();
                    }),
                    new NodeRenderingHandler<>(HtmlInnerBlock.class, (node, context, html) -> {
                        html.text(node.getChars().toString());
                    }));
        }
    }
}
