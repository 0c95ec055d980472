package io.cryptogo.examples.app.ops.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.cryptogo.store.jdbc.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures {@code /metrics} reads from the database: the HikariCP pool's gauges, the decision journal and
 * the order table aggregated in SQL (the same on every instance sharing the database).
 *
 * <pre>{@code
 * JdbcMetrics.pool(registry, db);
 * Map<String, Long> orders = JdbcMetrics.ordersByStatus(db);
 * }</pre>
 */
public final class JdbcMetrics {
    private JdbcMetrics() {}

    /** The pool's {@code hikaricp.connections.*} gauges; nothing when the database is not a HikariCP pool. */
    public static void pool(MeterRegistry registry, Database db) {
        if (!(db.dataSource() instanceof HikariDataSource h)) {
            return;
        }
        Tags tags = Tags.of("pool", String.valueOf(h.getPoolName()));
        Map<String, ToDoubleFunction<HikariPoolMXBean>> figures = Map.of(
                "active", HikariPoolMXBean::getActiveConnections,
                "idle", HikariPoolMXBean::getIdleConnections,
                "pending", HikariPoolMXBean::getThreadsAwaitingConnection,
                "total", HikariPoolMXBean::getTotalConnections);
        figures.forEach((name, f) -> Gauge.builder("hikaricp.connections." + name, h, ds -> {
                    HikariPoolMXBean mx = ds.getHikariPoolMXBean();
                    return mx == null ? Double.NaN : f.applyAsDouble(mx);
                })
                .tags(tags)
                .register(registry));
        Gauge.builder("hikaricp.connections.max", h, HikariDataSource::getMaximumPoolSize)
                .tags(tags)
                .register(registry);
    }

    /**
     * The decision journal by (source, generator, outcome): {count, tokens in, tokens out, cost in USD}. The
     * source is {@code llm}, {@code rules} or {@code other}; the outcome the action, {@code abstained} or
     * {@code error}. Live decisions only: a backtest's decisions share the journal but are not the app's.
     */
    public static Map<List<String>, double[]> decisions(Database db) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT generator, action, abstained,"
                        + " CASE WHEN error IS NULL THEN 0 ELSE 1 END AS failed, COUNT(*),"
                        + " COALESCE(SUM(tokens_in), 0), COALESCE(SUM(tokens_out), 0),"
                        + " COALESCE(SUM(cost_usd), 0) FROM ai_decisions WHERE origin = 'live'"
                        + " GROUP BY generator, action, abstained, CASE WHEN error IS NULL THEN 0 ELSE 1 END");
                ResultSet rs = ps.executeQuery()) {
            Map<List<String>, double[]> fresh = new HashMap<>();
            while (rs.next()) {
                String generator = rs.getString(1);
                String outcome = rs.getInt(4) == 1 ? "error" : rs.getBoolean(3) ? "abstained" : rs.getString(2);
                String source = generator.startsWith("llm") ? "llm" : generator.startsWith("rules") ? "rules" : "other";
                double[] v = fresh.computeIfAbsent(List.of(source, generator, outcome), k -> new double[4]);
                v[0] += rs.getLong(5);
                v[1] += rs.getLong(6);
                v[2] += rs.getLong(7);
                BigDecimal cost = rs.getBigDecimal(8);
                v[3] += cost == null ? 0 : cost.doubleValue();
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the decision journal: " + e.getMessage(), e);
        }
    }

    /** Orders in the order table by status. */
    public static Map<String, Long> ordersByStatus(Database db) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM orders GROUP BY status");
                ResultSet rs = ps.executeQuery()) {
            Map<String, Long> rows = new LinkedHashMap<>();
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the order table: " + e.getMessage(), e);
        }
    }
}
