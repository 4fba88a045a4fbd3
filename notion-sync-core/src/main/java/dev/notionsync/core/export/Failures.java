package dev.notionsync.core.export;

import dev.notionsync.core.FailureKind;
import dev.notionsync.core.NotionException;
import dev.notionsync.core.Secrets;

/** Classifies what went wrong with one object into the stable reasons of {@link ExportEvent.Reasons}. */
final class Failures {

    private Failures() {
    }

    static String reason(Throwable error) {
        FailureKind kind = kind(error);
        if (kind == null) {
            return "error";
        }
        return switch (kind) {
            case MALFORMED_RESPONSE -> ExportEvent.Reasons.MALFORMED_RESPONSE;
            case CURSOR_LOOP -> ExportEvent.Reasons.CURSOR_LOOP;
            case THROTTLED, FAULT, TIMEOUT, CONNECTION_FAILED, OUTAGE -> ExportEvent.Reasons.GAVE_UP;
            case LINKED_DATABASE -> ExportEvent.Reasons.LINKED_DATABASE;
            case NOT_FOUND -> ExportEvent.Reasons.UNSHARED;
            case FORBIDDEN -> ExportEvent.Reasons.FORBIDDEN;
            case UNAUTHORIZED, UNREACHABLE, BAD_REQUEST -> ExportEvent.Reasons.BAD_REQUEST;
            case DOWNLOAD_FAILED -> ExportEvent.Reasons.DOWNLOAD_FAILED;
            case TOO_LARGE -> ExportEvent.Reasons.FILE_TOO_LARGE;
        };
    }

    /** The kind of a failure: the one its exception was given where it was met, or null for any other error. */
    static FailureKind kind(Throwable error) {
        if (error instanceof NotionException notion) {
            return notion.kind();
        }
        return error instanceof Attachments.DownloadException download ? download.kind() : null;
    }

    /**
     * Whether a failure is no problem of one object but of the whole export, which stops: a refused token, an API
     * that cannot be reached, an outage longer than the client waits out (a rerun resumes).
     */
    static boolean stopsExport(Throwable error) {
        return is(error, FailureKind.UNAUTHORIZED, FailureKind.UNREACHABLE, FailureKind.OUTAGE);
    }

    /** Whether a failure is of one of some kinds. */
    static boolean is(Throwable error, FailureKind... kinds) {
        FailureKind kind = kind(error);
        for (FailureKind candidate : kinds) {
            if (candidate == kind) {
                return true;
            }
        }
        return false;
    }

    static ExportEvent failed(String id, Throwable error) {
        return new ExportEvent.PageFailed(id, reason(error), message(error));
    }

    /**
     * A failure of a listed or child object is a gap in the export; a linked database, or a link or mention to
     * something the token cannot see, is an expected gap and only skipped.
     */
    static ExportEvent event(Work work, Throwable error) {
        String id = work.id();
        Work.Origin origin = work.origin();
        String reason = reason(error);
        if (work instanceof Work.DatabaseWork && origin == Work.Origin.CHILD
                && ExportEvent.Reasons.UNSHARED.equals(reason)) {
            // a child database of a readable page is shared with it; when it still cannot be read it is a linked
            // database: a view of a database that lives elsewhere, which the API does not expose
            return new ExportEvent.Skipped(id, ExportEvent.Reasons.LINKED_DATABASE,
                    "linked database (a view of a database elsewhere; export that database itself): "
                            + message(error));
        }
        boolean expected = ExportEvent.Reasons.LINKED_DATABASE.equals(reason)
                || origin == Work.Origin.REFERENCE && (ExportEvent.Reasons.UNSHARED.equals(reason)
                        || ExportEvent.Reasons.FORBIDDEN.equals(reason));
        return expected ? new ExportEvent.Skipped(id, reason, message(error))
                : new ExportEvent.PageFailed(id, reason, message(error));
    }

    static String message(Throwable error) {
        String message = error instanceof NotionException notion
                ? notion.getMessage() + notion.requestId().map(id -> " (request_id " + id + ")").orElse("")
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        // every event message ends up in the report and on screen; whatever a failure quotes, no token does
        return Secrets.redact(message);
    }
}
