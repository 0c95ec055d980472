package io.cryptogo.examples.app.jobs;

import io.cryptogo.error.CryptoGoException;

/** A client already has its share of unfinished jobs of one kind (the REST layer answers 429). */
public final class TooManyJobsException extends CryptoGoException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final int limit;

    TooManyJobsException(String kind, long unfinished, int limit) {
        super(unfinished + " of your " + kind + " jobs are queued or running; at most " + limit
                + " at a time: wait or DELETE one");
        this.kind = kind;
        this.limit = limit;
    }

    public String kind() {
        return kind;
    }

    public int limit() {
        return limit;
    }
}
