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
 * @param retention how long a finished job (succeeded, failed or cancelled) is kept before housekeeping deletes
 *     it ({@code JOBS_RETENTION}, {@code 0} = forever, else 1 s..3650 d, default 7 d)
 */
public record JobSettings(
        int threads,
        Duration pollInterval,
        Duration heartbeat,
        int missedHeartbeats,
        int maxAttempts,
        Duration retryDelay,
        int perClient,
        Duration shutdownWait,
        Duration retention) {

    /** The longest {@code JOBS_RETENTION} accepted (ten years); {@code 0} keeps finished jobs forever. */
    static final Duration MAX_RETENTION = Duration.ofDays(3650);

    private static final String RETENTION_FORMS =
            "accepted: 0 (keep finished jobs forever) or a duration from 1s to 3650d, e.g. 12h, 7d or PT36H";

    public JobSettings {
        range("JOBS_THREADS", threads, 1, 64);
        positive("JOBS_POLL_INTERVAL", pollInterval, Duration.ofMillis(50), Duration.ofMinutes(10));
        positive("JOBS_HEARTBEAT", heartbeat, Duration.ofMillis(100), Duration.ofMinutes(10));
        range("JOBS_MISSED_HEARTBEATS", missedHeartbeats, 3, 100);
        range("JOBS_MAX_ATTEMPTS", maxAttempts, 1, 20);
        positive("JOBS_RETRY_DELAY", retryDelay, Duration.ZERO, Duration.ofHours(24));
        range("JOBS_PER_CLIENT", perClient, 1, 100);
        positive("JOBS_SHUTDOWN_WAIT", shutdownWait, Duration.ZERO, Duration.ofMinutes(30));
        Objects.requireNonNull(retention, "JOBS_RETENTION");
        if (!retention.isZero()
                && (retention.compareTo(Duration.ofSeconds(1)) < 0 || retention.compareTo(MAX_RETENTION) > 0)) {
            throw new ConfigException(
                    "JOBS_RETENTION", "JOBS_RETENTION=" + retention + " is out of range; " + RETENTION_FORMS);
        }
    }

    /**
     * The defaults: 2 threads, poll 1 s, heartbeat 2 s × 5, 3 attempts, retry after 5 s, 4 per client, finished
     * jobs kept 7 days.
     */
    public static JobSettings defaults() {
        return new JobSettings(
                2,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                5,
                3,
                Duration.ofSeconds(5),
                4,
                Duration.ofSeconds(10),
                Duration.ofDays(7));
    }

    /**
     * From {@code JOBS_THREADS}, {@code JOBS_POLL_INTERVAL}, {@code JOBS_HEARTBEAT}, {@code
     * JOBS_MISSED_HEARTBEATS}, {@code JOBS_MAX_ATTEMPTS}, {@code JOBS_RETRY_DELAY}, {@code JOBS_PER_CLIENT},
     * {@code JOBS_SHUTDOWN_WAIT} and {@code JOBS_RETENTION}.
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
                config.duration("JOBS_SHUTDOWN_WAIT", d.shutdownWait()),
                retention(config, d.retention()));
    }

    /** {@code JOBS_RETENTION}: {@code 0} (forever) or a duration; anything else fails naming the accepted forms. */
    private static Duration retention(Config config, Duration defaultValue) {
        String raw = config.get("JOBS_RETENTION").map(String::strip).orElse("");
        if (raw.isEmpty()) {
            return defaultValue;
        }
        if (raw.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return config.duration("JOBS_RETENTION", defaultValue);
        } catch (ConfigException e) {
            throw new ConfigException(
                    "JOBS_RETENTION", "JOBS_RETENTION='" + raw + "' is not a retention; " + RETENTION_FORMS);
        }
    }

    /** Whether housekeeping deletes finished jobs ({@code JOBS_RETENTION} is not {@code 0}). */
    public boolean keepsFinishedJobsForever() {
        return retention.isZero();
    }

    /** How long a running job may go without a heartbeat before another instance takes it over. */
    public Duration deadAfter() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }

    public JobSettings withHeartbeat(Duration every, int missed) {
        return new JobSettings(
                threads, pollInterval, every, missed, maxAttempts, retryDelay, perClient, shutdownWait, retention);
    }

    public JobSettings withPollInterval(Duration every) {
        return new JobSettings(
                threads,
                every,
                heartbeat,
                missedHeartbeats,
                maxAttempts,
                retryDelay,
                perClient,
                shutdownWait,
                retention);
    }

    public JobSettings withRetryDelay(Duration delay) {
        return new JobSettings(
                threads,
                pollInterval,
                heartbeat,
                missedHeartbeats,
                maxAttempts,
                delay,
                perClient,
                shutdownWait,
                retention);
    }

    public JobSettings withMaxAttempts(int attempts) {
        return new JobSettings(
                threads,
                pollInterval,
                heartbeat,
                missedHeartbeats,
                attempts,
                retryDelay,
                perClient,
                shutdownWait,
                retention);
    }

    public JobSettings withPerClient(int jobs) {
        return new JobSettings(
                threads,
                pollInterval,
                heartbeat,
                missedHeartbeats,
                maxAttempts,
                retryDelay,
                jobs,
                shutdownWait,
                retention);
    }

    public JobSettings withThreads(int n) {
        return new JobSettings(
                n,
                pollInterval,
                heartbeat,
                missedHeartbeats,
                maxAttempts,
                retryDelay,
                perClient,
                shutdownWait,
                retention);
    }

    /** Finished jobs are deleted this long after they finished; {@link Duration#ZERO} keeps them forever. */
    public JobSettings withRetention(Duration keep) {
        return new JobSettings(
                threads,
                pollInterval,
                heartbeat,
                missedHeartbeats,
                maxAttempts,
                retryDelay,
                perClient,
                shutdownWait,
                keep);
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
