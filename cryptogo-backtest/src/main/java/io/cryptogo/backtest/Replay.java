package io.cryptogo.backtest;

import io.cryptogo.InvalidRequestException;
import io.cryptogo.RiskRejectedException;
import io.cryptogo.backtest.engine.ReplayExecution;
import io.cryptogo.backtest.engine.TraderReplay;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.risk.RiskManager;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One run: the bar loop that drives the engine through a {@link ReplayExecution}. Single-threaded. */
final class Replay {
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

    // account mirror (doubles, refreshed after fills) and trade building
    private double cash;
    private double base;
    private final List<Trade> trades = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private final Map<String, Integer> rejections = new TreeMap<>();
    private final List<DecisionRecord> decisions = new ArrayList<>();
    private final Map<Long, String> exitKinds = new HashMap<>();
    private Instant tripStart;
    private double tripBought;
    private double tripCost;
    private double tripSold;
    private double tripProceeds;
    private double tripFees;
    private double tripHeld;
    private String tripExit = "signal";
    private int seq;

    Replay(Settings s, PriceSeries series, Optional<PriceSeries> detail, Strategy strategy, Progress progress) {
        this.s = s;
        this.series = series;
        this.detail = detail;
        this.strategy = strategy;
        this.progress = progress;
        this.symbol = series.symbol();
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
        long every = Math.max(1, n / 100);
        try (ReplayExecution exec = new TraderReplay(s.info(), s.source(), series.openTime(0), paper, s.limits())) {
            Intent pending = null;
            int pendingIndex = -1;
            for (int i = 0; i < n; i++) {
                Candle c = series.candle(i);
                boolean openTicked = false;
                if (pending != null) {
                    exec.tick(c.openTime(), c.open());
                    openTicked = true;
                    execute(exec, pending, pendingIndex, c.open());
                    pending = null;
                }
                if (exec.needsTicks()) {
                    walk(exec, c, openTicked);
                }
                absorb(exec);
                equity[i] = cash + base * closes[i];
                exposed[i] = base > 0;
                bar.moveTo(i, cash, base, equity[i]);
                Intent it = strategy.onBar(bar);
                if (it != Intent.hold()) {
                    decisions.add(new DecisionRecord(i, c.openTime(), it.toString()));
                    if (s.fillAt() == Backtest.FillAt.CLOSE) {
                        exec.tick(c.closeTime(), c.close());
                        execute(exec, it, i, c.close());
                        absorb(exec);
                        equity[i] = cash + base * closes[i];
                        exposed[i] = base > 0;
                    } else {
                        pending = it;
                        pendingIndex = i;
                    }
                }
                if (i % every == 0) {
                    progress.update(i, n);
                }
            }
            progress.update(n, n);
        }
        return new BacktestResult(
                strategy.name(),
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

    /** The price path inside a bar: open, low, high, close, visiting every engine level on the way. */
    private void walk(ReplayExecution exec, Candle c, boolean openTicked) {
        if (detail.isPresent()) {
            PriceSeries d = detail.get();
            int j = d.indexAtOrAfter(c.openTime());
            Instant end = c.nextOpenTime();
            boolean any = false;
            while (j < d.size() && d.openTime(j).isBefore(end)) {
                Candle sub = d.candle(j);
                walkOne(exec, sub.openTime(), sub.closeTime(), sub, openTicked && !any);
                any = true;
                j++;
            }
            if (any) {
                return;
            }
        }
        walkOne(exec, c.openTime(), c.closeTime(), c, openTicked);
    }

    private void walkOne(ReplayExecution exec, Instant t0, Instant t1, Candle c, boolean openTicked) {
        if (!openTicked) {
            exec.tick(t0, c.open());
        }
        segment(exec, t0, c.open(), c.low());
        segment(exec, t0, c.low(), c.high());
        segment(exec, t0, c.high(), c.close());
        exec.tick(t1, c.close());
    }

    /** From {@code from} to {@code to} (not ticking either end), each engine level strictly between, nearest first. */
    private void segment(ReplayExecution exec, Instant t, BigDecimal from, BigDecimal to) {
        int dir = to.compareTo(from);
        BigDecimal at = from;
        while (true) {
            BigDecimal next = null;
            for (BigDecimal l : exec.levels()) {
                boolean between = dir < 0
                        ? l.compareTo(at) < 0 && l.compareTo(to) > 0
                        : l.compareTo(at) > 0 && l.compareTo(to) < 0;
                if (between && (next == null || (dir < 0 ? l.compareTo(next) > 0 : l.compareTo(next) < 0))) {
                    next = l;
                }
            }
            if (next == null) {
                break;
            }
            exec.tick(t, next);
            at = next;
        }
        exec.tick(t, to);
    }

    private void execute(ReplayExecution exec, Intent it, int decidedAt, BigDecimal price) {
        switch (it) {
            case Intent.Hold h -> {}
            case Intent.Exit e -> exit(exec, decidedAt);
            case Intent.Buy b ->
                buy(
                        exec,
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
                    send(exec, r.withClientOrderId(id(decidedAt)));
                }
            }
            case Intent.Signal sig -> signal(exec, sig.signal(), decidedAt, price);
        }
    }

    private void exit(ReplayExecution exec, int decidedAt) {
        exec.cancelAll();
        BigDecimal qty = exec.free(symbol.base());
        if (qty.signum() > 0) {
            send(exec, OrderRequest.market(symbol, Side.SELL, qty).withClientOrderId(id(decidedAt)));
        }
    }

    private void buy(
            ReplayExecution exec,
            int decidedAt,
            BigDecimal price,
            BigDecimal fraction,
            Optional<BigDecimal> stop,
            Optional<BigDecimal> target) {
        BigDecimal held = exec.total(symbol.base());
        BigDecimal equity = exec.total(symbol.quote()).add(held.multiply(price));
        BigDecimal budget = equity.multiply(fraction)
                .min(exec.limits().maxPositionSize().subtract(held.multiply(price)))
                .min(exec.free(symbol.quote()));
        if (budget.signum() <= 0) {
            count("NO_BUDGET");
            return;
        }
        BigDecimal unit = price.multiply(
                        BigDecimal.ONE.add(BigDecimal.valueOf(s.slippageBps()).divide(BPS)))
                .multiply(BigDecimal.ONE.add(exec.feeRate()))
                .multiply(MARGIN);
        BigDecimal qty = budget.divide(unit, 12, RoundingMode.DOWN);
        if (qty.signum() <= 0) {
            count("NO_BUDGET");
            return;
        }
        OrderRequest r = OrderRequest.market(symbol, Side.BUY, qty).withClientOrderId(id(decidedAt));
        if (stop.isPresent() || target.isPresent()) {
            r = r.withProtection(stop.orElse(null), target.orElse(null));
        }
        send(exec, r);
    }

    private void signal(ReplayExecution exec, TradeSignal sig, int decidedAt, BigDecimal price) {
        switch (sig.action()) {
            case HOLD -> {}
            case SELL -> exit(exec, decidedAt);
            case BUY -> {
                BigDecimal equity =
                        exec.total(symbol.quote()).add(exec.total(symbol.base()).multiply(price));
                BigDecimal entry = sig.entry() != null && sig.entry().signum() > 0 ? sig.entry() : price;
                BigDecimal qty;
                try {
                    qty = sig.stopLoss().isPresent()
                            ? new RiskManager(exec.limits())
                                    .positionSize(equity, entry, sig.stopLoss().get(), price)
                            : exec.limits().maxPositionSize().divide(price, 12, RoundingMode.DOWN);
                } catch (RiskRejectedException e) {
                    count(e.rule());
                    return;
                }
                BigDecimal cap = exec.free(symbol.quote())
                        .divide(
                                price.multiply(BigDecimal.ONE.add(exec.feeRate()))
                                        .multiply(BigDecimal.ONE.add(BigDecimal.valueOf(s.slippageBps())
                                                .divide(BPS)))
                                        .multiply(MARGIN),
                                12,
                                RoundingMode.DOWN);
                qty = qty.min(cap);
                if (qty.signum() <= 0) {
                    count("NO_BUDGET");
                    return;
                }
                OrderRequest r = OrderRequest.market(symbol, Side.BUY, qty).withClientOrderId(id(decidedAt));
                if (sig.stopLoss().isPresent() || sig.takeProfit().isPresent()) {
                    r = r.withProtection(
                            sig.stopLoss().orElse(null), sig.takeProfit().orElse(null));
                }
                send(exec, r);
            }
        }
    }

    private void send(ReplayExecution exec, OrderRequest r) {
        try {
            exec.submit(r);
        } catch (RiskRejectedException e) {
            count(e.rule());
        } catch (InvalidRequestException e) {
            count("FILTER_" + e.field().toUpperCase(java.util.Locale.ROOT));
        }
    }

    private String id(int decidedAt) {
        return "bt-" + decidedAt + "-" + (seq++);
    }

    private void count(String rule) {
        rejections.merge(rule, 1, Integer::sum);
    }

    /** Takes the engine's new fills into the account mirror and the trade list. */
    private void absorb(ReplayExecution exec) {
        List<Fill> fresh = exec.drainFills();
        if (fresh.isEmpty()) {
            return;
        }
        for (Fill f : fresh) {
            fills.add(f);
            double q = f.quantity().doubleValue();
            double p = f.price().doubleValue();
            double fee = f.fee().doubleValue();
            if (f.side() == Side.BUY) {
                if (tripHeld <= 0) {
                    tripStart = f.time();
                    tripBought = 0;
                    tripCost = 0;
                    tripSold = 0;
                    tripProceeds = 0;
                    tripFees = 0;
                    tripExit = "signal";
                }
                tripBought += q;
                tripCost += q * p;
                tripHeld += q;
            } else {
                tripSold += q;
                tripProceeds += q * p;
                tripHeld -= q;
                String kind = exitKinds.computeIfAbsent(f.orderId(), id -> exitKind(exec, id));
                if (!kind.equals("signal")) {
                    tripExit = kind;
                }
            }
            tripFees += fee;
            if (f.side() == Side.SELL && tripHeld <= 1e-12 && tripStart != null) {
                trades.add(new Trade(
                        tripStart,
                        f.time(),
                        tripCost / tripBought,
                        tripProceeds / tripSold,
                        tripBought,
                        tripProceeds - tripCost - tripFees,
                        tripFees,
                        tripExit));
                tripHeld = 0;
                tripStart = null;
            }
        }
        cash = exec.total(symbol.quote()).doubleValue();
        base = exec.total(symbol.base()).doubleValue();
    }

    private static String exitKind(ReplayExecution exec, long orderId) {
        String id = exec.clientOrderId(orderId);
        if (id.startsWith("x-sl-")) {
            return "stop-loss";
        }
        if (id.startsWith("x-tp-")) {
            return "take-profit";
        }
        return "signal";
    }
}
