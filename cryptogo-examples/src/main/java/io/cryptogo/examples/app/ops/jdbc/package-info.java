/**
 * The JDBC side of the app's metrics ({@link io.cryptogo.examples.app.ops.jdbc.JdbcMetrics}): the pool's gauges
 * and the journal and order figures aggregated in SQL, so that {@code app.ops} itself touches no JDBC.
 */
package io.cryptogo.examples.app.ops.jdbc;
