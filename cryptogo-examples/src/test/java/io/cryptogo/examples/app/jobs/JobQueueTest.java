package io.cryptogo.examples.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.jobs.Job.Status;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job queue on the real PostgreSQL (own schema) and on H2: results, progress, cancel, retries, failure. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JobQueueTest {
    static final JobSettings FAST = JobSettings.defaults()
            .withPollInterval(Duration.ofMillis(100))
            .withHeartbeat(Duration.ofMillis(200), 4)
            .withRetryDelay(Duration.ofMillis(100));

    final List<AutoCloseable> open = new ArrayList<>();
    /** Opened by a gated job's test: the job finishes once it counts down. */
    final CountDownLatch gate = new CountDownLatch(1);

    final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    final Map<Long, String> endedWith = new ConcurrentHashMap<>();

    @AfterEach
    void close() throws Exception {
        gate.countDown();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    Database db(String which) {
        TestDatabases.Handle h =
                which.equals("postgres") ? TestDatabases.postgres("job_queue") : TestDatabases.h2("job_queue");
        open.add(h);
        return h.database();
    }

    JobQueue queue(Database db, JobSettings settings, String name) {
        return queue(db, settings, name, Clock.systemUTC());
    }

    JobQueue queue(Database db, JobSettings settings, String name, Clock clock) {
        JobQueue q = new JobQueue(db, settings, name, UnaryOperator.identity(), clock);
        q.kind("gated", new JobKind() {
            @Override
            public void validate(JsonNode params) {
                if (!params.path("n").canConvertToInt()) {
                    throw new InvalidRequestException("n", "params.n must be a whole number");
                }
            }

            @Override
            public JsonNode run(JobContext job) throws Exception {
                runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
                try {
                    job.progress(0.5);
                    while (!gate.await(10, TimeUnit.MILLISECONDS)) {
                        job.checkCancelled();
                    }
                    job.progress(1);
                } catch (JobCancelledException e) {
                    endedWith.put(job.id(), e.getMessage());
                    throw e;
                }
                ObjectNode out = Json.mapper().createObjectNode();
                out.put(
                        "square",
                        job.params().path("n").asInt() * job.params().path("n").asInt());
                out.put("attempt", job.attempt());
                return out;
            }
        });
        q.kind("boom", new JobKind() {
            @Override
            public void validate(JsonNode params) {}

            @Override
            public JsonNode run(JobContext job) {
                runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
                if (job.params().path("invalid").asBoolean()) {
                    throw new InvalidRequestException("x", "x is wrong");
                }
                throw new IllegalStateException("exchange said no on attempt " + job.attempt());
            }
        });
        open.add(q);
        return q;
    }

    static JsonNode n(int n) {
        return Json.mapper().createObjectNode().put("n", n);
    }

    static int executions(Database db) throws Exception {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + JobQueue.TABLE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    Job awaitStatus(JobQueue q, long id, Status status) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> q.find(id).orElseThrow().status() == status);
        return q.find(id).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aSubmittedJobRunsReportsProgressAndKeepsItsResult(String which) throws Exception {
        Database db = db(which);
        JobQueue q = queue(db, FAST, "node-a");
        q.start();
        Job queued = q.submit("gated", "10.0.0.1", n(7));
        assertThat(queued.status()).isIn(Status.QUEUED, Status.RUNNING);
        assertThat(queued.params().get("n").asInt()).isEqualTo(7);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> q.find(queued.id()).orElseThrow().progress() == 0.5);
        Job running = q.find(queued.id()).orElseThrow();
        assertThat(running.status()).isEqualTo(Status.RUNNING);
        assertThat(running.instance()).contains("node-a");
        assertThat(running.attempts()).isEqualTo(1);

        gate.countDown();
        Job done = awaitStatus(q, queued.id(), Status.SUCCEEDED);
        assertThat(done.result().orElseThrow().get("square").asInt()).isEqualTo(49);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.times().finished()).isPresent();
        assertThat(done.error()).isEmpty();
        assertThat(runs.get(queued.id()).get()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> executions(db) == 0); // removed just after the row is written
        assertThat(q.list(Optional.of("gated"), Optional.of(Status.SUCCEEDED), Optional.empty(), 10))
                .extracting(Job::id)
                .containsExactly(queued.id());
        assertThat(q.counts())
                .containsEntry(List.of("gated", "SUCCEEDED"), 1L)
                .containsEntry(List.of("boom", "FAILED"), 0L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aRunningJobStopsWhenCancelledAndAQueuedOneNeverStarts(String which) throws Exception {
        Database db = db(which);
        JobQueue q = queue(db, FAST.withThreads(1), "node-a");
        q.start();
        Job first = q.submit("gated", "10.0.0.1", n(1));
        awaitStatus(q, first.id(), Status.RUNNING);
        Job second = q.submit("gated", "10.0.0.1", n(2)); // waits: one thread, busy

        Job cancelledQueued = q.cancel(second.id()).orElseThrow();
        assertThat(cancelledQueued.status()).isEqualTo(Status.CANCELLED);

        Job asked = q.cancel(first.id()).orElseThrow();
        assertThat(asked.cancelRequested()).isTrue();
        Job cancelled = awaitStatus(q, first.id(), Status.CANCELLED);
        assertThat(endedWith.get(first.id())).contains("cancelled");
        assertThat(cancelled.result()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> executions(db) == 0);
        assertThat(runs).doesNotContainKey(second.id());
        assertThat(q.cancel(first.id()).orElseThrow().status()).isEqualTo(Status.CANCELLED);
        assertThat(q.cancel(999_999)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aJobThatKeepsThrowingEndsFailedWithItsReasonAfterTheLastAttempt(String which) throws Exception {
        Database db = db(which);
        JobQueue q = queue(db, FAST.withMaxAttempts(3), "node-a");
        q.start();
        Job j = q.submit("boom", "10.0.0.1", null);
        Job failed = awaitStatus(q, j.id(), Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error().orElseThrow())
                .isEqualTo("failed after 3 attempts: IllegalStateException: exchange said no on attempt 3");
        assertThat(runs.get(j.id()).get()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> executions(db) == 0); // removed just after the row is written

        Job invalid =
                q.submit("boom", "10.0.0.1", Json.mapper().createObjectNode().put("invalid", true));
        Job once = awaitStatus(q, invalid.id(), Status.FAILED);
        assertThat(once.attempts()).isEqualTo(1);
        assertThat(once.error()).contains("x is wrong");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void submitChecksTheKindTheParamsAndThePerClientBound(String which) {
        Database db = db(which);
        JobQueue q = queue(db, FAST.withPerClient(1), "node-a");
        assertThatThrownBy(() -> q.submit("nope", "c", null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("accepted values: boom, gated");
        assertThatThrownBy(() -> q.submit("gated", "c", Json.mapper().createObjectNode()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("params.n");
        q.submit("gated", "c", n(1)); // not started: stays queued
        assertThatThrownBy(() -> q.submit("gated", "c", n(2)))
                .isInstanceOf(TooManyJobsException.class)
                .hasMessageContaining("at most 1");
        assertThat(q.submit("gated", "other client", n(2)).status()).isEqualTo(Status.QUEUED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aStoppingInstanceHandsItsRunningJobBackAndTheNextOneFinishesIt(String which) throws Exception {
        Database db = db(which);
        JobQueue a = queue(db, FAST.withRetryDelay(Duration.ofMillis(100)), "node-a");
        a.start();
        Job j = a.submit("gated", "10.0.0.1", n(3));
        awaitStatus(a, j.id(), Status.RUNNING);
        a.close(); // graceful: the job notices at its next cancel check and goes back to the queue
        Job back = awaitStatus(a, j.id(), Status.QUEUED);
        assertThat(back.attempts()).isZero(); // a stop is not the job's fault
        assertThat(back.error().orElseThrow()).contains("node-a stopped");

        JobQueue b = queue(db, FAST, "node-b");
        b.start();
        gate.countDown();
        Job done = awaitStatus(b, j.id(), Status.SUCCEEDED);
        assertThat(done.instance()).contains("node-b");
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.result().orElseThrow().get("square").asInt()).isEqualTo(9);
        assertThat(runs.get(j.id()).get()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aStoredJobThatWasNeverQueuedIsQueuedByTheNextInstance(String which) throws Exception {
        Database db = db(which);
        long old = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO " + JobQueue.JOBS + " (kind, owner, params, status, progress,"
                                + " cancel_requested, attempts, created_at, updated_at)"
                                + " VALUES ('gated', 'c', '{\"n\":4}', 'QUEUED', 0, FALSE, 0, ?, ?)")) {
            ps.setLong(1, old);
            ps.setLong(2, old);
            ps.executeUpdate(); // as if the submitter died between storing the job and queueing it
        }
        assertThat(executions(db)).isZero();
        JobQueue q = queue(db, FAST, "node-a");
        long id = q.list(Optional.empty(), Optional.empty(), Optional.empty(), 1)
                .get(0)
                .id();
        gate.countDown();
        q.start();
        Job done = awaitStatus(q, id, Status.SUCCEEDED);
        assertThat(done.result().orElseThrow().get("square").asInt()).isEqualTo(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void concurrentSubmissionsFromTwoInstancesNeverExceedTheClientsBound(String which) throws Exception {
        Database db = db(which);
        int bound = 3;
        int perQueue = 12;
        JobQueue a = queue(db, FAST.withPerClient(bound), "node-a"); // not started: every job stays QUEUED
        // on PostgreSQL the second queue has a pool of its own, as a second instance would
        Database other2 = db;
        if (which.equals("postgres")) {
            other2 = Database.builder()
                    .url(TestDatabases.PG_URL)
                    .schema(db.schema())
                    .poolSize(4)
                    .build();
            open.add(other2::close);
        }
        JobQueue b = queue(other2, FAST.withPerClient(bound), "node-b");
        CyclicBarrier together = new CyclicBarrier(2 * perQueue);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Throwable> other = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * perQueue);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 2 * perQueue; i++) {
                JobQueue q = i % 2 == 0 ? a : b;
                int n = i;
                all.add(pool.submit(() -> {
                    try {
                        together.await(30, TimeUnit.SECONDS);
                        q.submit("gated", "10.0.0.9", n(n));
                        accepted.incrementAndGet();
                    } catch (TooManyJobsException e) {
                        refused.incrementAndGet();
                    } catch (Throwable e) {
                        other.add(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(other).isEmpty();
        assertThat(accepted.get()).isEqualTo(bound);
        assertThat(refused.get()).isEqualTo(2 * perQueue - bound);
        assertThat(jobsOf(db, "10.0.0.9")).isEqualTo(bound);
        // another client is not held up by the first one's bound
        assertThat(b.submit("gated", "10.0.0.10", n(1)).status()).isEqualTo(Status.QUEUED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void housekeepingDeletesFinishedJobsOlderThanTheRetentionAndKeepsTheRest(String which) throws Exception {
        Database db = db(which);
        MutableClock clock = new MutableClock(Instant.now());
        JobQueue q = queue(db, FAST.withRetention(Duration.ofHours(1)), "node-a", clock);
        q.start();
        Job failed =
                q.submit("boom", "10.0.0.1", Json.mapper().createObjectNode().put("invalid", true));
        awaitStatus(q, failed.id(), Status.FAILED);
        Job cancelled = q.submit("gated", "10.0.0.1", n(1));
        Job running = q.submit("gated", "10.0.0.1", n(2));
        q.cancel(cancelled.id());
        awaitStatus(q, cancelled.id(), Status.CANCELLED);
        awaitStatus(q, running.id(), Status.RUNNING);

        clock.advance(Duration.ofHours(1).plusMinutes(1)); // the two finished jobs are now past the retention
        Job young =
                q.submit("boom", "10.0.0.1", Json.mapper().createObjectNode().put("invalid", true));
        awaitStatus(q, young.id(), Status.FAILED); // finished after the jump: within the retention

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        q.find(failed.id()).isEmpty() && q.find(cancelled.id()).isEmpty());
        // the same DELETE that removed those two left these: unfinished, and finished too recently
        assertThat(q.find(running.id()).orElseThrow().status()).isEqualTo(Status.RUNNING);
        assertThat(q.find(young.id()).orElseThrow().status()).isEqualTo(Status.FAILED);
        assertThat(q.deleteExpired()).isZero();
        gate.countDown();
        awaitStatus(q, running.id(), Status.SUCCEEDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aRetentionOfZeroKeepsFinishedJobsForever(String which) throws Exception {
        Database db = db(which);
        MutableClock clock = new MutableClock(Instant.now());
        JobQueue q = queue(db, FAST.withRetention(Duration.ZERO), "node-a", clock);
        q.start();
        Job failed =
                q.submit("boom", "10.0.0.1", Json.mapper().createObjectNode().put("invalid", true));
        awaitStatus(q, failed.id(), Status.FAILED);
        clock.advance(Duration.ofDays(3650));
        assertThat(q.deleteExpired()).isZero();
        assertThat(q.find(failed.id())).isPresent();
    }

    static long jobsOf(Database db, String owner) throws Exception {
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM " + JobQueue.JOBS + " WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
