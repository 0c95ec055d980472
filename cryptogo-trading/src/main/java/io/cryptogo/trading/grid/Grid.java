package io.cryptogo.trading.grid;

import io.cryptogo.error.CryptoGoException;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderEvent;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.engine.Engine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spot grid running on a {@link Trader}: every order goes through the trader's risk manager and venue
 * (paper or Binance), so a grid behaves the same on paper, live and in a backtest. Prices come from the
 * trader's market stream (1m candle updates); fills come back as the trader's order events.
 *
 * <pre>{@code
 * Grid g = Grid.on(trader).symbol("BTC/USDT").lower("60000").upper("70000").levels(20).geometric()
 *         .investment("1000").start();
 * g.metrics();   // grid profit, floating PnL, matched pairs, fees, break-even, APR
 * g.stop();      // cancels the grid's open orders (and sells the base when sellAllOnStop)
 * }</pre>
 */
public final class Grid implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Grid.class);

    private final Engine trader;
    private final GridBook book;
    private final Optional<GridStore> store;
    private final Instant startedAt;
    private final ArrayDeque<Consumer<GridBook>> inbox = new ArrayDeque<>();
    private boolean draining;
    private AutoCloseable orderEvents;
    private StreamHandle prices;

    private Grid(Engine trader, GridBook book, Optional<GridStore> store, Instant startedAt) {
        this.trader = trader;
        this.book = book;
        this.store = store;
        this.startedAt = startedAt;
    }

    /** Starts describing a grid that trades through {@code trader}. */
    public static Builder on(Trader trader) {
        return new Builder(Objects.requireNonNull(trader, "trader").engine());
    }

    /** Starts describing a grid that trades through an engine directly (a replay, a backtest). */
    public static Builder on(Engine engine) {
        return new Builder(engine);
    }

    /**
     * Resumes a stored grid after a restart: the trader has already reconciled its orders with the venue;
     * fills and cancels that happened while the grid was down are applied first, and no order is placed
     * twice (client order ids are per attempt and the trader returns the stored order for a known id).
     */
    public static Grid resume(Trader trader, GridStore store, String gridId) {
        return resume(Objects.requireNonNull(trader, "trader").engine(), store, gridId);
    }

    /** {@link #resume(Trader, GridStore, String)} on an engine. */
    public static Grid resume(Engine trader, GridStore store, String gridId) {
        GridStore.Stored s = store.load(gridId)
                .orElseThrow(() -> new io.cryptogo.error.InvalidRequestException("id", "no grid with id " + gridId));
        GridBook book = GridBook.restore(s.state());
        Grid g = new Grid(trader, book, Optional.of(store), s.createdAt());
        g.attach();
        g.submit(b -> g.catchUp());
        g.submit(b -> g.apply(b.onPrice(g.price())));
        return g;
    }

    public String id() {
        return book.gridId();
    }

    public GridSettings settings() {
        return book.settings();
    }

    /** The grid's status (waiting for the trigger, running, stopped). */
    public synchronized GridBook.Status status() {
        return book.status();
    }

    public synchronized Optional<GridBook.StopReason> stopReason() {
        return book.stopReason();
    }

    /** The levels as they stand, lowest first. */
    public synchronized List<LevelView> levels() {
        return book.levels();
    }

    /** Profit, PnL and fees at the last price seen. */
    public synchronized GridMetrics metrics() {
        BigDecimal p = book.lastPrice().orElseGet(this::price);
        return book.metrics(p, Duration.between(startedAt, trader.clock().instant()));
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Stops the grid: cancels its open orders and, when asked at creation, sells its base at market. */
    public void stop() {
        submit(b -> apply(b.stop(GridBook.StopReason.MANUAL)));
    }

    /** Lets a level paused by a rejection trade again. */
    public void resumeLevel(int level) {
        submit(b -> apply(b.resume(level)));
    }

    /** Detaches from the trader and the market; open orders stay on the venue (a restart resumes them). */
    @Override
    public void close() {
        if (prices != null) {
            prices.close();
        }
        if (orderEvents != null) {
            try {
                orderEvents.close();
            } catch (Exception e) {
                log.debug("closing the order listener: {}", e.toString());
            }
        }
    }

    private void attach() {
        orderEvents = trader.onOrderEvent(this::onOrderEvent);
        prices = trader.market().stream(book.settings().symbol(), Interval.M1, new io.cryptogo.market.CandleListener() {
            @Override
            public void onCandle(io.cryptogo.model.Candle c) {
                submit(b -> apply(b.onPrice(c.close())));
            }

            @Override
            public void onError(Throwable error, boolean fatal) {
                log.warn("grid {}: price stream trouble{}: {}", id(), fatal ? " (gave up)" : "", error.toString());
            }
        });
    }

    private BigDecimal price() {
        return trader.market().ticker(book.settings().symbol()).price();
    }

    private void onOrderEvent(OrderEvent e) {
        String cid = e.order().clientOrderId();
        if (!cid.startsWith("g" + id() + "-")) {
            return;
        }
        submit(b -> {
            if (e.fill().isPresent()) {
                apply(onFill(b, cid, e.fill().get()));
            } else if (e.order().status().isFinal() && e.order().status() != OrderStatus.FILLED) {
                apply(b.onClosed(
                        cid,
                        e.order().status() == OrderStatus.REJECTED,
                        e.order().reason().orElse("")));
            }
        });
    }

    private List<GridAction> onFill(GridBook b, String cid, Fill f) {
        Symbol s = b.settings().symbol();
        BigDecimal feeQuote = BigDecimal.ZERO;
        BigDecimal feeBase = BigDecimal.ZERO;
        if (f.feeAsset().equals(s.base())) {
            feeBase = f.fee();
        } else if (f.feeAsset().equals(s.quote())) {
            feeQuote = f.fee();
        } else if (f.fee().signum() > 0) {
            // a third asset (BNB): valued in the quote asset at its live price
            try {
                feeQuote = f.fee()
                        .multiply(trader.market()
                                .ticker(new Symbol(f.feeAsset(), s.quote()))
                                .price());
            } catch (CryptoGoException ex) {
                log.warn("grid {}: no {} price to value a fee of {} {}", id(), s.quote(), f.fee(), f.feeAsset());
            }
        }
        return b.onFill(cid, f.quantity(), f.price(), feeQuote, feeBase);
    }

    /** Applies what happened while the grid was down: each open order's venue state, by client order id. */
    private void catchUp() {
        for (var open : book.openOrders().entrySet()) {
            Optional<Order> o = trader.order(open.getValue());
            if (o.isEmpty()) {
                // never reached the trader: forget it; the level places a new attempt
                apply(book.onClosed(open.getValue(), false, "not found after restart"));
                continue;
            }
            Order order = o.get();
            BigDecimal seen = book.filledOf(open.getValue());
            BigDecimal more = order.filledQuantity().subtract(seen);
            if (more.signum() > 0) {
                BigDecimal px = order.averagePrice().orElse(order.limitPrice().orElseThrow());
                BigDecimal share = order.filledQuantity().signum() == 0
                        ? BigDecimal.ZERO
                        : order.fee().multiply(more).divide(order.filledQuantity(), java.math.MathContext.DECIMAL64);
                Symbol s = book.settings().symbol();
                BigDecimal feeBase = order.feeAsset().equals(s.base()) ? share : BigDecimal.ZERO;
                BigDecimal feeQuote = order.feeAsset().equals(s.base()) ? BigDecimal.ZERO : share;
                apply(book.onFill(open.getValue(), more, px, feeQuote, feeBase));
            }
            if (order.status().isFinal() && order.status() != OrderStatus.FILLED) {
                apply(book.onClosed(
                        open.getValue(),
                        order.status() == OrderStatus.REJECTED,
                        order.reason().orElse("")));
            }
        }
    }

    /** Runs {@code step} on the book, one at a time; a step queued from inside another runs after it. */
    private void submit(Consumer<GridBook> step) {
        synchronized (inbox) {
            inbox.add(step);
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Consumer<GridBook> next;
            synchronized (inbox) {
                next = inbox.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            synchronized (this) {
                try {
                    next.accept(book);
                } catch (RuntimeException ex) {
                    log.warn("grid {}: {}", id(), ex.toString());
                }
                store.ifPresent(st -> st.save(book, startedAt, trader.clock().instant()));
            }
        }
    }

    private void apply(List<GridAction> actions) {
        for (GridAction a : actions) {
            switch (a) {
                case GridAction.Place p -> place(p);
                case GridAction.Cancel c -> cancel(c);
                case GridAction.SellAll s -> sellAll(s);
            }
        }
    }

    private void place(GridAction.Place p) {
        Symbol s = book.settings().symbol();
        OrderRequest r =
                OrderRequest.limit(s, p.side(), p.quantity(), p.price()).withClientOrderId(p.clientOrderId());
        try {
            Order o = trader.submit(r);
            if (o.status() == OrderStatus.REJECTED) {
                inbox(b -> apply(b.onClosed(p.clientOrderId(), true, o.reason().orElse("rejected by the venue"))));
            }
        } catch (CryptoGoException e) {
            log.info("grid {} level {}: {} rejected: {}", id(), p.level(), p.side(), e.getMessage());
            inbox(b -> apply(b.onClosed(p.clientOrderId(), true, e.getMessage())));
        }
    }

    private void cancel(GridAction.Cancel c) {
        trader.order(c.clientOrderId()).ifPresent(o -> {
            if (o.status().isOpen() || o.status() == OrderStatus.UNKNOWN) {
                try {
                    trader.cancel(o.id());
                } catch (CryptoGoException e) {
                    log.warn("grid {}: cancel of {} failed: {}", id(), c.clientOrderId(), e.getMessage());
                }
            }
        });
    }

    private void sellAll(GridAction.SellAll s) {
        try {
            trader.submit(OrderRequest.market(book.settings().symbol(), Side.SELL, s.quantity())
                    .withClientOrderId(s.clientOrderId()));
        } catch (CryptoGoException e) {
            log.warn("grid {}: selling the base on stop failed: {}", id(), e.getMessage());
        }
    }

    private void inbox(Consumer<GridBook> step) {
        synchronized (inbox) {
            inbox.add(step);
        }
    }

    /** Describes a grid; {@link #start()} checks it against the market and starts it. */
    public static final class Builder {
        private final Engine trader;
        private GridSettings.Builder settings;
        private Optional<GridStore> store = Optional.empty();
        private String id;

        private Builder(Engine trader) {
            this.trader = Objects.requireNonNull(trader, "engine");
        }

        private GridSettings.Builder s() {
            if (settings == null) {
                throw new io.cryptogo.error.InvalidRequestException("symbol", "call symbol(\"BTC/USDT\") first");
            }
            return settings;
        }

        public Builder symbol(String symbol) {
            settings = GridSettings.builder(symbol);
            return this;
        }

        public Builder symbol(Symbol symbol) {
            settings = GridSettings.builder(symbol);
            return this;
        }

        /** Starts from complete settings (REST, stored grids). */
        public Builder settings(GridSettings s) {
            settings = s.toBuilder();
            return this;
        }

        public Builder lower(String v) {
            s().lower(v);
            return this;
        }

        public Builder lower(BigDecimal v) {
            s().lower(v);
            return this;
        }

        public Builder upper(String v) {
            s().upper(v);
            return this;
        }

        public Builder upper(BigDecimal v) {
            s().upper(v);
            return this;
        }

        public Builder levels(int grids) {
            s().levels(grids);
            return this;
        }

        public Builder geometric() {
            s().geometric();
            return this;
        }

        public Builder arithmetic() {
            s().arithmetic();
            return this;
        }

        public Builder investment(String v) {
            s().investment(v);
            return this;
        }

        public Builder investment(BigDecimal v) {
            s().investment(v);
            return this;
        }

        public Builder trigger(String v) {
            s().trigger(v);
            return this;
        }

        public Builder stopLoss(String v) {
            s().stopLoss(v);
            return this;
        }

        public Builder takeProfit(String v) {
            s().takeProfit(v);
            return this;
        }

        public Builder sellAllOnStop(boolean v) {
            s().sellAllOnStop(v);
            return this;
        }

        public Builder maxOpenOrders(int v) {
            s().maxOpenOrders(v);
            return this;
        }

        /** Persist the grid here so that a restart can {@link Grid#resume} it. */
        public Builder store(GridStore v) {
            store = Optional.of(v);
            return this;
        }

        /** The grid's id (1-10 letters or digits); generated when not given. */
        public Builder id(String v) {
            id = v;
            return this;
        }

        /**
         * Checks the settings against the symbol (tick, step, minimum notional), the price, the risk limit
         * and the free balance, then starts the grid.
         *
         * @throws io.cryptogo.error.InvalidRequestException naming the field and the numbers
         */
        public Grid start() {
            GridSettings gs = s().build();
            SymbolInfo info = trader.info(gs.symbol());
            BigDecimal price = trader.market().ticker(gs.symbol()).price();
            List<LevelPlan> plan = GridPlan.plan(
                    gs,
                    info,
                    price,
                    Optional.of(trader.risk().limits().maxPositionSize()),
                    Optional.of(trader.free(gs.symbol().quote())));
            String gridId = id != null
                    ? id
                    : java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            GridBook book = new GridBook(gridId, gs, plan, info.stepSize());
            Grid g = new Grid(trader, book, store, trader.clock().instant());
            store.ifPresent(st -> st.create(book, g.startedAt));
            log.info("grid {} started: {}", gridId, gs);
            g.attach();
            g.submit(b -> g.apply(b.onPrice(price)));
            return g;
        }
    }
}
