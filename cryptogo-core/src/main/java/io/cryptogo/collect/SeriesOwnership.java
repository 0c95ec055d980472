package io.cryptogo.collect;

import io.cryptogo.store.jdbc.Database;
import io.cryptogo.store.jdbc.PgAdvisoryOwnership;
import java.util.List;
import java.util.Set;

/**
 * Which of the collected series this instance owns. Several instances on one PostgreSQL split the series
 * between them, each series owned through its own advisory lock ({@link PgAdvisoryOwnership}, the JDBC adapter); on H2 (one
 * embedded instance) the instance owns every series.
 *
 * <pre>{@code
 * try (SeriesOwnership o = SeriesOwnership.forDatabase(db)) {
 *     Set<Series> mine = o.claim(settings.series());   // call again every check period
 * }
 * }</pre>
 */
public interface SeriesOwnership extends AutoCloseable {

    /**
     * Keeps, takes or gives up series so that this instance owns its share of {@code all}; returns the series
     * it owns now. Never throws for a database outage (it answers the empty set).
     */
    Set<Series> claim(List<Series> all);

    /** Gives every series up (others take them at their next claim). */
    @Override
    void close();

    /** Advisory locks per series on PostgreSQL, everything on H2. */
    static SeriesOwnership forDatabase(Database db) {
        if (db.kind() != Database.Kind.POSTGRESQL) {
            return all();
        }
        // the key keeps the lock of each series what it always was, so old and new instances agree
        PgAdvisoryOwnership<Series> locks = new PgAdvisoryOwnership<>(
                db, "collector", s -> s.symbol() + ":" + s.interval().code());
        return new SeriesOwnership() {
            @Override
            public Set<Series> claim(List<Series> all) {
                return locks.claim(all);
            }

            @Override
            public void close() {
                locks.close();
            }

            @Override
            public String toString() {
                return locks.toString();
            }
        };
    }

    /** Owns every series (a single instance). */
    static SeriesOwnership all() {
        return new SeriesOwnership() {
            private volatile boolean closed;

            @Override
            public Set<Series> claim(List<Series> all) {
                return closed ? Set.of() : Set.copyOf(all);
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
