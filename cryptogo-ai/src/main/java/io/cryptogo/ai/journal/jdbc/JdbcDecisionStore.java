package io.cryptogo.ai.journal.jdbc;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionQuery;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
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
 * The journal in table {@code ai_decisions} (migrations V1, V4, V7 and V16), the same SQL on PostgreSQL and H2.
 * Times are epoch milliseconds; the time range of a query applies to the candle time.
 *
 * <pre>{@code
 * DecisionStore store = new JdbcDecisionStore(cg.database());
 * }</pre>
 */
public final class JdbcDecisionStore implements DecisionStore {
    private static final String COLUMNS = "symbol, timeframe, candle_time, decided_at, generator, template_version,"
            + " prompt_hash, prompt, snapshot, raw_response, action, confidence, entry, stop_loss, take_profit,"
            + " reasoning, abstained, validation, retries, tokens_in, tokens_out, latency_ms, cost_usd, error,"
            + " cache_key, cached, market_source, origin, origin_run";
    private static final String SELECT = "SELECT id, " + COLUMNS + " FROM ai_decisions";

    private final Database database;

    public JdbcDecisionStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Decision save(Decision d) {
        String sql = "INSERT INTO ai_decisions (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        TradeSignal s = d.signal();
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            int i = 1;
            ps.setString(i++, s.symbol().toString());
            ps.setString(i++, s.interval().code());
            ps.setLong(i++, s.candleTime().toEpochMilli());
            ps.setLong(i++, s.decidedAt().toEpochMilli());
            ps.setString(i++, s.generator());
            ps.setString(i++, d.templateVersion());
            ps.setString(i++, d.promptHash().orElse(null));
            ps.setString(i++, d.prompt().orElse(null));
            ps.setString(i++, d.snapshot());
            ps.setString(i++, d.rawResponse().orElse(null));
            ps.setString(i++, s.action().name());
            ps.setDouble(i++, s.confidence());
            ps.setBigDecimal(i++, s.entry());
            ps.setBigDecimal(i++, s.stopLoss().orElse(null));
            ps.setBigDecimal(i++, s.takeProfit().orElse(null));
            ps.setString(i++, s.reasoning());
            ps.setBoolean(i++, s.abstained());
            ps.setString(i++, d.validation());
            ps.setInt(i++, d.retries());
            ps.setInt(i++, d.tokensIn());
            ps.setInt(i++, d.tokensOut());
            ps.setLong(i++, d.latency().toMillis());
            if (d.costUsd().isPresent()) {
                ps.setBigDecimal(i++, d.costUsd().get());
            } else {
                ps.setNull(i++, Types.NUMERIC);
            }
            ps.setString(i++, d.error().orElse(null));
            ps.setString(i++, d.cacheKey().orElse(null));
            ps.setBoolean(i++, d.cached());
            ps.setString(i++, d.marketSource().map(SourceInfo.Kind::label).orElse(null));
            ps.setString(i++, d.origin().label());
            ps.setString(i, d.origin().run().orElse(null));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new CryptoGoException("saving an AI decision returned no id");
                }
                return d.withId(keys.getLong(1));
            }
        } catch (SQLException e) {
            throw new CryptoGoException(
                    "saving the AI decision for " + s.symbol() + " at " + s.candleTime() + " failed: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public Optional<Decision> find(long id) {
        List<Decision> l = query(SELECT + " WHERE id = ?", List.of(id));
        return l.stream().findFirst();
    }

    @Override
    public List<Decision> find(DecisionQuery q) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.symbol().ifPresent(s -> {
            sql.append(" AND symbol = ?");
            args.add(s.toString());
        });
        q.origin().ifPresent(o -> {
            sql.append(" AND origin = ?");
            args.add(o.label());
        });
        q.from().ifPresent(f -> {
            sql.append(" AND candle_time >= ?");
            args.add(f.toEpochMilli());
        });
        q.to().ifPresent(t -> {
            sql.append(" AND candle_time <= ?");
            args.add(t.toEpochMilli());
        });
        sql.append(" ORDER BY candle_time DESC, id DESC LIMIT ").append(q.limit());
        return query(sql.toString(), args);
    }

    @Override
    public Optional<Decision> cached(String cacheKey) {
        return query(
                        SELECT
                                + " WHERE cache_key = ? AND error IS NULL AND abstained = FALSE AND raw_response IS NOT NULL"
                                + " ORDER BY id LIMIT 1",
                        List.of(cacheKey))
                .stream()
                .findFirst();
    }

    private List<Decision> query(String sql, List<Object> args) {
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Decision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CryptoGoException("reading AI decisions failed: " + e.getMessage(), e);
        }
    }

    private static SourceInfo.Kind source(String label) {
        return SourceInfo.Kind.valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }

    private static Decision read(ResultSet rs) throws SQLException {
        TradeSignal.Action action = TradeSignal.Action.valueOf(rs.getString("action"));
        // a SELL journaled before spot semantics carried a short's levels; a SELL carries none now (the raw
        // answer keeps them)
        boolean levels = action == TradeSignal.Action.BUY;
        TradeSignal signal = TradeSignal.builder(
                        Symbol.parse(rs.getString("symbol")), Interval.parse(rs.getString("timeframe")), action)
                .confidence(rs.getDouble("confidence"))
                .entry(rs.getBigDecimal("entry"))
                .stopLoss(levels ? Optional.ofNullable(rs.getBigDecimal("stop_loss")) : Optional.empty())
                .takeProfit(levels ? Optional.ofNullable(rs.getBigDecimal("take_profit")) : Optional.empty())
                .reasoning(Objects.requireNonNullElse(rs.getString("reasoning"), ""))
                .generator(rs.getString("generator"))
                .abstained(rs.getBoolean("abstained"))
                .decidedAt(Instant.ofEpochMilli(rs.getLong("decided_at")))
                .candleTime(Instant.ofEpochMilli(rs.getLong("candle_time")))
                .build();
        BigDecimal cost = rs.getBigDecimal("cost_usd");
        Decision.Origin.Kind kind = Decision.Origin.Kind.parse(rs.getString("origin"));
        Decision.Origin origin = new Decision.Origin(
                kind,
                kind == Decision.Origin.Kind.LIVE ? Optional.empty() : Optional.ofNullable(rs.getString("origin_run")));
        return new Decision(
                        Optional.of(rs.getLong("id")),
                        signal,
                        Objects.requireNonNullElse(rs.getString("template_version"), ""),
                        Optional.ofNullable(rs.getString("prompt_hash")),
                        Optional.ofNullable(rs.getString("prompt")),
                        Objects.requireNonNullElse(rs.getString("snapshot"), ""),
                        Optional.ofNullable(rs.getString("raw_response")),
                        Objects.requireNonNullElse(rs.getString("validation"), ""),
                        rs.getInt("retries"),
                        rs.getInt("tokens_in"),
                        rs.getInt("tokens_out"),
                        Duration.ofMillis(rs.getLong("latency_ms")),
                        Optional.ofNullable(cost),
                        Optional.ofNullable(rs.getString("error")),
                        rs.getBoolean("cached"),
                        Optional.ofNullable(rs.getString("cache_key")),
                        Optional.ofNullable(rs.getString("market_source")).map(JdbcDecisionStore::source))
                .withOrigin(origin);
    }
}
