package io.cryptogo.collect;

import com.zaxxer.hikari.HikariDataSource;
import io.cryptogo.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election with a PostgreSQL session advisory lock ({@code pg_try_advisory_lock}) held on a
 * connection taken from the pool and kept for as long as this instance leads. The lock lives exactly as
 * long as that session: if the connection drops (a server restart, {@code pg_terminate_backend}, a network
 * cut) the server releases the lock, another instance may take it, and this one finds out at its next
 * {@link #tryLead()} and tries to take it again on a new connection.
 *
 * <p>The lock key is a 64-bit hash of {@code name} and the schema, so instances sharing a schema compete
 * and instances in different schemas do not.
 *
 * <pre>{@code
 * Leadership l = new PgAdvisoryLeadership(db, "collector");
 * boolean leading = l.tryLead();
 * }</pre>
 */
public final class PgAdvisoryLeadership implements Leadership {
    private static final Logger log = LoggerFactory.getLogger(PgAdvisoryLeadership.class);

    private final Database db;
    private final String label;
    private final long key;
    private Connection held;
    private volatile boolean leader;
    private boolean closed;

    public PgAdvisoryLeadership(Database db, String name) {
        this.db = Objects.requireNonNull(db, "db");
        this.label = name + "@" + db.schema();
        this.key = keyOf(label);
    }

    /** The advisory lock key used for {@code name} in {@code schema}. */
    static long keyOf(String label) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(("cryptogo:" + label).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lock key, as {@code pg_locks} shows it split into two 32-bit halves. */
    public long key() {
        return key;
    }

    @Override
    public synchronized boolean tryLead() {
        if (closed) {
            return false;
        }
        if (held != null) {
            if (alive(held)) {
                return true;
            }
            log.warn("leadership of {} lost: its database connection dropped; trying to take it again", label);
            discard();
        }
        // after a drop the pool may still hand out a few dead connections: evict them and try again
        for (int attempt = 1; attempt <= 3; attempt++) {
            Connection c = null;
            try {
                c = db.connection();
                boolean got;
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    ps.setLong(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        got = rs.getBoolean(1);
                    }
                }
                if (got) {
                    held = c;
                    leader = true;
                    log.info("this instance now leads {}", label);
                    return true;
                }
                c.close();
                return false;
            } catch (SQLException | RuntimeException e) {
                if (c != null) {
                    evict(c);
                }
                if (attempt == 3) {
                    log.warn("cannot check leadership of {}: {}", label, e.getMessage());
                }
            }
        }
        return false;
    }

    private static boolean alive(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private void discard() {
        leader = false;
        Connection c = held;
        held = null;
        if (c != null) {
            evict(c);
        }
    }

    /** A broken connection must not go back to the pool as if healthy. */
    private void evict(Connection c) {
        if (db.dataSource() instanceof HikariDataSource pool) {
            pool.evictConnection(c);
        } else {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to release: the session is gone and the lock with it
            }
        }
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (held != null) {
            try (PreparedStatement ps = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
                log.info("this instance no longer leads {}", label);
            } catch (SQLException e) {
                log.warn(
                        "releasing leadership of {} failed ({}); the lock goes with the connection",
                        label,
                        e.getMessage());
                discard();
                return;
            }
            leader = false;
            try {
                held.close();
            } catch (SQLException ignored) {
                // returned to the pool or already gone
            }
            held = null;
        }
        leader = false;
    }

    @Override
    public String toString() {
        return "PgAdvisoryLeadership[" + label + " key=" + key + " leader=" + leader + "]";
    }
}
