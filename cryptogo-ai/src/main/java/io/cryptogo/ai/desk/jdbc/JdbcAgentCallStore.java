package io.cryptogo.ai.desk.jdbc;

import io.cryptogo.ai.desk.AgentCall;
import io.cryptogo.ai.desk.AgentCallStore;
import io.cryptogo.ai.desk.DeskRole;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.store.jdbc.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent-call journal in table {@code ai_agent_calls} (migration V8), the same SQL on PostgreSQL and H2.
 *
 * <pre>{@code
 * AgentCallStore calls = new JdbcAgentCallStore(cg.database());
 * }</pre>
 */
public final class JdbcAgentCallStore implements AgentCallStore {
    private static final String COLUMNS = "decision_id, seq, role, round, model, prompt_hash, prompt, raw_answer,"
            + " parsed_view, tokens_in, tokens_out, cost_usd, latency_ms, cached, error, cache_key, called_at";

    private final Database database;

    public JdbcAgentCallStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void save(long decisionId, List<AgentCall> calls) {
        String sql = "INSERT INTO ai_agent_calls (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int seq = 0;
            for (AgentCall a : calls) {
                int i = 1;
                ps.setLong(i++, decisionId);
                ps.setInt(i++, seq++);
                ps.setString(i++, a.role().key());
                ps.setInt(i++, a.round());
                ps.setString(i++, a.model());
                ps.setString(i++, a.promptHash().orElse(null));
                ps.setString(i++, a.prompt().orElse(null));
                ps.setString(i++, a.rawAnswer().orElse(null));
                ps.setString(i++, a.view());
                ps.setInt(i++, a.usage().tokensIn());
                ps.setInt(i++, a.usage().tokensOut());
                if (a.usage().costUsd().isPresent()) {
                    ps.setBigDecimal(i++, a.usage().costUsd().get());
                } else {
                    ps.setNull(i++, Types.NUMERIC);
                }
                ps.setLong(i++, a.usage().latency().toMillis());
                ps.setBoolean(i++, a.usage().cached());
                ps.setString(i++, a.error().orElse(null));
                ps.setString(i++, a.cacheKey().orElse(null));
                ps.setLong(i, a.usage().at().toEpochMilli());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new CryptoGoException(
                    "saving the desk transcript of AI decision " + decisionId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AgentCall> transcript(long decisionId) {
        String sql = "SELECT " + COLUMNS + " FROM ai_agent_calls WHERE decision_id = ? ORDER BY seq";
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, decisionId);
            List<AgentCall> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CryptoGoException(
                    "reading the desk transcript of " + decisionId + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> cachedAnswer(String cacheKey) {
        String sql = "SELECT raw_answer FROM ai_agent_calls WHERE cache_key = ? AND error IS NULL"
                + " AND raw_answer IS NOT NULL ORDER BY id LIMIT 1";
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, cacheKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CryptoGoException("reading the desk's response cache failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Spend spentSince(Instant from) {
        String sql = "SELECT COALESCE(SUM(tokens_in + tokens_out), 0), COALESCE(SUM(cost_usd), 0)"
                + " FROM ai_agent_calls WHERE called_at >= ?";
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Spend(rs.getLong(1), rs.getBigDecimal(2));
            }
        } catch (SQLException e) {
            throw new CryptoGoException("reading the desk's spend failed: " + e.getMessage(), e);
        }
    }

    private static AgentCall read(ResultSet rs) throws SQLException {
        BigDecimal cost = rs.getBigDecimal("cost_usd");
        return new AgentCall(
                DeskRole.of(rs.getString("role")),
                rs.getInt("round"),
                rs.getString("model"),
                Optional.ofNullable(rs.getString("prompt")),
                Optional.ofNullable(rs.getString("raw_answer")),
                rs.getString("parsed_view"),
                new AgentCall.Usage(
                        rs.getInt("tokens_in"),
                        rs.getInt("tokens_out"),
                        Optional.ofNullable(cost),
                        Duration.ofMillis(rs.getLong("latency_ms")),
                        rs.getBoolean("cached"),
                        Instant.ofEpochMilli(rs.getLong("called_at"))),
                Optional.ofNullable(rs.getString("error")));
    }
}
