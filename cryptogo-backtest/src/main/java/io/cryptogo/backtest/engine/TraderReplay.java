package io.cryptogo.backtest.engine;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.store.Database;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Position;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine composed for a replay: the same {@link Trader} (order management, portfolio, protective exits,
 * risk manager) and paper venue matching as paper trading, on a {@link ReplayClock} and a {@link
 * ReplayMarket}, with its orders in a private in-memory database that disappears with the run.
 */
public final class TraderReplay implements ReplayExecution {
    private static final AtomicLong RUNS = new AtomicLong();

    private final Symbol symbol;
    private final ReplayMarket market;
    private final Database database;
    private final String url;
    private final Trader trader;
    private final List<Fill> fills = new ArrayList<>();
    private boolean dirty = true;
    private boolean needsTicks;
    private List<BigDecimal> levels = List.of();

    /**
     * @param info the symbol's real trading filters
     * @param source where the replayed candles came from (recorded with the orders)
     * @param start the replayed time the account opens at
     */
    public TraderReplay(SymbolInfo info, SourceInfo source, Instant start, PaperSettings paper, RiskLimits limits) {
        this.symbol = info.symbol();
        ReplayClock clock = new ReplayClock(start);
        this.market = new ReplayMarket(source, List.of(info), clock);
        this.url = "jdbc:h2:mem:cryptogo_bt_" + RUNS.incrementAndGet() + "_" + System.identityHashCode(this)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        this.database = Database.builder().url(url).poolSize(2).build();
        try {
            this.trader = Trader.builder()
                    .market(market)
                    .database(database)
                    .risk(limits)
                    .paper(paper)
                    .clock(clock)
                    .equityAsset(symbol.quote())
                    .build();
        } catch (RuntimeException e) {
            closeDatabase();
            throw e;
        }
        trader.onOrderEvent(e -> {
            e.fill().ifPresent(fills::add);
            dirty = true;
        });
    }

    @Override
    public void tick(Instant t, BigDecimal price) {
        market.tick(symbol, t, price);
    }

    @Override
    public Order submit(OrderRequest request) {
        dirty = true;
        return trader.submit(request);
    }

    @Override
    public void cancelAll() {
        for (Order o : trader.openOrders()) {
            trader.cancel(o.id());
        }
        dirty = true;
    }

    @Override
    public boolean needsTicks() {
        refresh();
        return needsTicks;
    }

    @Override
    public List<BigDecimal> levels() {
        refresh();
        return levels;
    }

    private void refresh() {
        if (!dirty) {
            return;
        }
        dirty = false;
        List<BigDecimal> l = new ArrayList<>();
        List<Order> open = trader.openOrders();
        for (Order o : open) {
            o.limitPrice().ifPresent(l::add);
        }
        boolean protectedPosition = false;
        for (Position p : trader.positions()) {
            if (p.symbol().equals(symbol) && p.isOpen()) {
                p.stopLoss().ifPresent(l::add);
                p.takeProfit().ifPresent(l::add);
                protectedPosition = p.stopLoss().isPresent() || p.takeProfit().isPresent();
            }
        }
        levels = List.copyOf(l);
        needsTicks = !open.isEmpty() || protectedPosition;
    }

    @Override
    public List<Fill> drainFills() {
        if (fills.isEmpty()) {
            return List.of();
        }
        List<Fill> out = List.copyOf(fills);
        fills.clear();
        return out;
    }

    @Override
    public String clientOrderId(long orderId) {
        return trader.order(orderId).map(Order::clientOrderId).orElse("");
    }

    @Override
    public BigDecimal total(String asset) {
        for (Balance b : trader.venue().balances()) {
            if (b.asset().equals(asset)) {
                return b.total();
            }
        }
        return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal free(String asset) {
        return trader.free(asset);
    }

    @Override
    public RiskLimits limits() {
        return trader.risk().limits();
    }

    @Override
    public BigDecimal feeRate() {
        return trader.venue().feeRate();
    }

    @Override
    public Symbol symbol() {
        return symbol;
    }

    @Override
    public void close() {
        try {
            trader.close();
        } finally {
            closeDatabase();
        }
    }

    private void closeDatabase() {
        database.close();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already gone
        }
        Objects.requireNonNull(url);
    }
}
