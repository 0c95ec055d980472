package io.cryptogo.store.jdbc;

import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.store.SymbolStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SymbolStore} over the {@code symbols} table (PostgreSQL or H2).
 *
 * <pre>{@code
 * new JdbcSymbolStore(database).upsertAll(market.symbols());
 * }</pre>
 */
public final class JdbcSymbolStore implements SymbolStore {
    private static final String COLUMNS = "symbol, base, quote, status, tick_size, step_size, min_qty, min_notional";
    private static final String PG_UPSERT = "INSERT INTO symbols (" + COLUMNS + ", updated_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (symbol) DO UPDATE SET base = EXCLUDED.base,"
            + " quote = EXCLUDED.quote, status = EXCLUDED.status, tick_size = EXCLUDED.tick_size,"
            + " step_size = EXCLUDED.step_size, min_qty = EXCLUDED.min_qty, min_notional = EXCLUDED.min_notional,"
            + " updated_at = EXCLUDED.updated_at";
    private static final String H2_UPSERT =
            "MERGE INTO symbols (" + COLUMNS + ", updated_at) KEY (symbol) VALUES (?,?,?,?,?,?,?,?,?)";

    private final Database db;
    private final Clock clock;

    public JdbcSymbolStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public JdbcSymbolStore(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int upsertAll(Collection<SymbolInfo> symbols) {
        if (symbols.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement(db.kind() == Database.Kind.POSTGRESQL ? PG_UPSERT : H2_UPSERT)) {
                for (SymbolInfo s : symbols) {
                    ps.setString(1, s.symbol().toString());
                    ps.setString(2, s.base());
                    ps.setString(3, s.quote());
                    ps.setString(4, s.status());
                    ps.setBigDecimal(5, s.tickSize());
                    ps.setBigDecimal(6, s.stepSize());
                    ps.setBigDecimal(7, s.minQty());
                    ps.setBigDecimal(8, s.minNotional());
                    ps.setLong(9, now);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                JdbcCandleStore.rollbackQuietly(c);
                throw e;
            } finally {
                JdbcCandleStore.resetAutoCommit(c);
            }
        } catch (SQLException e) {
            throw Sql.translate("writing " + symbols.size() + " symbols", e);
        }
        return symbols.size();
    }

    @Override
    public Optional<SymbolInfo> find(Symbol symbol) {
        List<SymbolInfo> l = select(" WHERE symbol = ?", symbol.toString());
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    @Override
    public List<SymbolInfo> all() {
        return select(" ORDER BY symbol", null);
    }

    private List<SymbolInfo> select(String where, String param) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM symbols" + where)) {
            if (param != null) {
                ps.setString(1, param);
            }
            List<SymbolInfo> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SymbolInfo(
                            Symbol.of(rs.getString(2), rs.getString(3)),
                            rs.getString(4),
                            rs.getBigDecimal(5),
                            rs.getBigDecimal(6),
                            rs.getBigDecimal(7),
                            rs.getBigDecimal(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.translate("reading symbols", e);
        }
    }
}
