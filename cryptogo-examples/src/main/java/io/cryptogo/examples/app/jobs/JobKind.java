package io.cryptogo.examples.app.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.error.InvalidRequestException;

/**
 * What a job of one kind does. {@link #validate} runs when the job is submitted (a bad field answers 400 before
 * anything is queued); {@link #run} runs on whichever instance picks the job up, possibly more than once (after
 * an instance died or the job threw), so it must be safe to repeat: backfills upsert, backtests and sweeps are
 * pure, an analysis records one more decision.
 *
 * <pre>{@code
 * queue.kind("echo", new JobKind() {
 *     public void validate(JsonNode params) {}
 *     public JsonNode run(JobContext job) {
 *         job.progress(0.5);                  // throws if the job was cancelled
 *         return job.params();
 *     }
 * });
 * }</pre>
 */
public interface JobKind {

    /**
     * Checks the parameters of a job about to be submitted.
     *
     * @throws InvalidRequestException naming the field and its accepted values
     */
    void validate(JsonNode params);

    /**
     * Runs the job and returns its result. Report progress and check for cancellation through {@code job}; an
     * {@link InvalidRequestException} fails the job at once, any other exception is retried up to {@code
     * JOBS_MAX_ATTEMPTS} attempts.
     */
    JsonNode run(JobContext job) throws Exception;
}
