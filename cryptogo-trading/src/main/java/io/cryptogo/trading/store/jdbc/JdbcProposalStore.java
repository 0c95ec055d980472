package io.cryptogo.trading.store.jdbc;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.mode.Proposal;
import io.cryptogo.trading.mode.ProposalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Trade proposals (table {@code trade_proposals}) over JDBC, PostgreSQL or H2: the {@link ProposalStore} adapter. */
public final class JdbcProposalStore implements ProposalStore {
    private final Database db;

    public JdbcProposalStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void insert(Proposal p) {
        String sql =
                "INSERT INTO trade_proposals (id, account_id, symbol, side, quantity, entry, stop_loss, take_profit,"
                        + " confidence, generator, reasoning, status, reason, client_order_id, created_at, expires_at, decided_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, p.id());
            ps.setString(2, p.accountId());
            ps.setString(3, p.symbol().toString());
            ps.setString(4, p.side().name());
            ps.setBigDecimal(5, p.quantity());
            ps.setBigDecimal(6, p.entry());
            ps.setBigDecimal(7, p.stopLoss());
            ps.setBigDecimal(8, p.takeProfit());
            ps.setDouble(9, p.confidence());
            ps.setString(10, p.generator());
            ps.setString(11, p.reasoning());
            ps.setString(12, p.status().name());
            ps.setString(13, p.reason().orElse(null));
            ps.setString(14, p.clientOrderId().orElse(null));
            ps.setLong(15, p.createdAt().toEpochMilli());
            ps.setLong(16, p.expiresAt().toEpochMilli());
            if (p.decidedAt().isPresent()) {
                ps.setLong(17, p.decidedAt().get().toEpochMilli());
            } else {
                ps.setNull(17, Types.BIGINT);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CryptoGoException("saving proposal " + p.id() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean decide(Proposal p) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("UPDATE trade_proposals SET status = ?, reason = ?,"
                        + " client_order_id = ?, decided_at = ? WHERE id = ? AND status = 'PENDING'")) {
            ps.setString(1, p.status().name());
            ps.setString(2, p.reason().orElse(null));
            ps.setString(3, p.clientOrderId().orElse(null));
            ps.setLong(4, p.decidedAt().orElseThrow().toEpochMilli());
            ps.setString(5, p.id());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new CryptoGoException("deciding proposal " + p.id() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Proposal> byId(String id) {
        return query("SELECT * FROM trade_proposals WHERE id = ?", id, 1).stream()
                .findFirst();
    }

    /** The account's proposals, newest first; only PENDING ones when {@code pendingOnly}. */
    @Override
    public List<Proposal> list(String accountId, boolean pendingOnly, int limit) {
        return query(
                "SELECT * FROM trade_proposals WHERE account_id = ?" + (pendingOnly ? " AND status = 'PENDING'" : "")
                        + " ORDER BY created_at DESC, id DESC LIMIT " + Math.max(1, limit),
                accountId,
                limit);
    }

    private List<Proposal> query(String sql, String arg, int limit) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            List<Proposal> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long decided = rs.getLong("decided_at");
                    boolean noDecision = rs.wasNull();
                    out.add(Proposal.builder()
                            .id(rs.getString("id"))
                            .accountId(rs.getString("account_id"))
                            .symbol(Symbol.parse(rs.getString("symbol")))
                            .side(Side.valueOf(rs.getString("side")))
                            .quantity(rs.getBigDecimal("quantity"))
                            .entry(rs.getBigDecimal("entry"))
                            .stopLoss(rs.getBigDecimal("stop_loss"))
                            .takeProfit(rs.getBigDecimal("take_profit"))
                            .confidence(rs.getDouble("confidence"))
                            .generator(rs.getString("generator"))
                            .reasoning(Optional.ofNullable(rs.getString("reasoning"))
                                    .orElse(""))
                            .status(Proposal.Status.valueOf(rs.getString("status")))
                            .reason(Optional.ofNullable(rs.getString("reason")))
                            .clientOrderId(Optional.ofNullable(rs.getString("client_order_id")))
                            .createdAt(Instant.ofEpochMilli(rs.getLong("created_at")))
                            .expiresAt(Instant.ofEpochMilli(rs.getLong("expires_at")))
                            .decidedAt(noDecision ? Optional.empty() : Optional.of(Instant.ofEpochMilli(decided)))
                            .build());
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CryptoGoException("reading proposals failed: " + e.getMessage(), e);
        }
    }
}
