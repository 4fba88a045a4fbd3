package dev.notionsync.cli;

import dev.notionsync.core.export.ExportSpec;
import dev.notionsync.core.export.ExportWriter;
import dev.notionsync.writers.CsvOptions;
import dev.notionsync.writers.CsvWriter;
import dev.notionsync.writers.HtmlWriter;
import dev.notionsync.writers.JsonWriter;
import dev.notionsync.writers.MarkdownWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * What an export fetches and writes (formats, comments, front matter, CSV cells, attachments, concurrency): the one
 * {@code @Mixin} of {@code export} and {@code watch}, so a watched folder is written exactly as an export writes it.
 * {@link ConfigLayering} fills what the command line does not give from the configuration file.
 */
final class ContentOptions {

    @Option(names = "--formats", paramLabel = "LIST", split = ",", defaultValue = "json,markdown,html,csv",
            description = "Formats to write, comma-separated: json, markdown, html, csv, or the name of a writer "
                    + "plugin on the class path (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--comments", paramLabel = "SCOPE", defaultValue = "page",
            description = "Comments to export: none, page (default) or all (also inline comments on every block: "
                    + "one more request per block).")
    String comments;

    @Option(names = "--no-front-matter", negatable = false,
            description = "Do not start Markdown files with YAML front matter.")
    boolean noFrontMatter;

    @Option(names = "--csv-raw", negatable = false,
            description = "Write CSV cells exactly as in Notion, for programs; by default a cell starting with "
                    + "=, +, -, @, tab or CR gets a ' in front so spreadsheets do not run it as a formula.")
    boolean csvRaw;

    @Option(names = "--no-attachments", negatable = false,
            description = "Do not download Notion-hosted files; link them instead (their links expire after an hour).")
    boolean noAttachments;

    @Option(names = "--max-file-size", paramLabel = "MB",
            description = "Largest file to download, in megabytes; larger ones stay links and are reported.")
    Long maxFileMegabytes;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Pages fetched at the same time (default: ${DEFAULT-VALUE}).")
    int concurrency;

    /** Sets the writers and every content option of this group on {@code builder}; a bad value is a usage error. */
    ExportSpec.Builder applyTo(ExportSpec.Builder builder, CommandLine commandLine) {
        // said here in the user's units: the spec would name its own field, in bytes
        if (concurrency < 1) {
            throw new ParameterException(commandLine, "--concurrency must be 1 or more, not " + concurrency);
        }
        if (maxFileMegabytes != null && maxFileMegabytes < 1) {
            throw new ParameterException(commandLine, "--max-file-size must be 1 (MB) or more, not "
                    + maxFileMegabytes);
        }
        builder.writers(writers(commandLine))
                .comments(commentScope(commandLine))
                .frontMatter(!noFrontMatter)
                .attachments(!noAttachments)
                .concurrency(concurrency);
        if (maxFileMegabytes != null) {
            builder.maxFileBytes(Math.multiplyExact(maxFileMegabytes, 1024L * 1024L));
        }
        return builder;
    }

    /** The writers of the {@code --formats} list. */
    List<ExportWriter> writers(CommandLine commandLine) {
        Set<String> names = new LinkedHashSet<>();
        for (String format : formats) {
            names.add(format.trim().toLowerCase(Locale.ROOT));
        }
        List<ExportWriter> writers = new ArrayList<>();
        for (String name : names) {
            writers.add(switch (name) {
                case "json" -> JsonWriter.create();
                case "markdown", "md" -> MarkdownWriter.create();
                case "html" -> HtmlWriter.create();
                case "csv" -> CsvWriter.create(CsvOptions.builder().neutralizeFormulas(!csvRaw).build());
                default -> plugin(name).orElseThrow(() -> new ParameterException(commandLine,
                        "unknown format '" + name + "' (known: json, markdown, html, csv)"));
            });
        }
        if (writers.isEmpty()) {
            throw new ParameterException(commandLine, "--formats needs at least one format");
        }
        return writers;
    }

    /** A writer on the class path (declared for {@link ServiceLoader}) whose {@link ExportWriter#name()} is the format. */
    private static Optional<ExportWriter> plugin(String name) {
        return ServiceLoader.load(ExportWriter.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(writer -> name.equals(writer.name()))
                .findFirst();
    }

    private ExportSpec.Comments commentScope(CommandLine commandLine) {
        try {
            return ExportSpec.Comments.valueOf(comments.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ParameterException(commandLine,
                    "unknown --comments scope '" + comments + "' (known: none, page, all)");
        }
    }
}
