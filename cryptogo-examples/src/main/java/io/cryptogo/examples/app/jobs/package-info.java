/**
 * Durable jobs for the sample app: backfills, backtests, AI analyses and parameter sweeps run off the request
 * path, queued in the app's database (PostgreSQL, or the embedded H2 on a single instance) through
 * db-scheduler, picked up by any instance, with progress, cancel and a result. A job outlives the instance
 * that ran it: another instance retries it once its heartbeat stops, and after {@code JOBS_MAX_ATTEMPTS}
 * attempts it ends {@code FAILED} with the reason. {@link io.cryptogo.examples.app.jobs.JobQueue} is the queue,
 * {@link io.cryptogo.examples.app.jobs.JobsModule} the REST surface ({@code /api/v1/jobs}).
 */
package io.cryptogo.examples.app.jobs;
