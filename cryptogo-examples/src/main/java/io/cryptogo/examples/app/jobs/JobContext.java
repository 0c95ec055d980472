package io.cryptogo.examples.app.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A running job's view of itself: its parameters, which attempt this is, and the two calls that make it
 * cooperative: {@link #progress} (stored for {@code GET /api/v1/jobs/{id}}) and {@link #checkCancelled}. Both
 * throw {@link JobCancelledException} once the job is cancelled (from any instance) or this instance is stopping.
 *
 * <pre>{@code
 * for (int i = 0; i < n; i++) {
 *     work(i);
 *     job.progress((i + 1) / (double) n);
 * }
 * }</pre>
 */
public interface JobContext {
    long id();

    String kind();

    /** Who submitted the job (the client address). */
    String owner();

    JsonNode params();

    /** 1 for the first attempt, 2 after one retry, ... */
    int attempt();

    /**
     * Reports how far the job got, a fraction in {@code [0, 1]}. Cheap enough to call per bar: it is written at
     * most a few times a second.
     *
     * @throws JobCancelledException when the job was cancelled or the instance is stopping
     */
    void progress(double fraction);

    /**
     * Throws when the job was cancelled or the instance is stopping; otherwise returns at once.
     *
     * @throws JobCancelledException see above
     */
    void checkCancelled();
}
