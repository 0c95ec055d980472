package io.cryptogo.examples.app.jobs;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the job queue runs: worker threads, how often it polls for due jobs, how often a running job's heartbeat
 * is written and how many may be missed before another instance takes the job over, how many attempts a job
 * gets, the pause before a retry, and how many unfinished jobs one client may have.
 *
 * <pre>{@code
 * JobSettings s = JobSettings.fromConfig(cg.config());     // JOBS_THREADS, JOBS_HEARTBEAT, ...
 * JobSettings fast = JobSettings.defaults().withHeartbeat(Duration.ofMillis(500), 4);
 * }</pre>
 *
 * A job whose instance dies is picked up again after about {@code heartbeat × missedHeartbeats} plus one dead
 * execution check (at most {@code 2 × heartbeat}): 10 to 14 s with the defaults.
 *
 * @param threads jobs one instance runs at the same time ({@code JOBS_THREADS}, 1..64, default 2)
 * @param pollInterval how often an idle instance looks for due jobs ({@code JOBS_POLL_INTERVAL}, default 1 s)
 * @param heartbeat how often a running job's heartbeat is written ({@code JOBS_HEARTBEAT}, default 2 s)
 * @param missedHeartbeats heartbeats missed before the job counts as dead ({@code JOBS_MISSED_HEARTBEATS}, 3..100,
 *     default 5)
 * @param maxAttempts attempts before a job is failed for good ({@code JOBS_MAX_ATTEMPTS}, 1..20, default 3)
 * @param retryDelay pause before retrying a job that threw ({@code JOBS_RETRY_DELAY}, default 5 s)
 * @param perClient unfinished (queued or running) jobs one client may have ({@code JOBS_PER_CLIENT}, 1..100,
 *     default 4)
 * @param shutdownWait how long a stopping instance waits for its running jobs before leaving them to others
 *     ({@code JOBS_SHUTDOWN_WAIT}, default 10 s)
 */
public record JobSettings(
        int threads,
        Duration pollInterval,
        Duration heartbeat,
        int missedHeartbeats,
        int maxAttempts,
        Duration retryDelay,
        int perClient,
        Duration shutdownWait) {

    public JobSettings {
        range("JOBS_THREADS", threads, 1, 64);
        positive("JOBS_POLL_INTERVAL", pollInterval, Duration.ofMillis(50), Duration.ofMinutes(10));
        positive("JOBS_HEARTBEAT", heartbeat, Duration.ofMillis(100), Duration.ofMinutes(10));
        range("JOBS_MISSED_HEARTBEATS", missedHeartbeats, 3, 100);
        range("JOBS_MAX_ATTEMPTS", maxAttempts, 1, 20);
        positive("JOBS_RETRY_DELAY", retryDelay, Duration.ZERO, Duration.ofHours(24));
        range("JOBS_PER_CLIENT", perClient, 1, 100);
        positive("JOBS_SHUTDOWN_WAIT", shutdownWait, Duration.ZERO, Duration.ofMinutes(30));
    }

    /** The defaults: 2 threads, poll 1 s, heartbeat 2 s × 5, 3 attempts, retry after 5 s, 4 per client. */
    public static JobSettings defaults() {
        return new JobSettings(
                2,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                5,
                3,
                Duration.ofSeconds(5),
                4,
                Duration.ofSeconds(10));
    }

    /**
     * From {@code JOBS_THREADS}, {@code JOBS_POLL_INTERVAL}, {@code JOBS_HEARTBEAT}, {@code
     * JOBS_MISSED_HEARTBEATS}, {@code JOBS_MAX_ATTEMPTS}, {@code JOBS_RETRY_DELAY}, {@code JOBS_PER_CLIENT} and
     * {@code JOBS_SHUTDOWN_WAIT}.
     *
     * @throws ConfigException naming the setting and its accepted range
     */
    public static JobSettings fromConfig(Config config) {
        JobSettings d = defaults();
        return new JobSettings(
                config.integer("JOBS_THREADS", d.threads(), 1, 64),
                config.duration("JOBS_POLL_INTERVAL", d.pollInterval()),
                config.duration("JOBS_HEARTBEAT", d.heartbeat()),
                config.integer("JOBS_MISSED_HEARTBEATS", d.missedHeartbeats(), 3, 100),
                config.integer("JOBS_MAX_ATTEMPTS", d.maxAttempts(), 1, 20),
                config.duration("JOBS_RETRY_DELAY", d.retryDelay()),
                config.integer("JOBS_PER_CLIENT", d.perClient(), 1, 100),
                config.duration("JOBS_SHUTDOWN_WAIT", d.shutdownWait()));
    }

    /** How long a running job may go without a heartbeat before another instance takes it over. */
    public Duration deadAfter() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }

    public JobSettings withHeartbeat(Duration every, int missed) {
        return new JobSettings(threads, pollInterval, every, missed, maxAttempts, retryDelay, perClient, shutdownWait);
    }

    public JobSettings withPollInterval(Duration every) {
        return new JobSettings(
                threads, every, heartbeat, missedHeartbeats, maxAttempts, retryDelay, perClient, shutdownWait);
    }

    public JobSettings withRetryDelay(Duration delay) {
        return new JobSettings(
                threads, pollInterval, heartbeat, missedHeartbeats, maxAttempts, delay, perClient, shutdownWait);
    }

    public JobSettings withMaxAttempts(int attempts) {
        return new JobSettings(
                threads, pollInterval, heartbeat, missedHeartbeats, attempts, retryDelay, perClient, shutdownWait);
    }

    public JobSettings withPerClient(int jobs) {
        return new JobSettings(
                threads, pollInterval, heartbeat, missedHeartbeats, maxAttempts, retryDelay, jobs, shutdownWait);
    }

    public JobSettings withThreads(int n) {
        return new JobSettings(
                n, pollInterval, heartbeat, missedHeartbeats, maxAttempts, retryDelay, perClient, shutdownWait);
    }

    private static void range(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new ConfigException(name, name + "=" + v + " is out of range; accepted range: " + min + ".." + max);
        }
    }

    private static void positive(String name, Duration v, Duration min, Duration max) {
        Objects.requireNonNull(v, name);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new ConfigException(name, name + "=" + v + " is out of range; accepted range: " + min + " to " + max);
        }
    }
}
