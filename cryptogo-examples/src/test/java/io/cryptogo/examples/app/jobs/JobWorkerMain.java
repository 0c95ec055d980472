package io.cryptogo.examples.app.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptogo.store.jdbc.Database;
import java.time.Duration;

/**
 * A job queue instance in its own JVM, for {@link JobFailoverTest}: {@code JobWorkerMain <jdbc url> <schema>
 * <instance> <max attempts>}. Its {@code slow} jobs report progress for minutes; it prints {@code running <id>
 * <attempt>} when one starts, and is meant to be killed.
 */
public final class JobWorkerMain {
    private JobWorkerMain() {}

    public static void main(String[] args) throws Exception {
        Database db =
                Database.builder().url(args[0]).schema(args[1]).poolSize(4).build();
        JobQueue q = new JobQueue(db, JobFailoverTest.settings(Integer.parseInt(args[3])), args[2]);
        q.kind("slow", new JobKind() {
            @Override
            public void validate(JsonNode params) {}

            @Override
            public JsonNode run(JobContext job) throws Exception {
                System.out.println("running " + job.id() + " " + job.attempt());
                System.out.flush();
                for (int i = 0; i < 6000; i++) {
                    job.progress(i / 6000.0);
                    Thread.sleep(Duration.ofMillis(20));
                }
                return job.params();
            }
        });
        q.start();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10));
    }
}
