package dev.notionsync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of the folder an export writes into, made before anything is sent so a typo costs no requests. */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Fails with exit code {@link ExitCodes#OUTPUT} when {@code out} is an existing file (the engine would only say
     * that it cannot create a folder there), and with {@link ExitCodes#USAGE} when it is empty.
     *
     * @param option the option that named the folder, for the message
     */
    static Path require(Path out, String option) {
        if (out.toString().isBlank()) {
            // Path.of("") is the working directory: an empty variable in a script would export into it
            throw new IllegalArgumentException(option + " needs a folder name, not an empty one");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UncheckedIOException(option + " " + out + " is a file, not a folder: give a folder (a missing "
                    + "one is created)", new IOException("not a directory: " + out));
        }
        return out;
    }
}
