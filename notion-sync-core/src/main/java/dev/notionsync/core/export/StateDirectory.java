package dev.notionsync.core.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The export's own folder inside the output folder: state, logs in progress, the lock of a running export. */
final class StateDirectory {

    /** Its name; hidden on Unix, and ignored by the writers. */
    static final String NAME = ".notion-sync";

    private StateDirectory() {
    }

    static Path of(Path outputDir) throws IOException {
        return Files.createDirectories(outputDir.resolve(NAME));
    }
}
