package dev.notionsync.core.export;

import dev.notionsync.core.NotionException;
import dev.notionsync.core.NotionNonTransientException;
import dev.notionsync.core.NotionTransientException;
import dev.notionsync.core.Secrets;

import java.util.Locale;

/** Classifies what went wrong with one object into the stable reasons of {@link ExportEvent.Reasons}. */
final class Failures {

    private Failures() {
    }

    static String reason(Throwable error) {
        if (error instanceof NotionException notion && ExportEvent.Reasons.MALFORMED_RESPONSE.equals(notion.code())) {
            return ExportEvent.Reasons.MALFORMED_RESPONSE;
        }
        if (error instanceof NotionException notion && ExportEvent.Reasons.CURSOR_LOOP.equals(notion.code())) {
            return ExportEvent.Reasons.CURSOR_LOOP;
        }
        if (error instanceof NotionTransientException) {
            return ExportEvent.Reasons.GAVE_UP;
        }
        if (error instanceof NotionNonTransientException notion) {
            String message = String.valueOf(notion.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("linked database") || message.contains("does not contain any data sources")) {
                return ExportEvent.Reasons.LINKED_DATABASE;
            }
            return switch (notion.status()) {
                case 404 -> ExportEvent.Reasons.UNSHARED;
                case 403 -> ExportEvent.Reasons.FORBIDDEN;
                default -> ExportEvent.Reasons.BAD_REQUEST;
            };
        }
        return "error";
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
