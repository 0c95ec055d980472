package io.cryptogo.examples.app.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.DbSchedulerException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.jobs.Job.Status;
import io.cryptogo.store.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable job queue in the app's database: the table {@code cryptogo_jobs} holds what was asked and how it stands,
 * and db-scheduler (its table, here {@code cryptogo_scheduled_tasks}) hands each job to exactly one instance at a time, writes
 * its heartbeat while it runs, and gives it to another instance when the heartbeat stops.
 *
 * <pre>{@code
 * JobQueue q = new JobQueue(cg.database(), JobSettings.fromConfig(cg.config()), "node-1");
 * q.kind("echo", myKind);                               // every kind before start()
 * q.start();
 * Job j = q.submit("echo", "127.0.0.1", params);        // QUEUED
 * q.find(j.id());                                       // RUNNING, progress 0.4 ... SUCCEEDED with a result
 * q.cancel(j.id());                                     // QUEUED: CANCELLED at once; RUNNING: at its next progress call
 * q.close();
 * }</pre>
 *
 * Semantics: a job runs at least once and its result is written at most once. Each attempt carries its number,
 * and only the attempt that holds the job may write its outcome, so an instance that was taken for dead and
 * comes back cannot overwrite the result of the attempt that replaced it. A job whose code throws is retried
 * after {@link JobSettings#retryDelay()}, except for an {@link InvalidRequestException} (the same input fails the
 * same way), and fails for good after {@link JobSettings#maxAttempts()} attempts, with the reason. A client's
 * bound is counted and its job inserted in one transaction serialised per client across instances, and finished
 * jobs are deleted {@link JobSettings#retention()} after they finished.
 */
public final class JobQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
    /** db-scheduler's task name for every job; the execution's id is the job id. */
    static final String TASK = "cryptogo-job";
    /** The jobs as the API shows them (V14__jobs.sql). */
    static final String JOBS = "cryptogo_jobs";
    /** db-scheduler's table, under a name of our own (V14__jobs.sql). */
    static final String TABLE = "cryptogo_scheduled_tasks";
    /** How often a running job's progress is written and its cancel flag read. */
    static final Duration PROGRESS_EVERY = Duration.ofMillis(250);
    /** Queued jobs younger than this are left to their submitter when looking for jobs without an execution. */
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(30);

    /**
     * The first key of the PostgreSQL advisory lock {@code submit} takes per owner ({@code 'CGJB'}); the two-int
     * key space never meets the one-bigint keys of {@link io.cryptogo.store.jdbc.PgAdvisoryOwnership}.
     */
    static final int OWNER_LOCK_CLASS = 0x43474a42;
    /** On H2 (one instance, embedded) submissions are serialised per owner by these, shared by every queue. */
    private static final Lock[] OWNER_LOCKS = new Lock[64];

    static {
        for (int i = 0; i < OWNER_LOCKS.length; i++) {
            OWNER_LOCKS[i] = new ReentrantLock();
        }
    }

    private static final String COLUMNS = "id, kind, owner, params, status, progress, cancel_requested, attempts,"
            + " instance, error, created_at, started_at, finished_at, updated_at";

    private final Database db;
    private final JobSettings settings;
    private final String instance;
    private final UnaryOperator<String> mask;
    private final Clock clock;
    private final ObjectMapper json = Json.mapper();
    private final Map<String, JobKind> kinds = new ConcurrentHashMap<>();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final CustomTask<Void> task;
    private final Scheduler scheduler;
    private final ScheduledExecutorService housekeeping;
    private volatile boolean started;
    private volatile boolean closed;

    /** A queue named {@code instance} (its name in {@code cryptogo_jobs.instance} and db-scheduler's {@code picked_by}). */
    public JobQueue(Database db, JobSettings settings, String instance) {
        this(db, settings, instance, UnaryOperator.identity(), Clock.systemUTC());
    }

    /** As above, with {@code mask} applied to every error message stored (so no secret reaches the table). */
    public JobQueue(Database db, JobSettings settings, String instance, UnaryOperator<String> mask, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.instance = instance.length() > 100 ? instance.substring(0, 100) : instance;
        this.mask = Objects.requireNonNull(mask, "mask");
        this.clock = Objects.requireNonNull(clock, "clock");
        // the task refers back to this queue; nothing runs it before start()
        this.task = Tasks.custom(TASK, Void.class)
                .onDeadExecutionRevive()
                // only an Error escapes execute(): try again later; the next attempt counts it
                .onFailure(new FailureHandler.OnFailureRetryLater<>(settings.retryDelay()))
                .execute((inst, ctx) -> execute(Long.parseLong(inst.getId()), ctx));
        this.scheduler = Scheduler.create(db.dataSource(), task)
                .threads(settings.threads())
                .pollingInterval(settings.pollInterval())
                .heartbeatInterval(settings.heartbeat())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .tableName(TABLE)
                .schedulerName(new SchedulerName.Fixed(this.instance))
                .shutdownMaxWait(settings.shutdownWait())
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                .build();
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cryptogo-jobs-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers a kind of job; {@code perClient} bounds the unfinished jobs of this kind one client may have. */
    public JobQueue kind(String name, JobKind kind, int perClient) {
        if (started) {
            throw new IllegalStateException("register job kinds before start()");
        }
        if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("job kind '" + name + "': lower-case letters, digits and -, 1..32");
        }
        if (kinds.putIfAbsent(name, Objects.requireNonNull(kind, "kind")) != null) {
            throw new IllegalStateException("job kind '" + name + "' is already registered");
        }
        this.perClient.put(name, perClient);
        return this;
    }

    /** Registers a kind bounded by {@link JobSettings#perClient()}. */
    public JobQueue kind(String name, JobKind kind) {
        return kind(name, kind, settings.perClient());
    }

    /** The registered kinds, sorted. */
    public Set<String> kinds() {
        return new TreeSet<>(kinds.keySet());
    }

    public JobSettings settings() {
        return settings;
    }

    public String instance() {
        return instance;
    }

    /** Starts picking up jobs (those left by earlier runs or other instances included). Idempotent. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        scheduler.start();
        long every = Math.max(1000, settings.deadAfter().toMillis());
        housekeeping.scheduleWithFixedDelay(this::housekeep, 0, every, TimeUnit.MILLISECONDS);
        LOG.info(
                "job queue {} started: kinds {}, {} threads, heartbeat {} (dead after {}), {} attempts",
                instance,
                kinds(),
                settings.threads(),
                settings.heartbeat(),
                settings.deadAfter(),
                settings.maxAttempts());
    }

    /**
     * Stops picking up jobs and waits up to {@link JobSettings#shutdownWait()} for the running ones. A job still
     * running goes back to the queue at its next progress call, for another instance (or this one's next start).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        if (started) {
            scheduler.stop();
        }
    }

    /**
     * Queues a job.
     *
     * @throws InvalidRequestException for an unknown kind or bad parameters (naming the field)
     * @throws TooManyJobsException when {@code owner} already has its share of unfinished jobs of this kind
     */
    public Job submit(String kind, String owner, JsonNode params) {
        JobKind k = kinds.get(kind);
        if (k == null) {
            throw new InvalidRequestException(
                    "kind", "unknown job kind '" + kind + "'; accepted values: " + String.join(", ", kinds()));
        }
        JsonNode p = params == null || params.isNull() ? json.createObjectNode() : params;
        if (!p.isObject()) {
            throw new InvalidRequestException("params", "params must be a JSON object");
        }
        k.validate(p);
        int limit = perClient.getOrDefault(kind, settings.perClient());
        long now = clock.millis();
        long id;
        // check and insert are one transaction, serialised per owner across instances: no extra job slips in
        Lock local =
                db.kind() == Database.Kind.H2 ? OWNER_LOCKS[Math.floorMod(owner.hashCode(), OWNER_LOCKS.length)] : null;
        if (local != null) {
            local.lock();
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (local == null) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                        ps.setInt(1, OWNER_LOCK_CLASS);
                        ps.setString(2, owner);
                        ps.execute();
                    }
                }
                long unfinished;
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + JOBS
                        + " WHERE owner = ? AND kind = ? AND status IN ('QUEUED', 'RUNNING')")) {
                    ps.setString(1, owner);
                    ps.setString(2, kind);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        unfinished = rs.getLong(1);
                    }
                }
                if (unfinished >= limit) {
                    throw new TooManyJobsException(kind, unfinished, limit);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO " + JOBS + " (kind, owner, params, status, progress, cancel_requested, attempts,"
                                + " created_at, updated_at) VALUES (?, ?, ?, 'QUEUED', 0, FALSE, 0, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, kind);
                    ps.setString(2, owner);
                    ps.setString(3, json.writeValueAsString(p));
                    ps.setLong(4, now);
                    ps.setLong(5, now);
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new CryptoGoException("the job could not be stored: " + mask.apply(e.getMessage()), e);
        } finally {
            if (local != null) {
                local.unlock();
            }
        }
        try {
            // due now by db-scheduler's clock (the system's), whatever this queue's clock says
            scheduler.scheduleIfNotExists(task.instance(Long.toString(id)), Instant.now());
        } catch (RuntimeException e) {
            // the row is there: the orphan check queues it again; say so rather than fail the request
            LOG.warn("job {} stored but not yet queued ({}); it will be queued within {}", id, e, ORPHAN_GRACE);
        }
        LOG.info("job {} ({}) queued for {}", id, kind, owner);
        return find(id).orElseThrow();
    }

    /** The job with its result, if any. */
    public Optional<Job> find(long id) {
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + ", result FROM " + JOBS + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, true)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CryptoGoException("reading job " + id + " failed: " + mask.apply(e.getMessage()), e);
        }
    }

    /** Jobs newest first, without their results, optionally of one kind, status and owner. */
    public List<Job> list(Optional<String> kind, Optional<Status> status, Optional<String> owner, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + JOBS + " WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        kind.ifPresent(k -> {
            sql.append(" AND kind = ?");
            args.add(k);
        });
        status.ifPresent(s -> {
            sql.append(" AND status = ?");
            args.add(s.name());
        });
        owner.ifPresent(o -> {
            sql.append(" AND owner = ?");
            args.add(o);
        });
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 1000)));
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            List<Job> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs, false));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CryptoGoException("listing jobs failed: " + mask.apply(e.getMessage()), e);
        }
    }

    /**
     * Cancels a job: a queued one is {@code CANCELLED} at once; a running one is asked to stop (from any instance)
     * and ends {@code CANCELLED} at its next progress call; a finished one stays as it is.
     *
     * @return the job after the request, empty when there is no such job
     */
    public Optional<Job> cancel(long id) {
        long now = clock.millis();
        int queued;
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + JOBS
                    + " SET status = 'CANCELLED', cancel_requested = TRUE, finished_at = ?, updated_at = ?"
                    + " WHERE id = ? AND status = 'QUEUED'")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, id);
                queued = ps.executeUpdate();
            }
            if (queued == 0) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + JOBS
                        + " SET cancel_requested = TRUE, updated_at = ?" + " WHERE id = ? AND status = 'RUNNING'")) {
                    ps.setLong(1, now);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new CryptoGoException("cancelling job " + id + " failed: " + mask.apply(e.getMessage()), e);
        }
        if (queued == 1) {
            try {
                scheduler.cancel(task.instanceId(Long.toString(id)));
            } catch (DbSchedulerException e) {
                // just picked (its start sees CANCELLED and drops it) or already gone
                LOG.debug("job {} execution not cancelled: {}", id, e.toString());
            }
            LOG.info("job {} cancelled while queued", id);
        }
        Running r = running.get(id);
        if (r != null) {
            r.cancel = true;
        }
        return find(id);
    }

    /** Jobs by kind and status: every registered kind with every status, 0 included (for the metrics). */
    public Map<List<String>, Long> counts() {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        for (String k : kinds()) {
            for (Status s : Status.values()) {
                out.put(List.of(k, s.name()), 0L);
            }
        }
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT kind, status, COUNT(*) FROM " + JOBS + " GROUP BY kind, status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(List.of(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new CryptoGoException("counting jobs failed: " + mask.apply(e.getMessage()), e);
        }
        return out;
    }

    // ---- running a job (db-scheduler's thread) ----

    private CompletionHandler<Void> execute(long id, ExecutionContext ctx) {
        Optional<Running> begun = begin(id, ctx);
        if (begun.isEmpty()) {
            return remove();
        }
        Running r = begun.get();
        JobKind kind = kinds.get(r.kind);
        if (kind == null) {
            finish(r, Status.FAILED, null, "no job kind '" + r.kind + "' on instance " + instance);
            return remove();
        }
        running.put(id, r);
        try {
            JsonNode result = kind.run(r);
            return finish(r, Status.SUCCEEDED, result == null ? json.nullNode() : result, null);
        } catch (JobCancelledException e) {
            if (e.stopping() && !r.cancel) {
                return requeue(r, "instance " + instance + " stopped during attempt " + r.attempt, Instant.now(), true);
            }
            return finish(r, Status.CANCELLED, null, null);
        } catch (Exception e) {
            if (r.cancel) {
                return finish(r, Status.CANCELLED, null, null);
            }
            String reason = mask.apply(reason(e));
            if (e instanceof InvalidRequestException) {
                return finish(r, Status.FAILED, null, reason);
            }
            if (r.attempt >= settings.maxAttempts()) {
                LOG.warn("job {} ({}) failed after {} attempts: {}", id, r.kind, r.attempt, reason);
                return finish(r, Status.FAILED, null, "failed after " + r.attempt + " attempts: " + reason);
            }
            LOG.warn(
                    "job {} ({}) attempt {} failed, retrying in {}: {}",
                    id,
                    r.kind,
                    r.attempt,
                    settings.retryDelay(),
                    reason);
            return requeue(
                    r,
                    "attempt " + r.attempt + " failed: " + reason,
                    Instant.now().plus(settings.retryDelay()),
                    false);
        } finally {
            running.remove(id);
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof CryptoGoException || e instanceof IllegalArgumentException) {
            return m == null ? e.getClass().getSimpleName() : m;
        }
        return m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }

    /**
     * Takes the job for one attempt: RUNNING, attempts + 1, this instance. Empty when there is nothing to run
     * (finished, cancelled, gone, or out of attempts, which ends it FAILED).
     */
    private Optional<Running> begin(long id, ExecutionContext ctx) {
        long now = clock.millis();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                String status;
                int attempts;
                boolean cancel;
                String lastInstance;
                String kind;
                String owner;
                String params;
                String error;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT status, attempts, cancel_requested, instance, kind, owner, params, error FROM " + JOBS
                                + " WHERE id = ? FOR UPDATE")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.commit();
                            LOG.warn("job {} has an execution but no row; dropping the execution", id);
                            return Optional.empty();
                        }
                        status = rs.getString(1);
                        attempts = rs.getInt(2);
                        cancel = rs.getBoolean(3);
                        lastInstance = rs.getString(4);
                        kind = rs.getString(5);
                        owner = rs.getString(6);
                        params = rs.getString(7);
                        error = rs.getString(8);
                    }
                }
                if (Status.valueOf(status).finished()) {
                    c.commit();
                    return Optional.empty();
                }
                if (status.equals("RUNNING")) {
                    // the attempt that held it stopped without a word: its instance died or was killed
                    error = "attempt " + attempts + " on " + lastInstance + " stopped without finishing";
                    LOG.warn("job {} ({}): {}; taking it over on {}", id, kind, error, instance);
                }
                if (cancel) {
                    update(c, id, "CANCELLED", attempts, error, now);
                    c.commit();
                    return Optional.empty();
                }
                if (attempts >= settings.maxAttempts()) {
                    update(c, id, "FAILED", attempts, "gave up after " + attempts + " attempts: " + error, now);
                    c.commit();
                    LOG.warn("job {} ({}) failed: {} attempts did not finish", id, kind, attempts);
                    return Optional.empty();
                }
                int attempt = attempts + 1;
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + JOBS + " SET status = 'RUNNING', attempts = ?,"
                                + " instance = ?, progress = 0, error = ?, started_at = ?, updated_at = ? WHERE id = ?")) {
                    ps.setInt(1, attempt);
                    ps.setString(2, instance);
                    ps.setString(3, error);
                    ps.setLong(4, now);
                    ps.setLong(5, now);
                    ps.setLong(6, id);
                    ps.executeUpdate();
                }
                c.commit();
                LOG.info("job {} ({}) attempt {} started on {}", id, kind, attempt, instance);
                return Optional.of(new Running(id, kind, owner, json.readTree(params), attempt, ctx));
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            // the database is away: leave the execution to be retried (db-scheduler's failure handler)
            throw new CryptoGoException("starting job " + id + " failed: " + mask.apply(e.getMessage()), e);
        }
    }

    private static void update(Connection c, long id, String status, int attempts, String error, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + JOBS + " SET status = ?, attempts = ?, error = ?,"
                + " finished_at = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setString(3, error);
            ps.setLong(4, now);
            ps.setLong(5, now);
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    /**
     * Writes the outcome of this attempt, if it still holds the job; the execution is then removed. An attempt
     * that lost the job (taken for dead, replaced) writes nothing and leaves the execution to its new holder.
     */
    private CompletionHandler<Void> finish(Running r, Status status, JsonNode result, String error) {
        long now = clock.millis();
        int n;
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + JOBS + " SET status = ?, result = ?, error = ?,"
                        + " progress = CASE WHEN ? THEN 1 ELSE progress END, finished_at = ?, updated_at = ?"
                        + " WHERE id = ? AND attempts = ? AND status = 'RUNNING'")) {
            ps.setString(1, status.name());
            if (result == null) {
                ps.setNull(2, Types.VARCHAR);
            } else {
                ps.setString(2, json.writeValueAsString(result));
            }
            ps.setString(3, error);
            ps.setBoolean(4, status == Status.SUCCEEDED);
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.setLong(7, r.id);
            ps.setInt(8, r.attempt);
            n = ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            // the database is away: leave the execution; it is retried and the next attempt reruns the job
            throw new CryptoGoException("recording job " + r.id + " failed: " + mask.apply(e.getMessage()), e);
        }
        if (n == 0) {
            LOG.warn(
                    "job {} attempt {} finished {} on {}, but another attempt holds the job: not recorded",
                    r.id,
                    r.attempt,
                    status,
                    instance);
            return (complete, ops) -> {};
        }
        LOG.info("job {} ({}) {} on {}{}", r.id, r.kind, status, instance, error == null ? "" : ": " + error);
        return remove();
    }

    /**
     * Back to QUEUED for another attempt at {@code when}, if this attempt still holds the job; {@code refund}
     * gives the attempt back (a stop of this instance is not the job's fault).
     */
    private CompletionHandler<Void> requeue(Running r, String note, Instant when, boolean refund) {
        long now = clock.millis();
        int n;
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + JOBS + " SET status = 'QUEUED', error = ?,"
                        + " attempts = CASE WHEN ? THEN attempts - 1 ELSE attempts END, updated_at = ?"
                        + " WHERE id = ? AND attempts = ? AND status = 'RUNNING'")) {
            ps.setString(1, note);
            ps.setBoolean(2, refund);
            ps.setLong(3, now);
            ps.setLong(4, r.id);
            ps.setInt(5, r.attempt);
            n = ps.executeUpdate();
        } catch (SQLException e) {
            throw new CryptoGoException("requeueing job " + r.id + " failed: " + mask.apply(e.getMessage()), e);
        }
        if (n == 0) {
            return (complete, ops) -> {};
        }
        return (complete, ops) -> ops.reschedule(complete, when);
    }

    private static CompletionHandler<Void> remove() {
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /** One housekeeping round: orphans queued again, finished jobs past {@link JobSettings#retention()} deleted. */
    private void housekeep() {
        requeueOrphans();
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            LOG.debug("deleting expired jobs failed: {}", e.toString());
        }
    }

    /**
     * Deletes the finished jobs ({@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED}) that finished more than
     * {@link JobSettings#retention()} ago by this queue's clock; none when the retention is 0 (keep forever).
     * Every instance runs it; a row deleted twice is deleted once.
     *
     * @return how many jobs were deleted
     */
    int deleteExpired() {
        if (settings.keepsFinishedJobsForever()) {
            return 0;
        }
        long before = clock.millis() - settings.retention().toMillis();
        int n;
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + JOBS
                        + " WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND finished_at < ?")) {
            ps.setLong(1, before);
            n = ps.executeUpdate();
        } catch (SQLException e) {
            throw new CryptoGoException("deleting expired jobs failed: " + mask.apply(e.getMessage()), e);
        }
        if (n > 0) {
            LOG.info("deleted {} jobs finished more than {} ago", n, settings.retention());
        }
        return n;
    }

    /**
     * Queues again the unfinished jobs that have no execution: a submitter that died between storing the job and
     * queueing it. Nothing submitted is lost.
     */
    private void requeueOrphans() {
        long before = clock.millis() - ORPHAN_GRACE.toMillis();
        List<Long> orphans = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT j.id FROM " + JOBS + " j WHERE j.status IN ('QUEUED', 'RUNNING')"
                                + " AND j.updated_at < ? AND NOT EXISTS (SELECT 1 FROM " + TABLE + " t"
                                + " WHERE t.task_name = ? AND t.task_instance = CAST(j.id AS VARCHAR(100)))")) {
            ps.setLong(1, before);
            ps.setString(2, TASK);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orphans.add(rs.getLong(1));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("looking for orphan jobs failed: {}", e.toString());
            return;
        }
        for (long id : orphans) {
            try {
                if (scheduler.scheduleIfNotExists(task.instance(Long.toString(id)), Instant.now())) {
                    LOG.warn("job {} had no execution (its submitter stopped?): queued again", id);
                }
            } catch (RuntimeException e) {
                LOG.debug("requeueing orphan job {} failed: {}", id, e.toString());
            }
        }
    }

    private Job read(ResultSet rs, boolean withResult) throws SQLException {
        try {
            Optional<JsonNode> result = Optional.empty();
            if (withResult) {
                String r = rs.getString("result");
                if (r != null) {
                    result = Optional.of(json.readTree(r));
                }
            }
            return new Job(
                    rs.getLong("id"),
                    rs.getString("kind"),
                    rs.getString("owner"),
                    json.readTree(rs.getString("params")),
                    Status.valueOf(rs.getString("status")),
                    new Job.Run(
                            rs.getDouble("progress"),
                            rs.getBoolean("cancel_requested"),
                            rs.getInt("attempts"),
                            Optional.ofNullable(rs.getString("instance"))),
                    result,
                    Optional.ofNullable(rs.getString("error")),
                    new Job.Times(
                            Instant.ofEpochMilli(rs.getLong("created_at")),
                            optionalTime(rs, "started_at"),
                            optionalTime(rs, "finished_at"),
                            Instant.ofEpochMilli(rs.getLong("updated_at"))));
        } catch (JsonProcessingException e) {
            throw new SQLException("a job row holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Optional<Instant> optionalTime(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    /** One attempt of a job on this instance. */
    private final class Running implements JobContext {
        final long id;
        final String kind;
        final String owner;
        final JsonNode params;
        final int attempt;
        final ExecutionContext ctx;
        volatile boolean cancel;
        /** Set when another attempt took the job over: this one stops and writes nothing. */
        volatile boolean lost;

        private volatile double progress;
        private volatile long lastPoll = System.nanoTime();

        Running(long id, String kind, String owner, JsonNode params, int attempt, ExecutionContext ctx) {
            this.id = id;
            this.kind = kind;
            this.owner = owner;
            this.params = params;
            this.attempt = attempt;
            this.ctx = ctx;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public String owner() {
            return owner;
        }

        @Override
        public JsonNode params() {
            return params;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public void progress(double fraction) {
            progress = Math.max(0, Math.min(1, fraction));
            checkCancelled();
        }

        @Override
        public void checkCancelled() {
            long now = System.nanoTime();
            if (now - lastPoll >= PROGRESS_EVERY.toNanos()) {
                lastPoll = now;
                poll();
            }
            if (cancel) {
                throw new JobCancelledException("job " + id + " was cancelled", false);
            }
            if (lost) {
                throw new JobCancelledException("job " + id + " was taken over by another attempt", false);
            }
            if (closed || ctx.getSchedulerState().isShuttingDown()) {
                throw new JobCancelledException("instance " + instance + " is stopping", true);
            }
        }

        /**
         * Writes the progress and reads the cancel flag (set by whichever instance took the DELETE). A sweep calls
         * it from several threads: one of them polls.
         */
        private synchronized void poll() {
            try (Connection c = db.connection()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + JOBS + " SET progress = ?, updated_at = ?"
                        + " WHERE id = ? AND attempts = ? AND status = 'RUNNING'")) {
                    ps.setDouble(1, progress);
                    ps.setLong(2, clock.millis());
                    ps.setLong(3, id);
                    ps.setInt(4, attempt);
                    if (ps.executeUpdate() == 0) {
                        lost = true;
                        return;
                    }
                }
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT cancel_requested FROM " + JOBS + " WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getBoolean(1)) {
                            cancel = true;
                        }
                    }
                }
            } catch (SQLException e) {
                // progress is best effort; the heartbeat (db-scheduler's) is what keeps the job
                LOG.debug("job {} progress not written: {}", id, e.toString());
            }
        }
    }
}
