package io.cryptogo.examples.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.examples.app.Json;
import io.cryptogo.examples.app.jobs.Job.Status;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two queue instances on one PostgreSQL schema: the first runs in a child JVM and is killed mid-job ({@code
 * destroyForcibly}, no cleanup, no last heartbeat); the second takes the job over once the heartbeat is stale and
 * finishes it. One result, no duplicate, nothing lost; and a job whose instances keep dying ends FAILED with the
 * reason.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JobFailoverTest {
    final List<AutoCloseable> open = new ArrayList<>();
    final List<Process> children = new ArrayList<>();
    final AtomicInteger runsHere = new AtomicInteger();

    /** Heartbeat 250 ms, dead after 1 s: fast enough for a test, the same code path as the defaults. */
    static JobSettings settings(int maxAttempts) {
        return JobSettings.defaults()
                .withPollInterval(Duration.ofMillis(200))
                .withHeartbeat(Duration.ofMillis(250), 4)
                .withRetryDelay(Duration.ofMillis(100))
                .withMaxAttempts(maxAttempts);
    }

    @AfterEach
    void close() throws Exception {
        for (Process p : children) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    JobQueue here(Database db, int maxAttempts) {
        JobQueue q = new JobQueue(db, settings(maxAttempts), "node-b");
        q.kind("slow", new JobKind() {
            @Override
            public void validate(JsonNode params) {}

            @Override
            public JsonNode run(JobContext job) {
                runsHere.incrementAndGet();
                job.progress(1);
                return Json.mapper().createObjectNode().put("by", "node-b").put("attempt", job.attempt());
            }
        });
        open.add(q);
        return q;
    }

    /** Starts a worker JVM and waits until it has started job {@code id}. */
    Process worker(String schema, String instance, int maxAttempts, long id) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        JobWorkerMain.class.getName(),
                        TestDatabases.PG_URL,
                        schema,
                        instance,
                        Integer.toString(maxAttempts))
                .redirectErrorStream(true)
                .start();
        children.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.startsWith("running " + id + " "));
        assertThat(line).as("the worker started job " + id).isNotNull();
        // keep draining its output so that it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (java.io.IOException ignored) {
                // the process was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    static int executions(Database db) throws Exception {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + JobQueue.TABLE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void whenTheInstanceRunningAJobIsKilledAnotherOneFinishesItOnce() throws Exception {
        TestDatabases.Handle h = TestDatabases.postgres("job_failover");
        open.add(h);
        Database db = h.database();
        JobQueue b = here(db, 3);
        Job j = b.submit("slow", "10.0.0.1", Json.mapper().createObjectNode().put("n", 1));

        Process a = worker(db.schema(), "node-a", 3, j.id());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> b.find(j.id()).orElseThrow().progress() > 0);
        Job running = b.find(j.id()).orElseThrow();
        assertThat(running.status()).isEqualTo(Status.RUNNING);
        assertThat(running.instance()).contains("node-a");

        a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long killed = System.nanoTime();
        b.start();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> b.find(j.id()).orElseThrow().status().finished());
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        System.out.println("job finished on the survivor " + takeover.toMillis() + " ms after the kill");

        Job done = b.find(j.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(done.instance()).contains("node-b");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.result().orElseThrow().get("by").asText()).isEqualTo("node-b");
        assertThat(runsHere.get()).isEqualTo(1);
        assertThat(takeover).isLessThan(Duration.ofSeconds(30));
        assertThat(b.list(Optional.empty(), Optional.empty(), Optional.empty(), 100))
                .hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> executions(db) == 0); // removed just after the row is written
    }

    @Test
    void aJobWhoseInstancesKeepDyingEndsFailedWithTheReason() throws Exception {
        TestDatabases.Handle h = TestDatabases.postgres("job_failover_dies");
        open.add(h);
        Database db = h.database();
        JobQueue b = here(db, 2);
        Job j = b.submit("slow", "10.0.0.1", Json.mapper().createObjectNode());

        worker(db.schema(), "node-a1", 2, j.id()).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        // the second worker takes it over once the first one's heartbeat is stale, and dies too
        worker(db.schema(), "node-a2", 2, j.id()).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(b.find(j.id()).orElseThrow().attempts()).isEqualTo(2);

        b.start();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> b.find(j.id()).orElseThrow().status().finished());
        Job failed = b.find(j.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().orElseThrow())
                .isEqualTo("gave up after 2 attempts: attempt 2 on node-a2 stopped without finishing");
        assertThat(runsHere.get()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> executions(db) == 0); // removed just after the row is written
    }
}
