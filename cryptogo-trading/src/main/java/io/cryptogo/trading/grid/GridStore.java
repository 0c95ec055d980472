package io.cryptogo.trading.grid;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where grids are kept so that a restart resumes them (JDBC: {@code io.cryptogo.trading.grid.jdbc.JdbcGridStore}; memory: {@link #inMemory()}). */
public interface GridStore {
    /** A stored grid: its id, when it started, its status and the book's state as JSON. */
    record Stored(String id, Instant createdAt, Instant updatedAt, String status, String state) {
        public Stored {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(state, "state");
        }
    }

    /** Stores a new grid. */
    void create(GridBook book, Instant createdAt);

    /** Stores the book's current state. */
    void save(GridBook book, Instant createdAt, Instant now);

    Optional<Stored> load(String id);

    /** Every stored grid, newest first. */
    List<Stored> list();

    /** A store in memory (tests, backtests). */
    static GridStore inMemory() {
        return new GridStore() {
            private final java.util.Map<String, Stored> grids = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public void create(GridBook book, Instant createdAt) {
                grids.put(
                        book.gridId(),
                        new Stored(
                                book.gridId(),
                                createdAt,
                                createdAt,
                                book.status().name(),
                                book.toJson()));
            }

            @Override
            public void save(GridBook book, Instant createdAt, Instant now) {
                grids.put(
                        book.gridId(),
                        new Stored(book.gridId(), createdAt, now, book.status().name(), book.toJson()));
            }

            @Override
            public Optional<Stored> load(String id) {
                return Optional.ofNullable(grids.get(id));
            }

            @Override
            public List<Stored> list() {
                return grids.values().stream()
                        .sorted(java.util.Comparator.comparing(Stored::createdAt)
                                .reversed())
                        .toList();
            }
        };
    }
}
