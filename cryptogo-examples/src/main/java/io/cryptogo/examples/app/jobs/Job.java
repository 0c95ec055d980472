package io.cryptogo.examples.app.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One job as the queue's table holds it: what was asked ({@code kind}, {@code params}), by whom, how it stands,
 * and when. {@link #result()} is present once the job {@code SUCCEEDED}; {@link #error()} says why it {@code
 * FAILED} (or why the last attempt did not finish, while it waits for a retry).
 */
public record Job(
        long id,
        String kind,
        String owner,
        JsonNode params,
        Status status,
        Run run,
        Optional<JsonNode> result,
        Optional<String> error,
        Times times) {

    public Job {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(times, "times");
    }

    /** How far the last attempt got, in {@code [0, 1]}. */
    public double progress() {
        return run.progress();
    }

    public boolean cancelRequested() {
        return run.cancelRequested();
    }

    public int attempts() {
        return run.attempts();
    }

    public Optional<String> instance() {
        return run.instance();
    }

    /**
     * The running side of a job.
     *
     * @param progress how far the last attempt got, {@code [0, 1]}
     * @param cancelRequested a DELETE asked it to stop
     * @param attempts attempts started so far (a retry after an instance died or the job threw counts one more)
     * @param instance the instance that ran the last attempt
     */
    public record Run(double progress, boolean cancelRequested, int attempts, Optional<String> instance) {
        public Run {
            Objects.requireNonNull(instance, "instance");
        }
    }

    /** Where a job stands. */
    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        /** SUCCEEDED, FAILED and CANCELLED never change again. */
        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }

        /** By name, case-insensitive; empty for anything else. */
        public static Optional<Status> parse(String s) {
            for (Status v : values()) {
                if (v.name().equals(s.strip().toUpperCase(Locale.ROOT))) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    /** When the job was submitted, when its last attempt started, when it finished, and its last change. */
    public record Times(Instant created, Optional<Instant> started, Optional<Instant> finished, Instant updated) {
        public Times {
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(finished, "finished");
            Objects.requireNonNull(updated, "updated");
        }
    }
}
