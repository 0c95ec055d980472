/**
 * Operations of the sample app: the Prometheus {@code GET /metrics} endpoint ({@link
 * io.cryptogo.examples.app.ops.MetricsModule}), request timing, and structured JSON logs with secrets
 * masked ({@link io.cryptogo.examples.app.ops.AppLogLayout}, {@code LOG_FORMAT=json}). See
 * docs/operations.md.
 */
package io.cryptogo.examples.app.ops;
