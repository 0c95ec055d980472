package io.cryptogo.trading.store.memory;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.store.OrderStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An {@link OrderStore} in memory, for replays and backtests: the same semantics as the JDBC store
 * (idempotent client order ids, fills unique per order and trade id, all-or-nothing records) without any
 * I/O. Not shared between processes; the lease only keeps a second trader in this store out.
 *
 * <pre>{@code
 * OrderStore store = new InMemoryOrderStore();
 * }</pre>
 */
public final class InMemoryOrderStore implements OrderStore {
    private final List<Order> orders = new ArrayList<>();
    // ids of the orders that may still change (NEW, PARTIALLY_FILLED, UNKNOWN), ascending: open-order
    // queries cost the open orders, not every order of the run
    private final TreeSet<Long> unsettledIds = new TreeSet<>();
    private final Map<String, Integer> byClientId = new HashMap<>();
    private final Map<Long, List<Fill>> fills = new HashMap<>();

    /** An empty store. */
    public InMemoryOrderStore() {}

    private final Map<Long, Set<String>> tradeIds = new HashMap<>();
    private final List<Fill> allFills = new ArrayList<>();
    private final Map<String, Map<Symbol, Position>> positions = new HashMap<>();
    private final Map<String, Map<String, Balance>> balances = new HashMap<>();
    private final Map<String, TreeMap<Instant, BigDecimal>> equity = new HashMap<>();
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> leased = new HashSet<>();

    @Override
    public synchronized Order insert(Order o) {
        Integer i = byClientId.get(o.clientOrderId());
        if (i != null) {
            return orders.get(i);
        }
        Order stored = o.withId(orders.size() + 1L);
        byClientId.put(o.clientOrderId(), orders.size());
        orders.add(stored);
        index(stored);
        return stored;
    }

    @Override
    public synchronized void update(Order o) {
        if (o.id() < 1 || o.id() > orders.size()) {
            throw new InvalidRequestException("id", "no order with id " + o.id());
        }
        orders.set((int) o.id() - 1, o);
        index(o);
    }

    private static boolean unsettled(OrderStatus s) {
        return s.isOpen() || s == OrderStatus.UNKNOWN;
    }

    private void index(Order o) {
        if (unsettled(o.status())) {
            unsettledIds.add(o.id());
        } else {
            unsettledIds.remove(o.id());
        }
    }

    @Override
    public synchronized List<Fill> record(
            Order o, List<Fill> newFills, Collection<Position> changed, Collection<Balance> after) {
        update(o);
        List<Fill> added = new ArrayList<>(newFills.size());
        for (Fill f : newFills) {
            if (tradeIds.computeIfAbsent(f.orderId(), k -> new HashSet<>()).add(f.tradeId())) {
                fills.computeIfAbsent(f.orderId(), k -> new ArrayList<>()).add(f);
                allFills.add(f);
                added.add(f);
            }
        }
        for (Position p : changed) {
            positions.computeIfAbsent(p.accountId(), k -> new TreeMap<>()).put(p.symbol(), p);
        }
        if (!after.isEmpty()) {
            Map<String, Balance> m = balances.computeIfAbsent(o.accountId(), k -> new TreeMap<>());
            for (Balance b : after) {
                m.put(b.asset(), b);
            }
        }
        return added;
    }

    @Override
    public synchronized Optional<Order> byId(long id) {
        return id < 1 || id > orders.size() ? Optional.empty() : Optional.of(orders.get((int) id - 1));
    }

    @Override
    public synchronized Optional<Order> byClientOrderId(String clientOrderId) {
        Integer i = byClientId.get(clientOrderId);
        return i == null ? Optional.empty() : Optional.of(orders.get(i));
    }

    @Override
    public synchronized List<Order> orders(String accountId, Collection<OrderStatus> statuses, int limit) {
        List<Order> out = new ArrayList<>();
        if (!statuses.isEmpty() && onlyUnsettled(statuses)) {
            if (unsettledIds.isEmpty()) {
                return out;
            }
            // the same newest-first walk over the only orders that can match
            for (Iterator<Long> it = unsettledIds.descendingIterator();
                    it.hasNext() && out.size() < Math.max(1, limit); ) {
                Order o = orders.get((int) (it.next() - 1));
                if (o.accountId().equals(accountId) && statuses.contains(o.status())) {
                    out.add(o);
                }
            }
        } else {
            for (int i = orders.size() - 1; i >= 0 && out.size() < Math.max(1, limit); i--) {
                Order o = orders.get(i);
                if (o.accountId().equals(accountId) && (statuses.isEmpty() || statuses.contains(o.status()))) {
                    out.add(o);
                }
            }
        }
        if (out.size() < 2) {
            return out;
        }
        out.sort(Comparator.comparing(Order::createdAt)
                .reversed()
                .thenComparing(Comparator.comparingLong(Order::id).reversed()));
        return out;
    }

    @Override
    public synchronized List<Order> unsettled(String accountId) {
        List<Order> out = new ArrayList<>();
        for (Long id : unsettledIds) {
            Order o = orders.get((int) (id - 1));
            if (o.accountId().equals(accountId)) {
                out.add(o);
            }
        }
        return out;
    }

    private static boolean onlyUnsettled(Collection<OrderStatus> statuses) {
        for (OrderStatus s : statuses) {
            if (!unsettled(s)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized int countAccepted(String accountId, Instant since) {
        int n = 0;
        for (Order o : orders) {
            if (o.accountId().equals(accountId)
                    && !o.createdAt().isBefore(since)
                    && o.status() != OrderStatus.REJECTED) {
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized List<Fill> fills(String accountId, Optional<Symbol> symbol, Instant since, int limit) {
        List<Fill> out = new ArrayList<>();
        for (int i = allFills.size() - 1; i >= 0 && out.size() < Math.max(1, limit); i--) {
            Fill f = allFills.get(i);
            if (!f.time().isBefore(since)
                    && symbol.map(s -> s.equals(f.symbol())).orElse(true)
                    && orders.get((int) f.orderId() - 1).accountId().equals(accountId)) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public synchronized List<Fill> fillsOf(long orderId) {
        return List.copyOf(fills.getOrDefault(orderId, List.of()));
    }

    @Override
    public synchronized void savePosition(Position p) {
        positions.computeIfAbsent(p.accountId(), k -> new TreeMap<>()).put(p.symbol(), p);
    }

    @Override
    public synchronized List<Position> positions(String accountId) {
        return List.copyOf(positions.getOrDefault(accountId, Map.of()).values());
    }

    @Override
    public synchronized void ensureAccount(String accountId, String venue, Instant now) {
        accounts.add(accountId);
    }

    @Override
    public synchronized List<Balance> balances(String accountId) {
        return List.copyOf(balances.getOrDefault(accountId, Map.of()).values());
    }

    @Override
    public synchronized void saveBalances(String accountId, Collection<Balance> bs, Instant now) {
        Map<String, Balance> m = balances.computeIfAbsent(accountId, k -> new TreeMap<>());
        for (Balance b : bs) {
            m.put(b.asset(), b);
        }
    }

    @Override
    public synchronized void saveEquity(String accountId, Instant time, BigDecimal value) {
        equity.computeIfAbsent(accountId, k -> new TreeMap<>()).putIfAbsent(time, value);
    }

    @Override
    public synchronized List<EquityPoint> equity(String accountId, Instant since, int limit) {
        List<EquityPoint> out = new ArrayList<>();
        equity.getOrDefault(accountId, new TreeMap<>())
                .descendingMap()
                .headMap(since, true)
                .forEach((t, v) -> {
                    if (out.size() < Math.max(1, limit)) {
                        out.add(new EquityPoint(t, v));
                    }
                });
        return out.reversed();
    }

    @Override
    public synchronized Lease lease(String accountId, String holder) {
        if (!leased.add(accountId)) {
            throw new io.cryptogo.error.CryptoGoException("account '" + accountId
                    + "' is already traded by another Trader on this store; only one writer may trade an account"
                    + " at a time: close the other one, or give this one its own store");
        }
        return () -> {
            synchronized (this) {
                leased.remove(accountId);
            }
        };
    }
}
