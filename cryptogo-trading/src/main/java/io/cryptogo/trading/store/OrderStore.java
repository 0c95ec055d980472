package io.cryptogo.trading.store;

import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's store port: orders, fills, positions, account balances and equity points. The client order
 * id is unique, so an order can never be stored twice; {@link #record} stores one execution (order state,
 * new fills, positions, balances) all or nothing. Adapters: {@code store.jdbc.JdbcOrderStore} (PostgreSQL
 * or H2) and {@code store.memory.InMemoryOrderStore} (replays).
 *
 * <pre>{@code
 * OrderStore store = new JdbcOrderStore(database);
 * Order stored = store.insert(order);          // the existing row when the client order id is taken
 * List<Order> open = store.unsettled("paper");  // NEW, PARTIALLY_FILLED and UNKNOWN
 * }</pre>
 */
public interface OrderStore {

    /** Stores a new order; when its client order id is already stored, returns that order instead. */
    Order insert(Order o);

    /** Writes an order's mutable state (status, fills, price, fee, exchange id, reason). */
    void update(Order o);

    /**
     * Atomically: the order's new state, the fills not stored yet (by order and trade id), the positions
     * they changed and the account's balances after them (the order's account; empty to leave them).
     * Either all of it is stored or, on any failure, none of it. Returns the fills that were new.
     */
    List<Fill> record(Order o, List<Fill> fills, Collection<Position> positions, Collection<Balance> balances);

    /** {@link #record(Order, List, Collection, Collection)} leaving the balances as they are. */
    default List<Fill> record(Order o, List<Fill> fills, Collection<Position> positions) {
        return record(o, fills, positions, List.of());
    }

    Optional<Order> byId(long id);

    Optional<Order> byClientOrderId(String clientOrderId);

    /** The account's orders, newest first; only those in {@code statuses} when it is not empty. */
    List<Order> orders(String accountId, Collection<OrderStatus> statuses, int limit);

    /** Orders that may still change: NEW, PARTIALLY_FILLED and UNKNOWN, oldest first. */
    List<Order> unsettled(String accountId);

    /** Orders created at or after {@code since} that were not rejected: the day's trade count. */
    int countAccepted(String accountId, Instant since);

    /** Fills of the account's orders at or after {@code since}, newest first (optionally of one symbol). */
    List<Fill> fills(String accountId, Optional<Symbol> symbol, Instant since, int limit);

    /** The fills of one order, oldest first. */
    List<Fill> fillsOf(long orderId);

    /** Writes one position (outside an order's transaction: protection changes). */
    void savePosition(Position p);

    /** Every position row of the account, flat ones included. */
    List<Position> positions(String accountId);

    /** Creates the account row when missing. */
    void ensureAccount(String accountId, String venue, Instant now);

    /** The stored balances of an account (empty when never saved). */
    List<Balance> balances(String accountId);

    /** Replaces the given assets' balances of an account, in one transaction. */
    void saveBalances(String accountId, Collection<Balance> balances, Instant now);

    /** Records the account's equity at a time (a second value for the same millisecond replaces nothing). */
    void saveEquity(String accountId, Instant time, BigDecimal equity);

    /** Equity points at or after {@code since}, oldest first. */
    List<EquityPoint> equity(String accountId, Instant since, int limit);

    /**
     * Takes the one-writer lease of an account for this process until the returned lease is closed: a
     * second holder (another process or trader on the same database) gets a {@link
     * io.cryptogo.error.CryptoGoException} saying who may trade it and what to change.
     */
    Lease lease(String accountId, String holder);

    /** One point of the equity curve. */
    record EquityPoint(Instant time, BigDecimal equity) {
        public EquityPoint {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(equity, "equity");
        }
    }

    /** A held account lease; closing it lets another writer in. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
