package dev.notionsync.cli;

import dev.notionsync.core.FailureKind;
import dev.notionsync.core.NotionException;
import dev.notionsync.core.Secrets;
import picocli.CommandLine;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * Turns the failures a user can cause or meet (refused token, unreachable API, unwritable folder) into one clear
 * line and an exit code. Stack traces only for real bugs, and only with {@code --debug}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
        Throwable cause = unreachedOrRefused(unwrap(error));
        // messages are redacted where server text enters; this line is printed, logged and pasted into issues
        command.getErr().println("notion-sync: " + Secrets.redact(message(cause), token(command)));
        int code = exitCode(cause);
        if (code == ExitCodes.FAILED && parsed.hasMatchedOption("--debug")) {
            cause.printStackTrace(command.getErr());
        }
        return code;
    }

    private static String token(CommandLine command) {
        ConnectionOptions connection = ConnectionOptions.of(command);
        return connection == null ? null : connection.token;
    }

    /**
     * The refused token, outage or unreached API behind a failure that wraps it (a restore that could not check its
     * target page, say): its own message and exit code say more than the wrapper's.
     */
    private static Throwable unreachedOrRefused(Throwable error) {
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof NotionException notion && (notion.kind() == FailureKind.UNAUTHORIZED
                    || notion.kind() == FailureKind.OUTAGE || noAnswer(notion))) {
                return notion;
            }
        }
        return error;
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof RuntimeException && !(current instanceof NotionException)
                && !(current instanceof UncheckedIOException) && !(current instanceof IllegalArgumentException)
                && !(current instanceof IllegalStateException)) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static int exitCode(Throwable error) {
        if (error instanceof NotionException notion && notion.kind() == FailureKind.UNAUTHORIZED) {
            return ExitCodes.UNAUTHORIZED;
        }
        if (error instanceof NotionException notion && notion.kind() == FailureKind.OUTAGE) {
            return ExitCodes.OUTAGE;
        }
        if (error instanceof NotionException notion && noAnswer(notion)) {
            return ExitCodes.UNREACHABLE;
        }
        if (error instanceof UncheckedIOException || error instanceof FileSystemException) {
            return ExitCodes.OUTPUT;
        }
        if (error instanceof IllegalArgumentException || error instanceof ConfigFile.ConfigException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILED;
    }

    /** No answer came: the host is unknown, the connection failed, or the answer did not arrive in time. */
    private static boolean noAnswer(NotionException notion) {
        return switch (notion.kind()) {
            case UNREACHABLE, CONNECTION_FAILED, TIMEOUT -> true;
            default -> false;
        };
    }

    static String message(Throwable error) {
        if (error instanceof NotionException notion && notion.kind() == FailureKind.UNAUTHORIZED) {
            return "Notion refused the token (401 unauthorized). Check NOTION_TOKEN or --token, and that the "
                    + "integration is connected to the pages you want to export.";
        }
        if (error instanceof NotionException notion && notion.kind() == FailureKind.OUTAGE) {
            return "Notion was unavailable for longer than --max-outage allows (" + notion.getMessage()
                    + "). The export stopped; everything written so far is kept, and rerunning the same command "
                    + "resumes it.";
        }
        if (error instanceof NotionException notion && notion.kind() == FailureKind.TIMEOUT) {
            return "cannot reach the Notion API: " + notion.getMessage() + ". Check --api-url / NOTION_API_URL and "
                    + "your network, or allow more time with --connect-timeout / --read-timeout.";
        }
        if (error instanceof NotionException notion && noAnswer(notion)) {
            return "cannot reach the Notion API: " + notion.getMessage()
                    + ". Check --api-url / NOTION_API_URL and your network.";
        }
        if (error instanceof UncheckedIOException io) {
            return io.getMessage();
        }
        String message = error.getMessage();
        return message != null ? message : error.getClass().getSimpleName();
    }
}
