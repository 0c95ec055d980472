package io.cryptogo.backtest;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Balance;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.engine.Engine;
import io.cryptogo.trading.replay.BarSeries;
import io.cryptogo.trading.replay.Replay;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.risk.RiskManager;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One run: the bar loop over the engine's {@link Replay} (the same {@link Engine}, risk manager and paper
 * venue as paper trading, on a replayed clock and an in-memory order store). Single-threaded.
 */
final class Runner {
    /** The frozen settings of a run. */
    record Settings(
            SymbolInfo info,
            SourceInfo source,
            BigDecimal feeRate,
            int slippageBps,
            BigDecimal initialCash,
            Backtest.FillAt fillAt,
            RiskLimits limits,
            Optional<Interval> detail) {}

    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final BigDecimal MARGIN = new BigDecimal("1.000001");

    private final Settings s;
    private final PriceSeries series;
    private final Optional<PriceSeries> detail;
    private final Strategy strategy;
    private final Progress progress;
    private final Symbol symbol;
    /** 1 + slippage and 1 + fee rate, computed once (the same values every order used to compute). */
    private final BigDecimal slipFactor;

    private final BigDecimal feeFactor;
    private final Map<Intent, String> intentTexts = new java.util.HashMap<>();

    private Engine engine;
    private Replay replay;
    private double cash;
    private double base;
    private final List<Trade> trades = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private final List<String> fillIds = new ArrayList<>();
    private final Map<String, Integer> rejections = new TreeMap<>();
    private final List<DecisionRecord> decisions = new ArrayList<>();
    private int absorbed;
    private Instant tripStart;
    private BigDecimal tripBought = BigDecimal.ZERO;
    private BigDecimal tripCost = BigDecimal.ZERO;
    private BigDecimal tripSold = BigDecimal.ZERO;
    private BigDecimal tripProceeds = BigDecimal.ZERO;
    private BigDecimal tripFees = BigDecimal.ZERO;
    private BigDecimal tripHeld = BigDecimal.ZERO;
    private String tripExit = "signal";
    private int tripBuys;
    private int tripSells;
    private BigDecimal tripBuyPrice;
    private BigDecimal tripSellPrice;
    private int seq;

    Runner(Settings s, PriceSeries series, Optional<PriceSeries> detail, Strategy strategy, Progress progress) {
        this.s = s;
        this.series = series;
        this.detail = detail;
        this.strategy = strategy;
        this.progress = progress;
        this.symbol = series.symbol();
        this.slipFactor = BigDecimal.ONE.add(BigDecimal.valueOf(s.slippageBps()).divide(BPS));
        this.feeFactor = BigDecimal.ONE.add(s.feeRate());
        if (!s.info().symbol().equals(symbol)) {
            throw new InvalidRequestException(
                    "symbolInfo", "symbol filters are for " + s.info().symbol() + " but the candles are " + symbol);
        }
    }

    BacktestResult run() {
        int n = series.size();
        PaperSettings paper = new PaperSettings(
                Map.of(symbol.quote(), s.initialCash()), s.slippageBps(), s.feeRate(), Optional.empty());
        long[] times = series.openTimes();
        double[] closes = series.closes();
        double[] equity = new double[n];
        boolean[] exposed = new boolean[n];
        cash = s.initialCash().doubleValue();
        base = 0;
        Bar bar = new Bar(series);
        strategy.prepare(series);
        // with intrabar detail the engine walks the lower interval; the strategy still decides per bar
        int[] lastSub = new int[n];
        BarSeries walked = detail.isPresent() ? merge(detail.get(), lastSub) : series.bars();
        if (detail.isEmpty()) {
            for (int i = 0; i < n; i++) {
                lastSub[i] = i;
            }
        }
        long every = Math.max(1, n / 100);
        try (Replay r = Replay.builder(walked)
                .rules(s.info())
                .paper(paper)
                .risk(s.limits())
                .source(s.source())
                .build()) {
            this.replay = r;
            this.engine = r.engine();
            engine.onOrderEvent(e -> e.fill().ifPresent(f -> {
                fills.add(f);
                fillIds.add(e.order().clientOrderId());
            }));
            Intent pending = null;
            int pendingIndex = -1;
            int sub = 0;
            long untilProgress = 1;
            for (int i = 0; i < n; i++) {
                for (; sub <= lastSub[i]; sub++) {
                    replay.open(sub);
                    if (pending != null) {
                        execute(pending, pendingIndex);
                        pending = null;
                    }
                    replay.close(sub);
                }
                absorb();
                equity[i] = cash + base * closes[i];
                exposed[i] = base > 0;
                bar.moveTo(i, cash, base, equity[i]);
                Intent it = strategy.onBar(bar);
                if (it != Intent.hold()) {
                    decisions.add(new DecisionRecord(i, series.openTime(i), text(it)));
                    if (s.fillAt() == Backtest.FillAt.CLOSE) {
                        execute(it, i);
                        absorb();
                        equity[i] = cash + base * closes[i];
                        exposed[i] = base > 0;
                    } else {
                        pending = it;
                        pendingIndex = i;
                    }
                }
                if (--untilProgress == 0) { // every n/100 bars, counted down (no division per bar)
                    progress.update(i, n);
                    untilProgress = every;
                }
            }
            progress.update(n, n);
            r.rejections().forEach((k, v) -> rejections.merge(k, v, Integer::sum));
        }
        return new BacktestResult(
                strategy.name() + (strategy.usage().isEmpty() ? "" : " [" + strategy.usage() + "]"),
                series,
                s,
                List.copyOf(trades),
                List.copyOf(fills),
                times,
                equity,
                exposed,
                Map.copyOf(rejections),
                List.copyOf(decisions));
    }

    /**
     * The lower-interval candles of each bar, in order; a bar without any is walked as one candle (its whole
     * range). {@code lastSub[i]} receives the index of bar i's last sub-candle.
     */
    private BarSeries merge(PriceSeries d, int[] lastSub) {
        List<Candle> out = new ArrayList<>();
        Interval lower = d.interval();
        for (int i = 0; i < series.size(); i++) {
            Candle c = series.candle(i);
            int j = d.indexAtOrAfter(c.openTime());
            Instant end = c.nextOpenTime();
            boolean any = false;
            while (j < d.size() && d.openTime(j).isBefore(end)) {
                out.add(d.candle(j));
                any = true;
                j++;
            }
            if (!any) {
                out.add(Candle.of(
                        symbol,
                        lower,
                        c.openTime(),
                        c.open(),
                        c.high(),
                        c.low(),
                        c.close(),
                        c.volume(),
                        c.quoteVolume(),
                        c.trades(),
                        true));
            }
            lastSub[i] = out.size() - 1;
        }
        return BarSeries.of(out);
    }

    private void execute(Intent it, int decidedAt) {
        BigDecimal price = engine.marketPrice(symbol, Side.BUY);
        switch (it) {
            case Intent.Hold h -> {}
            case Intent.Exit e -> exit(decidedAt);
            case Intent.Buy b ->
                buy(
                        decidedAt,
                        price,
                        BigDecimal.valueOf(b.fraction()),
                        b.stopLoss().isPresent()
                                ? Optional.of(BigDecimal.valueOf(b.stopLoss().getAsDouble()))
                                : Optional.empty(),
                        b.takeProfit().isPresent()
                                ? Optional.of(BigDecimal.valueOf(b.takeProfit().getAsDouble()))
                                : Optional.empty());
            case Intent.Orders o -> {
                for (OrderRequest r : o.orders()) {
                    send(r.withClientOrderId(id(decidedAt)));
                }
            }
            case Intent.Signal sig -> signal(sig.signal(), decidedAt, price);
        }
    }

    private void exit(int decidedAt) {
        for (Order o : engine.openOrders()) {
            engine.cancel(o.id());
        }
        BigDecimal qty = total(symbol.base());
        if (qty.signum() > 0) {
            send(OrderRequest.market(symbol, Side.SELL, qty, id(decidedAt)));
        }
    }

    private BigDecimal total(String asset) {
        return total(engine.balances(), asset);
    }

    private static BigDecimal total(List<Balance> balances, String asset) {
        for (Balance b : balances) {
            if (b.asset().equals(asset)) {
                return b.total();
            }
        }
        return BigDecimal.ZERO;
    }

    private BigDecimal unit(BigDecimal price) {
        return price.multiply(slipFactor).multiply(feeFactor).multiply(MARGIN);
    }

    private void buy(
            int decidedAt,
            BigDecimal price,
            BigDecimal fraction,
            Optional<BigDecimal> stop,
            Optional<BigDecimal> target) {
        List<Balance> balances = engine.balances();
        BigDecimal held = total(balances, symbol.base());
        BigDecimal equity = total(balances, symbol.quote()).add(held.multiply(price));
        BigDecimal budget = equity.multiply(fraction)
                .min(s.limits().maxPositionSize().subtract(held.multiply(price)))
                .min(engine.free(symbol.quote()));
        if (budget.signum() <= 0) {
            count("NO_BUDGET");
            return;
        }
        BigDecimal qty = budget.divide(unit(price), 12, RoundingMode.DOWN);
        if (qty.signum() <= 0) {
            count("NO_BUDGET");
            return;
        }
        OrderRequest r = OrderRequest.market(symbol, Side.BUY, qty, id(decidedAt));
        if (stop.isPresent() || target.isPresent()) {
            r = r.withProtection(stop.orElse(null), target.orElse(null));
        }
        send(r);
    }

    private void signal(TradeSignal sig, int decidedAt, BigDecimal price) {
        switch (sig.action()) {
            case HOLD -> {}
            case SELL -> exit(decidedAt);
            case BUY -> {
                BigDecimal equity =
                        total(symbol.quote()).add(total(symbol.base()).multiply(price));
                BigDecimal entry = sig.entry() != null && sig.entry().signum() > 0 ? sig.entry() : price;
                BigDecimal qty;
                try {
                    qty = sig.stopLoss().isPresent()
                            ? new RiskManager(s.limits())
                                    .positionSize(equity, entry, sig.stopLoss().get(), price)
                            : s.limits().maxPositionSize().divide(price, 12, RoundingMode.DOWN);
                } catch (RiskRejectedException e) {
                    count(e.rule());
                    return;
                }
                qty = qty.min(engine.free(symbol.quote()).divide(unit(price), 12, RoundingMode.DOWN));
                if (qty.signum() <= 0) {
                    count("NO_BUDGET");
                    return;
                }
                OrderRequest r = OrderRequest.market(symbol, Side.BUY, qty, id(decidedAt));
                if (sig.stopLoss().isPresent() || sig.takeProfit().isPresent()) {
                    r = r.withProtection(
                            sig.stopLoss().orElse(null), sig.takeProfit().orElse(null));
                }
                send(r);
            }
        }
    }

    /**
     * {@code amount / quantity} at DECIMAL64 as a double: with one fill the quotient is that fill's price
     * exactly ({@code amount} is its price × quantity), so no division is needed when it fits 16 digits.
     */
    private static double average(BigDecimal amount, BigDecimal quantity, int fills, BigDecimal price) {
        if (fills == 1 && price.precision() <= java.math.MathContext.DECIMAL64.getPrecision()) {
            return price.doubleValue();
        }
        return amount.divide(quantity, java.math.MathContext.DECIMAL64).doubleValue();
    }

    /** The decision as it prints (equal intents print the same: a strategy repeats a few of them). */
    private String text(Intent it) {
        String t = intentTexts.get(it);
        if (t == null) {
            t = it.toString();
            if (intentTexts.size() < 256) {
                intentTexts.put(it, t);
            }
        }
        return t;
    }

    private void send(OrderRequest r) {
        replay.submit(r);
    }

    private String id(int decidedAt) {
        return "bt-" + decidedAt + "-" + (seq++);
    }

    private void count(String rule) {
        rejections.merge(rule, 1, Integer::sum);
    }

    /** Takes the engine's new fills into the account mirror and the trade list. */
    private void absorb() {
        if (absorbed == fills.size()) {
            return;
        }
        for (; absorbed < fills.size(); absorbed++) {
            Fill f = fills.get(absorbed);
            String clientId = fillIds.get(absorbed);
            BigDecimal q = f.quantity();
            BigDecimal notional = q.multiply(f.price());
            if (f.side() == Side.BUY) {
                if (tripHeld.signum() <= 0) {
                    tripStart = f.time();
                    tripBought = BigDecimal.ZERO;
                    tripCost = BigDecimal.ZERO;
                    tripSold = BigDecimal.ZERO;
                    tripProceeds = BigDecimal.ZERO;
                    tripFees = BigDecimal.ZERO;
                    tripExit = "signal";
                    tripBuys = 0;
                    tripSells = 0;
                }
                tripBuys++;
                tripBuyPrice = f.price();
                tripBought = tripBought.add(q);
                tripCost = tripCost.add(notional);
                tripHeld = tripHeld.add(q);
            } else {
                tripSells++;
                tripSellPrice = f.price();
                tripSold = tripSold.add(q);
                tripProceeds = tripProceeds.add(notional);
                tripHeld = tripHeld.subtract(q);
                if (clientId.startsWith("x-sl-")) {
                    tripExit = "stop-loss";
                } else if (clientId.startsWith("x-tp-")) {
                    tripExit = "take-profit";
                }
            }
            tripFees = tripFees.add(f.fee());
            if (f.side() == Side.SELL && tripHeld.signum() <= 0 && tripStart != null) {
                trades.add(new Trade(
                        tripStart,
                        f.time(),
                        average(tripCost, tripBought, tripBuys, tripBuyPrice),
                        average(tripProceeds, tripSold, tripSells, tripSellPrice),
                        tripBought.doubleValue(),
                        tripProceeds.subtract(tripCost).subtract(tripFees).doubleValue(),
                        tripFees.doubleValue(),
                        tripExit));
                tripHeld = BigDecimal.ZERO;
                tripStart = null;
            }
        }
        List<Balance> balances = engine.balances();
        cash = total(balances, symbol.quote()).doubleValue();
        base = total(balances, symbol.base()).doubleValue();
    }
}
