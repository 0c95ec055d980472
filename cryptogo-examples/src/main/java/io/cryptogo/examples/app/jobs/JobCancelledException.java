package io.cryptogo.examples.app.jobs;

import java.util.concurrent.CancellationException;

/**
 * Thrown from {@link JobContext#progress} and {@link JobContext#checkCancelled} when the job was cancelled, or
 * when this instance is stopping (then the job goes back to the queue for another instance). A running job
 * lets it propagate.
 */
public final class JobCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;
    private final boolean stopping;

    JobCancelledException(String message, boolean stopping) {
        super(message);
        this.stopping = stopping;
    }

    /** True when the instance is stopping rather than the job cancelled. */
    public boolean stopping() {
        return stopping;
    }
}
