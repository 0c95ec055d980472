package io.cryptogo.trading.store.jdbc;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.jdbc.Database;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.OrderType;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.store.OrderStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link OrderStore} over JDBC (PostgreSQL or H2, same SQL): orders, fills, positions, balances,
 * equity snapshots and account leases. The client order id is unique in the table, so an order can never
 * be stored twice.
 *
 * <pre>{@code
 * OrderStore store = new JdbcOrderStore(database);
 * Order stored = store.insert(order);          // the existing row when the client order id is taken
 * List<Order> open = store.unsettled("paper");  // NEW, PARTIALLY_FILLED and UNKNOWN
 * }</pre>
 */
public final class JdbcOrderStore implements OrderStore {
    private static final String ORDER_COLUMNS =
            "id, client_order_id, account_id, exchange_order_id, symbol, side, type,"
                    + " quantity, limit_price, stop_loss, take_profit, status, filled_qty, avg_price, fee, fee_asset, reason,"
                    + " created_at, updated_at, source";

    private final Database db;

    public JdbcOrderStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    public Database database() {
        return db;
    }

    // ---- orders ----

    @Override
    public Order insert(Order o) {
        Optional<Order> existing = byClientOrderId(o.clientOrderId());
        if (existing.isPresent()) {
            return existing.get();
        }
        String sql = "INSERT INTO orders (client_order_id, account_id, exchange_order_id, symbol, side, type, quantity,"
                + " limit_price, stop_loss, take_profit, status, filled_qty, avg_price, fee, fee_asset, reason,"
                + " created_at, updated_at, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, o.clientOrderId());
            ps.setString(2, o.accountId());
            ps.setString(3, o.exchangeOrderId().orElse(null));
            ps.setString(4, o.symbol().toString());
            ps.setString(5, o.side().name());
            ps.setString(6, o.type().name());
            ps.setBigDecimal(7, o.quantity());
            setDecimal(ps, 8, o.limitPrice());
            setDecimal(ps, 9, o.stopLoss());
            setDecimal(ps, 10, o.takeProfit());
            ps.setString(11, o.status().name());
            ps.setBigDecimal(12, o.filledQuantity());
            setDecimal(ps, 13, o.averagePrice());
            ps.setBigDecimal(14, o.fee());
            ps.setString(15, o.feeAsset());
            ps.setString(16, o.reason().orElse(null));
            ps.setLong(17, o.createdAt().toEpochMilli());
            ps.setLong(18, o.updatedAt().toEpochMilli());
            ps.setString(19, o.source());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return o.withId(keys.getLong(1));
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // a concurrent insert of the same client order id won: that one is the order
                return byClientOrderId(o.clientOrderId()).orElseThrow(() -> fail("inserting " + o.clientOrderId(), e));
            }
            throw fail("inserting order " + o.clientOrderId(), e);
        }
    }

    @Override
    public void update(Order o) {
        try (Connection c = db.connection()) {
            update(c, o);
        } catch (SQLException e) {
            throw fail("updating order " + o.clientOrderId(), e);
        }
    }

    private static void update(Connection c, Order o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET exchange_order_id = ?, status = ?,"
                + " filled_qty = ?, avg_price = ?, fee = ?, fee_asset = ?, reason = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, o.exchangeOrderId().orElse(null));
            ps.setString(2, o.status().name());
            ps.setBigDecimal(3, o.filledQuantity());
            setDecimal(ps, 4, o.averagePrice());
            ps.setBigDecimal(5, o.fee());
            ps.setString(6, o.feeAsset());
            ps.setString(7, o.reason().orElse(null));
            ps.setLong(8, o.updatedAt().toEpochMilli());
            ps.setLong(9, o.id());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no order with id " + o.id());
            }
        }
    }

    /**
     * Atomically, in one JDBC transaction: the order's new state, the fills not stored yet (by order and
     * trade id), the positions they changed and the account's balances after them (the order's account).
     * Either all of it is stored or, on any failure, none of it. Returns the fills that were new.
     *
     * <pre>{@code
     * List<Fill> added = store.record(filledOrder, fills, List.of(position), paper.balances());
     * }</pre>
     */
    @Override
    public List<Fill> record(Order o, List<Fill> fills, Collection<Position> positions, Collection<Balance> balances) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<Fill> added = record(c, o, fills, positions, balances, o.updatedAt());
                c.commit();
                return added;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail("recording order " + o.clientOrderId(), e);
        }
    }

    /**
     * The writes of {@link #record(Order, List, Collection, Collection)} on a connection the caller owns
     * (autoCommit off): the caller commits or rolls back.
     */
    static List<Fill> record(
            Connection c,
            Order o,
            List<Fill> fills,
            Collection<Position> positions,
            Collection<Balance> balances,
            Instant now)
            throws SQLException {
        update(c, o);
        List<Fill> added = new ArrayList<>();
        for (Fill f : fills) {
            if (insertFill(c, f)) {
                added.add(f);
            }
        }
        for (Position p : positions) {
            upsertPosition(c, p);
        }
        writeBalances(c, o.accountId(), balances, now);
        return added;
    }

    @Override
    public Optional<Order> byId(long id) {
        return queryOrders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ?", ps -> ps.setLong(1, id)).stream()
                .findFirst();
    }

    @Override
    public Optional<Order> byClientOrderId(String clientOrderId) {
        return queryOrders(
                        "SELECT " + ORDER_COLUMNS + " FROM orders WHERE client_order_id = ?",
                        ps -> ps.setString(1, clientOrderId))
                .stream()
                .findFirst();
    }

    @Override
    public List<Order> orders(String accountId, Collection<OrderStatus> statuses, int limit) {
        String in = statuses.isEmpty()
                ? ""
                : " AND status IN ("
                        + statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(",")) + ")";
        return queryOrders(
                "SELECT " + ORDER_COLUMNS + " FROM orders WHERE account_id = ?" + in
                        + " ORDER BY created_at DESC, id DESC LIMIT " + Math.max(1, limit),
                ps -> ps.setString(1, accountId));
    }

    @Override
    public List<Order> unsettled(String accountId) {
        return queryOrders(
                "SELECT " + ORDER_COLUMNS + " FROM orders WHERE account_id = ? AND status IN"
                        + " ('NEW','PARTIALLY_FILLED','UNKNOWN') ORDER BY id",
                ps -> ps.setString(1, accountId));
    }

    @Override
    public int countAccepted(String accountId, Instant since) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE account_id = ?"
                        + " AND created_at >= ? AND status <> 'REJECTED'")) {
            ps.setString(1, accountId);
            ps.setLong(2, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw fail("counting orders", e);
        }
    }

    private List<Order> queryOrders(String sql, Binder binder) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Order> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(order(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("reading orders", e);
        }
    }

    private static Order order(ResultSet rs) throws SQLException {
        return Order.builder()
                .id(rs.getLong("id"))
                .clientOrderId(rs.getString("client_order_id"))
                .accountId(rs.getString("account_id"))
                .exchangeOrderId(Optional.ofNullable(rs.getString("exchange_order_id")))
                .symbol(Symbol.parse(rs.getString("symbol")))
                .side(Side.valueOf(rs.getString("side")))
                .type(OrderType.valueOf(rs.getString("type")))
                .quantity(rs.getBigDecimal("quantity"))
                .limitPrice(Optional.ofNullable(rs.getBigDecimal("limit_price")))
                .stopLoss(Optional.ofNullable(rs.getBigDecimal("stop_loss")))
                .takeProfit(Optional.ofNullable(rs.getBigDecimal("take_profit")))
                .status(OrderStatus.valueOf(rs.getString("status")))
                .filledQuantity(rs.getBigDecimal("filled_qty"))
                .averagePrice(Optional.ofNullable(rs.getBigDecimal("avg_price")))
                .fee(rs.getBigDecimal("fee"))
                .feeAsset(Optional.ofNullable(rs.getString("fee_asset")).orElse(""))
                .reason(Optional.ofNullable(rs.getString("reason")))
                .createdAt(Instant.ofEpochMilli(rs.getLong("created_at")))
                .updatedAt(Instant.ofEpochMilli(rs.getLong("updated_at")))
                .source(rs.getString("source"))
                .build();
    }

    // ---- fills ----

    private static boolean insertFill(Connection c, Fill f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM fills WHERE order_id = ? AND trade_id = ?")) {
            ps.setLong(1, f.orderId());
            ps.setString(2, f.tradeId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fills (order_id, trade_id, symbol, side, price,"
                + " quantity, fee, fee_asset, realized_pnl, time, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, f.orderId());
            ps.setString(2, f.tradeId());
            ps.setString(3, f.symbol().toString());
            ps.setString(4, f.side().name());
            ps.setBigDecimal(5, f.price());
            ps.setBigDecimal(6, f.quantity());
            ps.setBigDecimal(7, f.fee());
            ps.setString(8, f.feeAsset());
            ps.setBigDecimal(9, f.realizedPnl());
            ps.setLong(10, f.time().toEpochMilli());
            ps.setString(11, f.source());
            ps.executeUpdate();
            return true;
        }
    }

    @Override
    public List<Fill> fills(String accountId, Optional<Symbol> symbol, Instant since, int limit) {
        String sql = "SELECT f.* FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.account_id = ?"
                + " AND f.time >= ?" + (symbol.isPresent() ? " AND f.symbol = ?" : "")
                + " ORDER BY f.time DESC, f.id DESC LIMIT " + Math.max(1, limit);
        return queryFills(sql, ps -> {
            ps.setString(1, accountId);
            ps.setLong(2, since.toEpochMilli());
            if (symbol.isPresent()) {
                ps.setString(3, symbol.get().toString());
            }
        });
    }

    @Override
    public List<Fill> fillsOf(long orderId) {
        return queryFills("SELECT * FROM fills WHERE order_id = ? ORDER BY time, id", ps -> ps.setLong(1, orderId));
    }

    private List<Fill> queryFills(String sql, Binder binder) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Fill> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Fill.builder()
                            .orderId(rs.getLong("order_id"))
                            .tradeId(rs.getString("trade_id"))
                            .symbol(Symbol.parse(rs.getString("symbol")))
                            .side(Side.valueOf(rs.getString("side")))
                            .price(rs.getBigDecimal("price"))
                            .quantity(rs.getBigDecimal("quantity"))
                            .fee(rs.getBigDecimal("fee"))
                            .feeAsset(rs.getString("fee_asset"))
                            .realizedPnl(rs.getBigDecimal("realized_pnl"))
                            .time(Instant.ofEpochMilli(rs.getLong("time")))
                            .source(rs.getString("source"))
                            .build());
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("reading fills", e);
        }
    }

    // ---- positions ----

    private static void upsertPosition(Connection c, Position p) throws SQLException {
        String update = "UPDATE positions SET quantity = ?, avg_price = ?, stop_loss = ?, take_profit = ?,"
                + " realized_pnl = ?, opened_at = ?, updated_at = ?, cost = ?, fees = ?, source = ? WHERE account_id = ? AND symbol = ?";
        String insert = "INSERT INTO positions (quantity, avg_price, stop_loss, take_profit, realized_pnl, opened_at,"
                + " updated_at, cost, fees, source, account_id, symbol) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
        for (String sql : List.of(update, insert)) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setBigDecimal(1, p.quantity());
                ps.setBigDecimal(2, p.averagePrice());
                setDecimal(ps, 3, p.stopLoss());
                setDecimal(ps, 4, p.takeProfit());
                ps.setBigDecimal(5, p.realizedPnl());
                ps.setLong(6, p.openedAt().toEpochMilli());
                ps.setLong(7, p.updatedAt().toEpochMilli());
                ps.setBigDecimal(8, p.cost());
                ps.setBigDecimal(9, p.fees());
                ps.setString(10, p.source());
                ps.setString(11, p.accountId());
                ps.setString(12, p.symbol().toString());
                if (ps.executeUpdate() == 1) {
                    return;
                }
            }
        }
    }

    @Override
    public void savePosition(Position p) {
        try (Connection c = db.connection()) {
            upsertPosition(c, p);
        } catch (SQLException e) {
            throw fail("saving position " + p.symbol(), e);
        }
    }

    @Override
    public List<Position> positions(String accountId) {
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT * FROM positions WHERE account_id = ? ORDER BY symbol")) {
            ps.setString(1, accountId);
            List<Position> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Position.builder()
                            .accountId(accountId)
                            .symbol(Symbol.parse(rs.getString("symbol")))
                            .quantity(rs.getBigDecimal("quantity"))
                            .cost(rs.getBigDecimal("cost"))
                            .stopLoss(Optional.ofNullable(rs.getBigDecimal("stop_loss")))
                            .takeProfit(Optional.ofNullable(rs.getBigDecimal("take_profit")))
                            .realizedPnl(rs.getBigDecimal("realized_pnl"))
                            .fees(rs.getBigDecimal("fees"))
                            .openedAt(Instant.ofEpochMilli(rs.getLong("opened_at")))
                            .updatedAt(Instant.ofEpochMilli(rs.getLong("updated_at")))
                            .source(rs.getString("source"))
                            .build());
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("reading positions", e);
        }
    }

    // ---- accounts and balances ----

    @Override
    public void ensureAccount(String accountId, String venue, Instant now) {
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM accounts WHERE id = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO accounts (id, venue, created_at, updated_at) VALUES (?,?,?,?)")) {
                ps.setString(1, accountId);
                ps.setString(2, venue);
                ps.setLong(3, now.toEpochMilli());
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw fail("creating account " + accountId, e);
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
            throw fail("reading balances", e);
        }
    }

    @Override
    public void saveBalances(String accountId, Collection<Balance> balances, Instant now) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                writeBalances(c, accountId, balances, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail("saving balances of " + accountId, e);
        }
    }

    private static void writeBalances(Connection c, String accountId, Collection<Balance> balances, Instant now)
            throws SQLException {
        for (Balance b : balances) {
            boolean updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE balances SET free = ?, locked = ?,"
                    + " updated_at = ? WHERE account_id = ? AND asset = ?")) {
                ps.setBigDecimal(1, b.free());
                ps.setBigDecimal(2, b.locked());
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, accountId);
                ps.setString(5, b.asset());
                updated = ps.executeUpdate() == 1;
            }
            if (!updated) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO balances (account_id, asset, free," + " locked, updated_at) VALUES (?,?,?,?,?)")) {
                    ps.setString(1, accountId);
                    ps.setString(2, b.asset());
                    ps.setBigDecimal(3, b.free());
                    ps.setBigDecimal(4, b.locked());
                    ps.setLong(5, now.toEpochMilli());
                    ps.executeUpdate();
                }
            }
        }
    }

    // ---- equity ----

    @Override
    public void saveEquity(String accountId, Instant time, BigDecimal equity) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO equity_snapshots (account_id, time, equity)"
                                + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM equity_snapshots WHERE account_id = ? AND time = ?)")) {
            ps.setString(1, accountId);
            ps.setLong(2, time.toEpochMilli());
            ps.setBigDecimal(3, equity);
            ps.setString(4, accountId);
            ps.setLong(5, time.toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw fail("saving equity", e);
        }
    }

    @Override
    public List<EquityPoint> equity(String accountId, Instant since, int limit) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT time, equity FROM (SELECT time, equity FROM"
                        + " equity_snapshots WHERE account_id = ? AND time >= ? ORDER BY time DESC LIMIT "
                        + Math.max(1, limit) + ") e ORDER BY time")) {
            ps.setString(1, accountId);
            ps.setLong(2, since.toEpochMilli());
            List<EquityPoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EquityPoint(Instant.ofEpochMilli(rs.getLong(1)), rs.getBigDecimal(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("reading equity", e);
        }
    }

    // ---- the one-writer lease ----

    /**
     * Holds a row lock on {@code trading_leases} (account id) in an open transaction on a connection kept
     * for the lease's lifetime: another connection asking for it fails at once ({@code FOR UPDATE NOWAIT}),
     * and a crashed holder's lock goes with its connection. Works on PostgreSQL and H2.
     */
    @Override
    public Lease lease(String accountId, String holder) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO trading_leases (account_id, holder, acquired_at)"
                        + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM trading_leases WHERE account_id = ?)")) {
            ps.setString(1, accountId);
            ps.setString(2, holder);
            ps.setLong(3, 0);
            ps.setString(4, accountId);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw fail("creating the lease of account " + accountId, e);
            }
        }
        Connection c = null;
        try {
            c = db.connection();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account_id FROM trading_leases WHERE account_id = ? FOR UPDATE NOWAIT")) {
                ps.setString(1, accountId);
                ps.executeQuery().close();
            }
            Connection held = c;
            return () -> {
                try (held) {
                    held.rollback();
                    held.setAutoCommit(true);
                } catch (SQLException e) {
                    // the lock goes with the connection in any case
                }
            };
        } catch (SQLException e) {
            if (c != null) {
                try (Connection toClose = c) {
                    toClose.rollback();
                    toClose.setAutoCommit(true);
                } catch (SQLException ignored) {
                    e.addSuppressed(ignored);
                }
            }
            throw new CryptoGoException(
                    "account '" + accountId + "' is already traded by another Trader on this database (another"
                            + " process, or a second Trader in this one); only one writer may trade an account at a"
                            + " time: stop the other one, or give this one its own database (DATABASE_URL)"
                            + " or account",
                    e);
        }
    }

    // ---- helpers ----

    private static void setDecimal(PreparedStatement ps, int i, Optional<BigDecimal> v) throws SQLException {
        if (v.isPresent()) {
            ps.setBigDecimal(i, v.get());
        } else {
            ps.setNull(i, Types.NUMERIC);
        }
    }

    private static CryptoGoException fail(String what, SQLException e) {
        return new CryptoGoException(what + " failed: " + e.getMessage(), e);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
