package io.cryptogo.trading.store;

import io.cryptogo.CryptoGoException;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.store.Database;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.OrderType;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Side;
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
 * Orders, fills, positions, balances and equity snapshots over JDBC (PostgreSQL or H2, same SQL). The
 * client order id is unique in the table, so an order can never be stored twice.
 *
 * <pre>{@code
 * OrderStore store = new OrderStore(database);
 * Order stored = store.insert(order);          // the existing row when the client order id is taken
 * List<Order> open = store.unsettled("paper");  // NEW, PARTIALLY_FILLED and UNKNOWN
 * }</pre>
 */
public final class OrderStore {
    private static final String ORDER_COLUMNS =
            "id, client_order_id, account_id, exchange_order_id, symbol, side, type,"
                    + " quantity, limit_price, stop_loss, take_profit, status, filled_qty, avg_price, fee, fee_asset, reason,"
                    + " created_at, updated_at";

    private final Database db;

    public OrderStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    public Database database() {
        return db;
    }

    // ---- orders ----

    /** Stores a new order; when its client order id is already stored, returns that order instead. */
    public Order insert(Order o) {
        Optional<Order> existing = byClientOrderId(o.clientOrderId());
        if (existing.isPresent()) {
            return existing.get();
        }
        String sql = "INSERT INTO orders (client_order_id, account_id, exchange_order_id, symbol, side, type, quantity,"
                + " limit_price, stop_loss, take_profit, status, filled_qty, avg_price, fee, fee_asset, reason,"
                + " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
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

    /** Writes an order's mutable state (status, fills, price, fee, exchange id, reason). */
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
     * Atomically: the order's new state, the fills not stored yet (by order and trade id), and the
     * positions they changed. Returns the fills that were new.
     */
    public List<Fill> record(Order o, List<Fill> fills, Collection<Position> positions) {
        return record(o, fills, positions, List.of());
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

    public Optional<Order> byId(long id) {
        return queryOrders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ?", ps -> ps.setLong(1, id)).stream()
                .findFirst();
    }

    public Optional<Order> byClientOrderId(String clientOrderId) {
        return queryOrders(
                        "SELECT " + ORDER_COLUMNS + " FROM orders WHERE client_order_id = ?",
                        ps -> ps.setString(1, clientOrderId))
                .stream()
                .findFirst();
    }

    /** The account's orders, newest first; only those in {@code statuses} when it is not empty. */
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

    /** Orders that may still change: NEW, PARTIALLY_FILLED and UNKNOWN, oldest first. */
    public List<Order> unsettled(String accountId) {
        return queryOrders(
                "SELECT " + ORDER_COLUMNS + " FROM orders WHERE account_id = ? AND status IN"
                        + " ('NEW','PARTIALLY_FILLED','UNKNOWN') ORDER BY id",
                ps -> ps.setString(1, accountId));
    }

    /** Orders created at or after {@code since} that were not rejected: the day's trade count. */
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
        return new Order(
                rs.getLong("id"),
                rs.getString("client_order_id"),
                rs.getString("account_id"),
                Optional.ofNullable(rs.getString("exchange_order_id")),
                Symbol.parse(rs.getString("symbol")),
                Side.valueOf(rs.getString("side")),
                OrderType.valueOf(rs.getString("type")),
                rs.getBigDecimal("quantity"),
                Optional.ofNullable(rs.getBigDecimal("limit_price")),
                Optional.ofNullable(rs.getBigDecimal("stop_loss")),
                Optional.ofNullable(rs.getBigDecimal("take_profit")),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("filled_qty"),
                Optional.ofNullable(rs.getBigDecimal("avg_price")),
                rs.getBigDecimal("fee"),
                Optional.ofNullable(rs.getString("fee_asset")).orElse(""),
                Optional.ofNullable(rs.getString("reason")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
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
                + " quantity, fee, fee_asset, realized_pnl, time) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
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
            ps.executeUpdate();
            return true;
        }
    }

    /** Fills of the account's orders at or after {@code since}, newest first (optionally of one symbol). */
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

    /** The fills of one order, oldest first. */
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
                    out.add(new Fill(
                            rs.getLong("order_id"),
                            rs.getString("trade_id"),
                            Symbol.parse(rs.getString("symbol")),
                            Side.valueOf(rs.getString("side")),
                            rs.getBigDecimal("price"),
                            rs.getBigDecimal("quantity"),
                            rs.getBigDecimal("fee"),
                            rs.getString("fee_asset"),
                            rs.getBigDecimal("realized_pnl"),
                            Instant.ofEpochMilli(rs.getLong("time"))));
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
                + " realized_pnl = ?, opened_at = ?, updated_at = ?, cost = ?, fees = ? WHERE account_id = ? AND symbol = ?";
        String insert = "INSERT INTO positions (quantity, avg_price, stop_loss, take_profit, realized_pnl, opened_at,"
                + " updated_at, cost, fees, account_id, symbol) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
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
                ps.setString(10, p.accountId());
                ps.setString(11, p.symbol().toString());
                if (ps.executeUpdate() == 1) {
                    return;
                }
            }
        }
    }

    /** Writes one position (outside an order's transaction: protection changes). */
    public void savePosition(Position p) {
        try (Connection c = db.connection()) {
            upsertPosition(c, p);
        } catch (SQLException e) {
            throw fail("saving position " + p.symbol(), e);
        }
    }

    /** Every position row of the account, flat ones included. */
    public List<Position> positions(String accountId) {
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT * FROM positions WHERE account_id = ? ORDER BY symbol")) {
            ps.setString(1, accountId);
            List<Position> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Position(
                            accountId,
                            Symbol.parse(rs.getString("symbol")),
                            rs.getBigDecimal("quantity"),
                            rs.getBigDecimal("cost"),
                            Optional.ofNullable(rs.getBigDecimal("stop_loss")),
                            Optional.ofNullable(rs.getBigDecimal("take_profit")),
                            rs.getBigDecimal("realized_pnl"),
                            rs.getBigDecimal("fees"),
                            Instant.ofEpochMilli(rs.getLong("opened_at")),
                            Instant.ofEpochMilli(rs.getLong("updated_at"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("reading positions", e);
        }
    }

    // ---- accounts and balances ----

    /** Creates the account row when missing. */
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

    /** The stored balances of an account (empty when never saved). */
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

    /** Replaces the given assets' balances of an account, in one transaction. */
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

    /** Records the account's equity at a time (a second value for the same millisecond replaces nothing). */
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

    /** Equity points at or after {@code since}, oldest first. */
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

    /** One point of the equity curve. */
    public record EquityPoint(Instant time, BigDecimal equity) {}

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
