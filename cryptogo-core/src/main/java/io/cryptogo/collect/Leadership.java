package io.cryptogo.collect;

import io.cryptogo.store.Database;

/**
 * Which of several instances sharing one database does the collecting. On PostgreSQL a session advisory
 * lock held on a dedicated connection ({@link PgAdvisoryLeadership}); on H2 (a single embedded instance)
 * the one instance always leads.
 *
 * <pre>{@code
 * try (Leadership l = Leadership.forDatabase(db, "collector")) {
 *     if (l.tryLead()) { collect(); }
 * }
 * }</pre>
 */
public interface Leadership extends AutoCloseable {

    /**
     * Checks that leadership still holds (its connection alive) or tries to take it; never blocks for
     * long and never throws for a database outage (it answers false).
     */
    boolean tryLead();

    /** The answer of the last {@link #tryLead()}. */
    boolean isLeader();

    /** Gives leadership up (another instance may take it at once). */
    @Override
    void close();

    /** Advisory-lock leadership on PostgreSQL, always-lead on H2; {@code name} separates independent jobs. */
    static Leadership forDatabase(Database db, String name) {
        return db.kind() == Database.Kind.POSTGRESQL ? new PgAdvisoryLeadership(db, name) : always();
    }

    /** A leadership that always leads (a single instance). */
    static Leadership always() {
        return new Leadership() {
            private volatile boolean closed;

            @Override
            public boolean tryLead() {
                return !closed;
            }

            @Override
            public boolean isLeader() {
                return !closed;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
