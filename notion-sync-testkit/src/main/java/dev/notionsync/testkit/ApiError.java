package dev.notionsync.testkit;

/** A Notion API error to answer with; thrown by endpoint code, turned into an error body by the gateway. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final int retryAfterSeconds;

    ApiError(int status, String code, String message) {
        this(status, code, message, 0);
    }

    ApiError(int status, String code, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiError notFound(String what, String id) {
        return new ApiError(404, "object_not_found", "Could not find " + what + " with ID: " + id
                + ". Make sure the relevant pages and databases are shared with your integration.");
    }

    static ApiError validation(String message) {
        return new ApiError(400, "validation_error", message);
    }

    /** The standard error code for an HTTP status the fault plan asks for. */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "validation_error";
            case 401 -> "unauthorized";
            case 403 -> "restricted_resource";
            case 404 -> "object_not_found";
            case 409 -> "conflict_error";
            case 429 -> "rate_limited";
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            case 504 -> "gateway_timeout";
            case 529 -> "service_overload";
            default -> status >= 500 ? "internal_server_error" : "invalid_request";
        };
    }

    static String messageFor(int status) {
        return switch (status) {
            case 401 -> "API token is invalid.";
            case 409 -> "Conflict occurred while saving. Please try again.";
            case 429 -> "You have been rate limited. Please try again in a few minutes.";
            case 503 -> "Notion is unavailable. Please try again later.";
            case 504 -> "Notion timed out. Please try again later.";
            case 529 -> "Notion is overloaded. Please try again later.";
            default -> status >= 500 ? "Unexpected error occurred." : "Request failed (injected fault).";
        };
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Control flow only: a stack trace would cost time on every error answer.
        return this;
    }
}
