package dev.notionsync.cli;

/**
 * The CLI's exit codes. Distinct codes let scripts tell a refused token from a network outage or a partial export.
 */
final class ExitCodes {

    /** Everything exported. */
    static final int OK = 0;
    /** An unexpected failure. */
    static final int FAILED = 1;
    /** Bad arguments or configuration (picocli's usage code). */
    static final int USAGE = 2;
    /** Notion refused the token (401). */
    static final int UNAUTHORIZED = 3;
    /** The API could not be reached. */
    static final int UNREACHABLE = 4;
    /** The export finished, but some objects could not be exported; see the report. */
    static final int PARTIAL = 5;
    /**
     * The output folder could not be created or written: among others a full disk, or a folder of the tool (a format
     * folder, {@code files/}, {@code .notion-sync/}) that is a symbolic link.
     */
    static final int OUTPUT = 6;
    /**
     * Notion was unavailable (every request failed) for longer than {@code --max-outage}: the export stopped, what it
     * wrote is kept, and a rerun resumes.
     */
    static final int OUTAGE = 7;
    /** {@code verify} found something wrong with the export folder (one line per problem on stdout). */
    static final int DAMAGED = 8;
    /** Ctrl-C or SIGTERM stopped the export; what was done is kept and a rerun resumes (128 + SIGINT, as shells do). */
    static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
