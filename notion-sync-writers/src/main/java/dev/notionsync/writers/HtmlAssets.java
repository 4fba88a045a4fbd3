package dev.notionsync.writers;

import dev.notionsync.core.export.ExportEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static files of the site in {@code html/assets/}: the style sheet, {@code site.js} (the sidebar, the title
 * search and the math typesetting) and KaTeX, copied from its WebJar on the class path (script, style sheet and the
 * WOFF2 fonts the style sheet names). Every page loads scripts and styles from this folder only; without the WebJar,
 * equations stay readable as their LaTeX source.
 */
final class HtmlAssets {

    /** The folder below {@code html/}. */
    static final String DIR = "assets";
    /** The data file written at the end, which {@code site.js} reads. */
    static final String SITE_DATA = DIR + "/site-data.js";

    private static final String KATEX_POM = "META-INF/maven/org.webjars.npm/katex/pom.properties";
    private static final Pattern FONT = Pattern.compile("fonts/([A-Za-z0-9_-]+\\.woff2)");

    private HtmlAssets() {
    }

    /**
     * Writes the static files.
     *
     * @param sink the HTML writer's sink
     * @param prefix the writer's folder with a trailing {@code /}
     * @return what was written or failed, and whether KaTeX was written
     */
    static Written write(FileSink sink, String prefix) {
        List<ExportEvent> events = new ArrayList<>();
        for (String name : List.of("style.css", "site.js")) {
            byte[] bytes = resource(HtmlAssets.class, name);
            events.add(sink.writeWhole(DIR, prefix + DIR + "/" + name, out -> out.write(bytes)));
        }
        String katex = katexRoot();
        if (katex == null) {
            return new Written(events, false);
        }
        byte[] css = resource(null, katex + "katex.min.css");
        Set<String> files = new LinkedHashSet<>(List.of("katex.min.js", "katex.min.css"));
        Matcher fonts = FONT.matcher(new String(css, StandardCharsets.UTF_8));
        while (fonts.find()) {
            files.add("fonts/" + fonts.group(1));
        }
        for (String file : files) {
            byte[] bytes = resource(null, katex + file);
            events.add(sink.writeWhole(DIR, prefix + DIR + "/katex/" + file, out -> out.write(bytes)));
        }
        return new Written(events, events.stream().noneMatch(ExportEvent.PageFailed.class::isInstance));
    }

    /**
     * What {@link #write} did.
     *
     * @param events each file written ({@link ExportEvent.OutputWritten}) or not ({@link ExportEvent.PageFailed})
     * @param katex whether KaTeX is in place, so pages may load it
     */
    record Written(List<ExportEvent> events, boolean katex) {
    }

    /** The folder of KaTeX's {@code dist} files inside the WebJar, or {@code null} when it is not there. */
    private static String katexRoot() {
        try (InputStream in = HtmlAssets.class.getClassLoader().getResourceAsStream(KATEX_POM)) {
            if (in == null) {
                return null;
            }
            Properties pom = new Properties();
            pom.load(in);
            String version = pom.getProperty("version", "");
            return version.isEmpty() ? null : "META-INF/resources/webjars/katex/" + version + "/dist/";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + KATEX_POM, e);
        }
    }

    private static byte[] resource(Class<?> near, String name) {
        try (InputStream in = near != null ? near.getResourceAsStream(name)
                : HtmlAssets.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(name + " is missing from the class path"));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the class path", e);
        }
    }
}
