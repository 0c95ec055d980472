package io.cryptogo.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits named items (the collector's series) between the instances sharing one PostgreSQL schema with
 * session advisory locks, all held on one connection this instance keeps:
 *
 * <ul>
 *   <li>every instance holds a <em>shared</em> lock on a membership key, so {@code pg_locks} counts the live
 *       instances (a dead instance's session, and with it its locks, is gone);
 *   <li>each item has its own <em>exclusive</em> lock; an instance owns an item while it holds that lock.
 * </ul>
 *
 * At each {@link #claim} an instance aims at {@code ceil(items / instances)} items: it releases those above
 * its share (the newest claimed first) and tries free ones below it. When an instance dies, its session ends,
 * its locks are released and the others take its items at their next claim (one check period). The lock of
 * an item is the first 8 bytes of SHA-256 of {@code "cryptogo:" + name + "@" + schema + ":" + key(item)}.
 *
 * <p>The JDBC half of {@code io.cryptogo.collect.SeriesOwnership} (which adapts it to series), kept generic so
 * that this adapter package depends on no service package.
 *
 * <pre>{@code
 * var o = new PgAdvisoryOwnership<Series>(db, "collector", s -> s.symbol() + ":" + s.interval().code());
 * Set<Series> mine = o.claim(List.of(Series.of("BTC/USDT", Interval.M1), Series.of("BTC/USDT", Interval.H1)));
 * }</pre>
 *
 * @param <T> the items shared out (equal items share a key)
 */
public final class PgAdvisoryOwnership<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgAdvisoryOwnership.class);

    private final Database db;
    private final String name;
    private final String label;
    private final Function<? super T, String> key;
    private final long memberKey;
    private final LinkedHashSet<T> owned = new LinkedHashSet<>();
    private Connection held;
    private boolean closed;

    /**
     * @param name who shares (locks of different names never collide), e.g. {@code "collector"}
     * @param key an item's stable name within {@code name}: its lock key derives from it
     */
    public PgAdvisoryOwnership(Database db, String name, Function<? super T, String> key) {
        this.db = Objects.requireNonNull(db, "db");
        this.name = Objects.requireNonNull(name, "name");
        this.key = Objects.requireNonNull(key, "key");
        this.label = name + "@" + db.schema();
        this.memberKey = keyOf(label + ":members");
    }

    /** The advisory lock key of one item. */
    long keyOf(T item) {
        return keyOf(label + ":" + key.apply(item));
    }

    /**
     * Keeps, takes or gives up items so that this instance owns its share of {@code all}; returns the items it
     * owns now. Never throws for a database outage: it owns nothing until the database answers.
     */
    public synchronized Set<T> claim(List<T> all) {
        if (closed) {
            return Set.of();
        }
        try {
            Connection c = connection();
            int members = Math.max(1, members(c));
            int share = (all.size() + members - 1) / members;
            owned.retainAll(all);
            List<T> mine = new ArrayList<>(owned);
            for (int i = mine.size() - 1; i >= share; i--) {
                T s = mine.get(i);
                unlock(c, keyOf(s));
                owned.remove(s);
                log.info("{} gives {} up: {} instances share {} items", name, s, members, all.size());
            }
            for (T s : all) {
                if (owned.size() >= share) {
                    break;
                }
                if (!owned.contains(s) && tryLock(c, keyOf(s))) {
                    owned.add(s);
                    log.info("{} owns {} ({} of {}, {} instances)", name, s, owned.size(), all.size(), members);
                }
            }
            return Set.copyOf(owned);
        } catch (SQLException | RuntimeException e) {
            log.warn("cannot claim the share of {}: {}; owning none until the database answers", label, e.getMessage());
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
            log.warn("the connection holding {}'s advisory locks dropped; claiming again", label);
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
        return members(c, memberKey);
    }

    /**
     * How many live instances are members of {@code name} on {@code db}'s schema now: those that have claimed
     * through a {@code PgAdvisoryOwnership} of that name and not closed it (an empty claim makes a member that
     * owns nothing, a way to announce a role to the others). Asking does not make this instance a member.
     *
     * @throws io.cryptogo.error.CryptoGoException when the database does not answer
     */
    public static int members(Database db, String name) {
        long key = keyOf(name + "@" + db.schema() + ":members");
        try (Connection c = db.connection()) {
            return members(c, key);
        } catch (SQLException e) {
            throw new io.cryptogo.error.CryptoGoException(
                    "cannot count the members of " + name + "@" + db.schema() + ": " + e.getMessage(), e);
        }
    }

    private static int members(Connection c, long memberKey) throws SQLException {
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

    /** The items owned after the last claim. */
    public synchronized Set<T> owned() {
        return Set.copyOf(owned);
    }

    /** Gives every item up at once (the others take them at their next claim); later claims own nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (held != null && !owned.isEmpty()) {
            log.info("{} gives up {} items of {}", name, owned.size(), label);
        }
        Connection c = held;
        if (c != null) {
            // release at once (evicting the connection closes it asynchronously)
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                ps.execute();
            } catch (SQLException e) {
                log.debug("releasing the advisory locks failed ({}); they go with the session", e.getMessage());
            }
        }
        drop();
    }

    @Override
    public String toString() {
        return "PgAdvisoryOwnership[" + label + " owned=" + owned + "]";
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
