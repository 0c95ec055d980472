package io.cryptogo.collect;

import com.zaxxer.hikari.HikariDataSource;
import io.cryptogo.store.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits series between the instances sharing one PostgreSQL schema with session advisory locks, all held
 * on one connection this instance keeps:
 *
 * <ul>
 *   <li>every instance holds a <em>shared</em> lock on a membership key, so {@code pg_locks} counts the live
 *       instances (a dead instance's session, and with it its locks, is gone);
 *   <li>each series has its own <em>exclusive</em> lock; an instance owns a series while it holds that lock.
 * </ul>
 *
 * At each {@link #claim} an instance aims at {@code ceil(series / instances)} series: it releases those above
 * its share (the newest claimed first) and tries free ones below it. When an instance dies, its session ends,
 * its locks are released and the others take its series at their next claim (one check period).
 *
 * <pre>{@code
 * PgSeriesOwnership o = new PgSeriesOwnership(db, "collector");
 * Set<Series> mine = o.claim(List.of(Series.of("BTC/USDT", Interval.M1), Series.of("BTC/USDT", Interval.H1)));
 * }</pre>
 */
public final class PgSeriesOwnership implements SeriesOwnership {
    private static final Logger log = LoggerFactory.getLogger(PgSeriesOwnership.class);

    private final Database db;
    private final String label;
    private final long memberKey;
    private final LinkedHashSet<Series> owned = new LinkedHashSet<>();
    private Connection held;
    private boolean closed;

    public PgSeriesOwnership(Database db, String name) {
        this.db = Objects.requireNonNull(db, "db");
        this.label = name + "@" + db.schema();
        this.memberKey = keyOf(label + ":members");
    }

    /** The advisory lock key of one series. */
    long keyOf(Series s) {
        return keyOf(label + ":" + s.symbol() + ":" + s.interval().code());
    }

    @Override
    public synchronized Set<Series> claim(List<Series> all) {
        if (closed) {
            return Set.of();
        }
        try {
            Connection c = connection();
            int members = Math.max(1, members(c));
            int share = (all.size() + members - 1) / members;
            owned.retainAll(all);
            List<Series> mine = new ArrayList<>(owned);
            for (int i = mine.size() - 1; i >= share; i--) {
                Series s = mine.get(i);
                unlock(c, keyOf(s));
                owned.remove(s);
                log.info("collector gives {} up: {} instances share {} series", s, members, all.size());
            }
            for (Series s : all) {
                if (owned.size() >= share) {
                    break;
                }
                if (!owned.contains(s) && tryLock(c, keyOf(s))) {
                    owned.add(s);
                    log.info("collector owns {} ({} of {} series, {} instances)", s, owned.size(), all.size(), members);
                }
            }
            return Set.copyOf(owned);
        } catch (SQLException | RuntimeException e) {
            log.warn("cannot claim series of {}: {}; owning none until the database answers", label, e.getMessage());
            drop();
            return Set.of();
        }
    }

    /** The connection holding the locks, opened (and the membership taken) when there is none or it died. */
    private Connection connection() throws SQLException {
        if (held != null) {
            if (alive(held)) {
                return held;
            }
            log.warn("the connection holding {}'s series locks dropped; claiming again", label);
            drop();
        }
        Connection c = db.connection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock_shared(?)")) {
            ps.setLong(1, memberKey);
            ps.execute();
        } catch (SQLException e) {
            evict(c);
            throw e;
        }
        held = c;
        return c;
    }

    private int members(Connection c) throws SQLException {
        // a bigint advisory key shows in pg_locks as classid (high half), objid (low half), objsubid 1
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND classid = ? AND objid = ? AND objsubid = 1 AND granted AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())")) {
            ps.setLong(1, memberKey >>> 32);
            ps.setLong(2, memberKey & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        }
    }

    private static boolean alive(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private void drop() {
        owned.clear();
        Connection c = held;
        held = null;
        if (c != null) {
            evict(c);
        }
    }

    /** A connection whose session held locks goes away for good: its locks must not outlive it in the pool. */
    private void evict(Connection c) {
        if (db.dataSource() instanceof HikariDataSource pool) {
            pool.evictConnection(c);
        } else {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already gone, and its locks with it
            }
        }
    }

    /** The server process of the session holding the locks (tests end it to play a dead instance). */
    synchronized int backendPid() {
        try (PreparedStatement ps = connection().prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The series owned after the last claim. */
    public synchronized Set<Series> owned() {
        return Set.copyOf(owned);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (held != null && !owned.isEmpty()) {
            log.info("collector gives up {} series of {}", owned.size(), label);
        }
        Connection c = held;
        if (c != null) {
            // release at once (evicting the connection closes it asynchronously)
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                ps.execute();
            } catch (SQLException e) {
                log.debug("releasing the series locks failed ({}); they go with the session", e.getMessage());
            }
        }
        drop();
    }

    @Override
    public String toString() {
        return "PgSeriesOwnership[" + label + " owned=" + owned + "]";
    }

    /** A 64-bit advisory lock key for a label: the first 8 bytes of SHA-256("cryptogo:" + label). */
    static long keyOf(String label) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("cryptogo:" + label).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
