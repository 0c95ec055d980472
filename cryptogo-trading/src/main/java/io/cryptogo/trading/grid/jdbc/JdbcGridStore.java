package io.cryptogo.trading.grid.jdbc;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.trading.grid.GridBook;
import io.cryptogo.trading.grid.GridStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Grids in the {@code grids} table (PostgreSQL or H2), one row per grid with its state as JSON. */
public final class JdbcGridStore implements GridStore {
    private final Database db;

    public JdbcGridStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(GridBook book, Instant createdAt) {
        try (Connection c = db.connection();
                PreparedStatement st = c.prepareStatement(
                        "INSERT INTO grids (id, symbol, status, created_at, updated_at, state) VALUES (?,?,?,?,?,?)")) {
            st.setString(1, book.gridId());
            st.setString(2, book.settings().symbol().toString());
            st.setString(3, book.status().name());
            st.setLong(4, createdAt.toEpochMilli());
            st.setLong(5, createdAt.toEpochMilli());
            st.setString(6, book.toJson());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new CryptoGoException("storing grid " + book.gridId() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(GridBook book, Instant createdAt, Instant now) {
        try (Connection c = db.connection();
                PreparedStatement st =
                        c.prepareStatement("UPDATE grids SET status = ?, updated_at = ?, state = ? WHERE id = ?")) {
            st.setString(1, book.status().name());
            st.setLong(2, now.toEpochMilli());
            st.setString(3, book.toJson());
            st.setString(4, book.gridId());
            if (st.executeUpdate() == 0) {
                create(book, createdAt);
            }
        } catch (SQLException e) {
            throw new CryptoGoException("saving grid " + book.gridId() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Stored> load(String id) {
        try (Connection c = db.connection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, created_at, updated_at, status, state FROM grids WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CryptoGoException("reading grid " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Stored> list() {
        try (Connection c = db.connection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, created_at, updated_at, status, state FROM grids ORDER BY created_at DESC, id");
                ResultSet rs = st.executeQuery()) {
            List<Stored> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new CryptoGoException("listing grids failed: " + e.getMessage(), e);
        }
    }

    private static Stored row(ResultSet rs) throws SQLException {
        return new Stored(
                rs.getString(1),
                Instant.ofEpochMilli(rs.getLong(2)),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4),
                rs.getString(5));
    }
}
