package io.cryptogo.store.jdbc;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.CandleStore;
import io.cryptogo.store.Gap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@link CandleStore} over the {@code klines} table, for PostgreSQL and H2 alike. Each instance reads and
 * writes the candles of one market source (the {@code source} column, part of the primary key): a store for
 * {@code BINANCE} never sees a simulated candle, and the other way round.
 *
 * <p>Bulk writes on PostgreSQL stream the rows with {@code COPY}: straight into {@code klines} when nothing is
 * stored yet in the written key ranges (a backfill; should another writer insert one of the keys
 * meanwhile, the unique violation sends the batch down the merging path instead), otherwise into a
 * session-local staging table merged with one {@code INSERT … ON CONFLICT DO UPDATE}. Small writes (and
 * every write on H2) use a batched upsert ({@code MERGE} on H2), or a plain batched insert into an empty
 * range. In every path a closed row is never replaced by an open one.
 *
 * <pre>{@code
 * CandleStore store = new JdbcCandleStore(database, market.source().kind());
 * store.upsertAll(candles);
 * }</pre>
 */
public final class JdbcCandleStore implements CandleStore {
    /** From this many rows on, PostgreSQL writes go through COPY. */
    static final int COPY_THRESHOLD = 200;

    /** From this many rows on, a write into an empty key range skips the conflict handling. */
    static final int FRESH_THRESHOLD = 50;

    private static final String COLUMNS =
            "source, symbol, timeframe, open_time, close_time, open, high, low, close, volume, quote_volume, trades,"
                    + " closed";

    private static final String PG_SET = " DO UPDATE SET close_time = EXCLUDED.close_time, open = EXCLUDED.open,"
            + " high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume,"
            + " quote_volume = EXCLUDED.quote_volume, trades = EXCLUDED.trades, closed = EXCLUDED.closed"
            + " WHERE klines.closed = FALSE OR EXCLUDED.closed = TRUE";

    private static final String INSERT = "INSERT INTO klines (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private static final String PG_UPSERT = "INSERT INTO klines (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (source, symbol, timeframe, open_time)" + PG_SET;

    private static final String PG_STAGE =
            "CREATE TEMP TABLE IF NOT EXISTS klines_stage (source VARCHAR(16), symbol VARCHAR(32),"
                    + " timeframe VARCHAR(4), open_time BIGINT, close_time BIGINT, open NUMERIC, high NUMERIC, low NUMERIC,"
                    + " close NUMERIC, volume NUMERIC, quote_volume NUMERIC, trades BIGINT, closed BOOLEAN)"
                    + " ON COMMIT DELETE ROWS";

    private static final String PG_MERGE_STAGE = "INSERT INTO klines (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM klines_stage ON CONFLICT (source, symbol, timeframe, open_time)" + PG_SET;

    private static final String H2_MERGE =
            "MERGE INTO klines k USING (SELECT CAST(? AS VARCHAR(16)) source, CAST(? AS VARCHAR(32)) symbol,"
                    + " CAST(? AS VARCHAR(4)) timeframe, CAST(? AS BIGINT) open_time, CAST(? AS BIGINT) close_time,"
                    + " CAST(? AS NUMERIC) open, CAST(? AS NUMERIC) high, CAST(? AS NUMERIC) low, CAST(? AS NUMERIC) close,"
                    + " CAST(? AS NUMERIC) volume, CAST(? AS NUMERIC) quote_volume, CAST(? AS BIGINT) trades,"
                    + " CAST(? AS BOOLEAN) closed) s"
                    + " ON k.source = s.source AND k.symbol = s.symbol AND k.timeframe = s.timeframe AND k.open_time = s.open_time"
                    + " WHEN MATCHED AND (k.closed = FALSE OR s.closed = TRUE) THEN UPDATE SET close_time = s.close_time,"
                    + " open = s.open, high = s.high, low = s.low, close = s.close, volume = s.volume,"
                    + " quote_volume = s.quote_volume, trades = s.trades, closed = s.closed"
                    + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS
                    + ") VALUES (s.source, s.symbol, s.timeframe, s.open_time,"
                    + " s.close_time, s.open, s.high, s.low, s.close, s.volume, s.quote_volume, s.trades, s.closed)";

    private static final String SELECT =
            "SELECT " + COLUMNS + " FROM klines WHERE source = ? AND symbol = ? AND timeframe = ?";

    private final Database db;
    private final boolean postgres;
    private final SourceInfo.Kind source;
    private final String sourceLabel;

    /** The candles of {@code source} in {@code db}. */
    public JdbcCandleStore(Database db, SourceInfo.Kind source) {
        this.db = Objects.requireNonNull(db, "db");
        this.source = Objects.requireNonNull(source, "source");
        this.sourceLabel = source.label();
        this.postgres = db.kind() == Database.Kind.POSTGRESQL;
    }

    @Override
    public SourceInfo.Kind source() {
        return source;
    }

    @Override
    public int upsertAll(Collection<Candle> candles) {
        if (candles.isEmpty()) {
            return 0;
        }
        Collection<Candle> rows = collapse(candles);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (rows.size() >= FRESH_THRESHOLD && freshRanges(c, sourceLabel, rows)) {
                    // nothing stored where these rows go (a backfill): plain insert, or straight COPY
                    try {
                        if (postgres) {
                            copy(c, "klines", sourceLabel, rows);
                        } else {
                            batch(c, INSERT, sourceLabel, rows);
                        }
                        c.commit();
                        return rows.size();
                    } catch (SQLException e) {
                        if (!"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                        // another writer got there in between: merge instead
                        c.rollback();
                    }
                }
                if (postgres && rows.size() >= COPY_THRESHOLD) {
                    copyMerge(c, sourceLabel, rows);
                } else {
                    batch(c, postgres ? PG_UPSERT : H2_MERGE, sourceLabel, rows);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                resetAutoCommit(c);
            }
        } catch (SQLException e) {
            throw Sql.translate("writing " + rows.size() + " candles", e);
        }
        return rows.size();
    }

    /** Whether no row is stored in the key range of any series among {@code rows}. */
    private static boolean freshRanges(Connection c, String source, Collection<Candle> rows) throws SQLException {
        Map<Key, long[]> ranges = new LinkedHashMap<>();
        for (Candle k : rows) {
            long t = k.openTime().toEpochMilli();
            long[] r = ranges.computeIfAbsent(new Key(k.symbol(), k.interval(), 0), x -> new long[] {t, t});
            r[0] = Math.min(r[0], t);
            r[1] = Math.max(r[1], t);
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM klines WHERE source = ? AND symbol = ? AND timeframe = ?"
                        + " AND open_time BETWEEN ? AND ? LIMIT 1")) {
            for (Map.Entry<Key, long[]> e : ranges.entrySet()) {
                ps.setString(1, source);
                ps.setString(2, e.getKey().symbol().toString());
                ps.setString(3, e.getKey().interval().code());
                ps.setLong(4, e.getValue()[0]);
                ps.setLong(5, e.getValue()[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Repeated keys keep the last candle, except that a closed candle is never replaced by an open one. */
    static Collection<Candle> collapse(Collection<Candle> candles) {
        if (candles.size() == 1) {
            return candles;
        }
        Map<Key, Candle> byKey = new LinkedHashMap<>(candles.size() * 2);
        for (Candle c : candles) {
            byKey.merge(Key.of(c), c, (old, neu) -> old.closed() && !neu.closed() ? old : neu);
        }
        return byKey.values();
    }

    record Key(Symbol symbol, Interval interval, long openTime) {
        static Key of(Candle c) {
            return new Key(c.symbol(), c.interval(), c.openTime().toEpochMilli());
        }
    }

    private static void batch(Connection c, String sql, String source, Collection<Candle> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 0;
            for (Candle k : rows) {
                ps.setString(1, source);
                ps.setString(2, k.symbol().toString());
                ps.setString(3, k.interval().code());
                ps.setLong(4, k.openTime().toEpochMilli());
                ps.setLong(5, k.closeTime().toEpochMilli());
                ps.setBigDecimal(6, k.open());
                ps.setBigDecimal(7, k.high());
                ps.setBigDecimal(8, k.low());
                ps.setBigDecimal(9, k.close());
                ps.setBigDecimal(10, k.volume());
                ps.setBigDecimal(11, k.quoteVolume());
                ps.setLong(12, k.trades());
                ps.setBoolean(13, k.closed());
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            if (n % 1000 != 0) {
                ps.executeBatch();
            }
        }
    }

    private static void copyMerge(Connection c, String source, Collection<Candle> rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(PG_STAGE);
        }
        copy(c, "klines_stage", source, rows);
        try (Statement st = c.createStatement()) {
            st.executeUpdate(PG_MERGE_STAGE);
        }
    }

    private static void copy(Connection c, String table, String source, Collection<Candle> rows) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        CopyIn in = pg.getCopyAPI().copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN");
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 17);
            StringBuilder line = new StringBuilder(160);
            for (Candle k : rows) {
                line.setLength(0);
                line.append(source)
                        .append('\t')
                        .append(k.symbol())
                        .append('\t')
                        .append(k.interval().code())
                        .append('\t')
                        .append(k.openTime().toEpochMilli())
                        .append('\t')
                        .append(k.closeTime().toEpochMilli())
                        .append('\t')
                        .append(k.open().toPlainString())
                        .append('\t')
                        .append(k.high().toPlainString())
                        .append('\t')
                        .append(k.low().toPlainString())
                        .append('\t')
                        .append(k.close().toPlainString())
                        .append('\t')
                        .append(k.volume().toPlainString())
                        .append('\t')
                        .append(k.quoteVolume().toPlainString())
                        .append('\t')
                        .append(k.trades())
                        .append('\t')
                        .append(k.closed() ? 't' : 'f')
                        .append('\n');
                byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
                buf.write(b, 0, b.length);
                if (buf.size() >= (1 << 16)) {
                    in.writeToCopy(buf.toByteArray(), 0, buf.size());
                    buf.reset();
                }
            }
            if (buf.size() > 0) {
                in.writeToCopy(buf.toByteArray(), 0, buf.size());
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    @Override
    public List<Candle> range(Symbol symbol, Interval interval, Instant from, Instant to) {
        return query(
                "reading " + symbol + " " + interval + " candles",
                SELECT + " AND open_time BETWEEN ? AND ? ORDER BY open_time",
                symbol,
                interval,
                from.toEpochMilli(),
                to.toEpochMilli());
    }

    @Override
    public List<Candle> latest(Symbol symbol, Interval interval, int limit) {
        if (limit < 1) {
            throw new io.cryptogo.error.InvalidRequestException("limit", "limit must be at least 1, got " + limit);
        }
        List<Candle> l = new ArrayList<>(query(
                "reading the latest " + symbol + " " + interval + " candles",
                SELECT + " ORDER BY open_time DESC LIMIT ?",
                symbol,
                interval,
                limit));
        Collections.reverse(l);
        return l;
    }

    @Override
    public Optional<Candle> latestClosed(Symbol symbol, Interval interval) {
        List<Candle> l = query(
                "reading the latest closed " + symbol + " " + interval + " candle",
                SELECT + " AND closed = TRUE ORDER BY open_time DESC LIMIT 1",
                symbol,
                interval);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private List<Candle> query(String what, String sql, Symbol symbol, Interval interval, long... more) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceLabel);
            ps.setString(2, symbol.toString());
            ps.setString(3, interval.code());
            for (int i = 0; i < more.length; i++) {
                ps.setLong(4 + i, more[i]);
            }
            ps.setFetchSize(2000);
            List<Candle> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Candle.of(
                            symbol,
                            interval,
                            Instant.ofEpochMilli(rs.getLong(4)),
                            Instant.ofEpochMilli(rs.getLong(5)),
                            rs.getBigDecimal(6),
                            rs.getBigDecimal(7),
                            rs.getBigDecimal(8),
                            rs.getBigDecimal(9),
                            rs.getBigDecimal(10),
                            rs.getBigDecimal(11),
                            rs.getLong(12),
                            rs.getBoolean(13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.translate(what, e);
        }
    }

    @Override
    public long count(Symbol symbol, Interval interval) {
        return count(symbol, interval, Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE));
    }

    @Override
    public long count(Symbol symbol, Interval interval, Instant from, Instant to) {
        String sql = "SELECT COUNT(*) FROM klines WHERE source = ? AND symbol = ? AND timeframe = ?"
                + " AND open_time BETWEEN ? AND ?";
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceLabel);
            ps.setString(2, symbol.toString());
            ps.setString(3, interval.code());
            ps.setLong(4, from.toEpochMilli());
            ps.setLong(5, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw Sql.translate("counting " + symbol + " " + interval + " candles", e);
        }
    }

    @Override
    public List<Gap> gaps(Symbol symbol, Interval interval, Instant from, Instant to) {
        long step = interval.millis();
        long lo = ceilAlign(from.toEpochMilli(), step);
        long hi = interval.alignMillis(to.toEpochMilli());
        if (hi < lo) {
            return List.of();
        }
        // Only the edges of runs come back: the first and last stored buckets and each bucket whose
        // predecessor is more than one step away.
        String sql = "SELECT open_time, prev, nxt FROM (SELECT open_time,"
                + " LAG(open_time) OVER (ORDER BY open_time) AS prev,"
                + " LEAD(open_time) OVER (ORDER BY open_time) AS nxt"
                + " FROM klines WHERE source = ? AND symbol = ? AND timeframe = ? AND open_time BETWEEN ? AND ?"
                + " AND closed = TRUE) t"
                + " WHERE prev IS NULL OR nxt IS NULL OR open_time - prev > ? ORDER BY open_time";
        List<Gap> gaps = new ArrayList<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceLabel);
            ps.setString(2, symbol.toString());
            ps.setString(3, interval.code());
            ps.setLong(4, lo);
            ps.setLong(5, hi);
            ps.setLong(6, step);
            boolean any = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    any = true;
                    long t = rs.getLong(1);
                    long prev = rs.getLong(2);
                    boolean first = rs.wasNull();
                    rs.getLong(3);
                    boolean last = rs.wasNull();
                    if (first && t > lo) {
                        gaps.add(gap(lo, t - step));
                    }
                    if (!first && t - prev > step) {
                        gaps.add(gap(prev + step, t - step));
                    }
                    if (last && t < hi) {
                        gaps.add(gap(t + step, hi));
                    }
                }
            }
            if (!any) {
                gaps.add(gap(lo, hi));
            }
        } catch (SQLException e) {
            throw Sql.translate("looking for gaps in " + symbol + " " + interval, e);
        }
        return gaps;
    }

    private static Gap gap(long from, long to) {
        return new Gap(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }

    static long ceilAlign(long t, long step) {
        return -Math.floorDiv(-t, step) * step;
    }

    @Override
    public int delete(Symbol symbol, Interval interval, Instant from, Instant to) {
        String sql =
                "DELETE FROM klines WHERE source = ? AND symbol = ? AND timeframe = ? AND open_time BETWEEN ? AND ?";
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sourceLabel);
            ps.setString(2, symbol.toString());
            ps.setString(3, interval.code());
            ps.setLong(4, from.toEpochMilli());
            ps.setLong(5, to.toEpochMilli());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.translate("deleting " + symbol + " " + interval + " candles", e);
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is already broken; the pool evicts it
        }
    }

    static void resetAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above
        }
    }

    @Override
    public String toString() {
        return "JdbcCandleStore[" + sourceLabel + " candles in " + db + "]";
    }
}
