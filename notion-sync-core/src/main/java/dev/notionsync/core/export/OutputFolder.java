package dev.notionsync.core.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folders an export writes in its output folder: one per writer (named after it), {@code files/} and the state
 * directory. Checked before anything is written, and the only places where leftover temporary files are removed:
 * the rest of the output folder belongs to the user.
 */
final class OutputFolder {

    /** Where downloaded attachments go. */
    static final String FILES = "files";

    private OutputFolder() {
    }

    /** The folders the tool writes for a spec, relative to the output folder. */
    static Set<String> owned(ExportSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        for (ExportWriter writer : spec.writers()) {
            String name = writer.name();
            // a writer name that is no plain folder name cannot be one of its folders
            if (name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                names.add(name);
            }
        }
        names.add(FILES);
        names.add(StateDirectory.NAME);
        return names;
    }

    /**
     * Refuses a folder of the tool that is a symbolic link: writing through it would put files outside the output
     * folder, wherever the link points.
     *
     * @throws UncheckedIOException naming the link and its target
     */
    static void checkNoLinks(Path outputDir, Set<String> owned) {
        for (String name : owned) {
            Path folder = outputDir.resolve(name);
            if (Files.isSymbolicLink(folder)) {
                String target;
                try {
                    target = String.valueOf(Files.readSymbolicLink(folder));
                } catch (IOException | UnsupportedOperationException e) {
                    target = "elsewhere";
                }
                String reason = "is a symbolic link to " + target + "; notion-sync writes only into real folders "
                        + "inside the output folder: replace the link with a folder, or choose another --out";
                throw new UncheckedIOException(folder + " " + reason,
                        new FileSystemException(folder.toString(), null, reason));
            }
        }
    }

    /**
     * Removes the temporary files a killed run left: only names {@link ExportFiles#temporaryName(String)} makes, and
     * only in the tool's folders and directly in the output folder.
     */
    static void removeTemporaryFiles(Path outputDir, Set<String> owned) {
        List<Path> leftovers = new ArrayList<>();
        try {
            try (Stream<Path> top = Files.list(outputDir)) {
                top.filter(OutputFolder::isLeftover).forEach(leftovers::add);
            }
            for (String name : owned) {
                Path folder = outputDir.resolve(name);
                if (Files.isDirectory(folder) && !Files.isSymbolicLink(folder)) {
                    try (Stream<Path> files = Files.walk(folder)) {
                        files.filter(OutputFolder::isLeftover).forEach(leftovers::add);
                    }
                }
            }
        } catch (IOException error) {
            throw unreadable(outputDir, error);
        } catch (UncheckedIOException error) {
            throw unreadable(outputDir, error.getCause());
        }
        for (Path leftover : leftovers) {
            try {
                Files.deleteIfExists(leftover);
            } catch (IOException ignored) {
                // left for the next run
            }
        }
    }

    private static UncheckedIOException unreadable(Path outputDir, IOException error) {
        return new UncheckedIOException("cannot read the output folder " + outputDir + ": " + error.getMessage(),
                error);
    }

    private static boolean isLeftover(Path path) {
        return ExportFiles.isTemporary(path.getFileName().toString()) && Files.isRegularFile(path);
    }
}
