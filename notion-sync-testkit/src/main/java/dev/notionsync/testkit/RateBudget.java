package dev.notionsync.testkit;

/** The server's optional rate limit: a {@link TokenBucket} or a {@link WindowBudget}. */
interface RateBudget {

    /** Takes one request from the budget; returns 0 on success, or the milliseconds until one is allowed. */
    long acquire();

    /** Refills the budget, as at the server's start. */
    void reset();
}
