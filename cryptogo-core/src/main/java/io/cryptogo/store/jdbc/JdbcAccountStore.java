package io.cryptogo.store.jdbc;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Balance;
import io.cryptogo.store.AccountStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link AccountStore} over the {@code accounts} and {@code balances} tables (PostgreSQL or H2).
 *
 * <pre>{@code
 * new JdbcAccountStore(database).replaceBalances("paper", "paper", paper.balances());
 * }</pre>
 */
public final class JdbcAccountStore implements AccountStore {
    private final Database db;
    private final Clock clock;

    public JdbcAccountStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public JdbcAccountStore(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void replaceBalances(String accountId, String venue, List<Balance> balances) {
        if (accountId == null || accountId.isBlank() || accountId.length() > 64) {
            throw new InvalidRequestException(
                    "accountId", "account id must be 1-64 characters, got '" + accountId + "'");
        }
        Objects.requireNonNull(venue, "venue");
        long now = clock.millis();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE accounts SET venue = ?, updated_at = ? WHERE id = ?")) {
                    ps.setString(1, venue);
                    ps.setLong(2, now);
                    ps.setString(3, accountId);
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO accounts (id, venue, created_at, updated_at) VALUES (?,?,?,?)")) {
                        ps.setString(1, accountId);
                        ps.setString(2, venue);
                        ps.setLong(3, now);
                        ps.setLong(4, now);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM balances WHERE account_id = ?")) {
                    ps.setString(1, accountId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO balances (account_id, asset, free, locked, updated_at) VALUES (?,?,?,?,?)")) {
                    for (Balance b : balances) {
                        ps.setString(1, accountId);
                        ps.setString(2, b.asset());
                        ps.setBigDecimal(3, b.free());
                        ps.setBigDecimal(4, b.locked());
                        ps.setLong(5, now);
                        ps.addBatch();
                    }
                    if (!balances.isEmpty()) {
                        ps.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                JdbcCandleStore.rollbackQuietly(c);
                throw e;
            } finally {
                JdbcCandleStore.resetAutoCommit(c);
            }
        } catch (SQLException e) {
            throw Sql.translate("writing balances of account " + accountId, e);
        }
    }

    @Override
    public List<Balance> balances(String accountId) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT asset, free, locked FROM balances WHERE account_id = ? ORDER BY asset")) {
            ps.setString(1, accountId);
            List<Balance> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Balance(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.translate("reading balances of account " + accountId, e);
        }
    }

    @Override
    public List<String> accounts() {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM accounts ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw Sql.translate("reading accounts", e);
        }
    }
}
