package io.cryptogo.trading.replay;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.error.RiskRejectedException;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.engine.Engine;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.store.memory.InMemoryOrderStore;
import io.cryptogo.trading.venue.paper.PaperSettings;
import io.cryptogo.trading.venue.paper.PaperVenue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The execution engine on a replayed clock: the same {@link Engine} and {@link PaperVenue} as live paper
 * trading, over a {@link ReplayClock}, a {@link ReplayMarket} serving the {@link BarSeries} as of that clock,
 * and an {@link InMemoryOrderStore}. Each bar is an {@link #open(int)} (the clock at its open time, the
 * price its open: market orders fill there, with slippage and fees) and a {@link #close(int)} (working
 * orders and resting stop loss / take profit are matched on the bar's range, stop first; the clock at its
 * close time). A bar with no open order and no protected position costs two clock moves.
 *
 * <pre>{@code
 * Replay replay = Replay.builder(BarSeries.of(candles)).rules(symbolInfo).paper(PaperSettings.defaults()).build();
 * replay.run((i, r) -> {                       // after bar i closed
 *     if (buySignal(i)) r.submitAtNextOpen(OrderRequest.market(symbol, Side.BUY, qty).withProtection(sl, tp));
 * });
 * replay.engine().balances();  replay.engine().fills(Optional.empty(), Instant.EPOCH, 1000);
 * }</pre>
 */
public final class Replay implements AutoCloseable {

    /** Called after each bar closes, with the bar's index. */
    @FunctionalInterface
    public interface BarListener {
        void onClose(int index, Replay replay);
    }

    private final BarSeries bars;
    private final ReplayClock clock;
    private final ReplayMarket market;
    private final PaperVenue venue;
    private final Engine engine;
    private final List<OrderRequest> pending = new ArrayList<>();
    private final Map<String, Integer> rejections = new TreeMap<>();

    private Replay(Builder b) {
        this.bars = b.bars;
        this.clock = new ReplayClock(Instant.ofEpochMilli(bars.openTime(0)));
        this.market = new ReplayMarket(bars, b.rules, clock, b.source);
        this.venue = new PaperVenue(market, b.paper, clock);
        this.engine = Engine.builder()
                .market(market)
                .venue(venue)
                .store(new InMemoryOrderStore())
                .clock(clock)
                .risk(b.limits)
                .build();
    }

    /** A replay over {@code bars}; {@link Builder#rules} gives the symbol's tick, step and minimums. */
    public static Builder builder(BarSeries bars) {
        return new Builder(bars);
    }

    /** A replay over a list of candles ({@link BarSeries#of}). */
    public static Builder builder(List<Candle> candles) {
        return new Builder(BarSeries.of(candles));
    }

    public Engine engine() {
        return engine;
    }

    public ReplayClock clock() {
        return clock;
    }

    public ReplayMarket market() {
        return market;
    }

    public PaperVenue venue() {
        return venue;
    }

    public BarSeries bars() {
        return bars;
    }

    /** Moves to the open of bar {@code i} and submits the orders queued by {@link #submitAtNextOpen}. */
    public void open(int i) {
        market.open(i);
        if (!pending.isEmpty()) {
            List<OrderRequest> now = List.copyOf(pending);
            pending.clear();
            for (OrderRequest r : now) {
                submit(r);
            }
        }
    }

    /** Closes bar {@code i}: working orders and resting exits are matched on its range (stop first). */
    public void close(int i) {
        market.close(i);
    }

    /** Every bar from the first to the last: open, queued orders, close, then {@code onClose}. */
    public void run(BarListener onClose) {
        run(0, bars.size(), onClose);
    }

    /** Bars {@code from} (inclusive) to {@code to} (exclusive). */
    public void run(int from, int to, BarListener onClose) {
        Objects.requireNonNull(onClose, "onClose");
        for (int i = from; i < to; i++) {
            open(i);
            market.close(i);
            onClose.onClose(i, this);
        }
    }

    /**
     * Submits now (at the open, the order fills at the bar's open; at the close, at its close). A rule that
     * rejects it is counted in {@link #rejections()} and the result is empty-handed: the exception is
     * rethrown only for other failures.
     */
    public java.util.Optional<Order> submit(OrderRequest r) {
        try {
            return java.util.Optional.of(engine.submit(r));
        } catch (RiskRejectedException e) {
            rejections.merge(e.rule(), 1, Integer::sum);
        } catch (InvalidRequestException e) {
            rejections.merge("INVALID " + e.field(), 1, Integer::sum);
        }
        return java.util.Optional.empty();
    }

    /** Queues an order for the next bar's open (a decision on a closed bar fills at the next open). */
    public void submitAtNextOpen(OrderRequest r) {
        pending.add(Objects.requireNonNull(r, "r"));
    }

    /** Orders refused so far, by the rule that refused them ({@code MAX_POSITION_SIZE}, {@code BALANCE}, …). */
    public Map<String, Integer> rejections() {
        return Collections.unmodifiableMap(rejections);
    }

    @Override
    public void close() {
        engine.close();
        venue.close();
    }

    /** Builds a {@link Replay}; {@link #build()} starts its engine on the in-memory store. */
    public static final class Builder {
        private final BarSeries bars;
        private SymbolInfo rules;
        private PaperSettings paper = PaperSettings.defaults();
        private RiskLimits limits = RiskLimits.defaults();
        private SourceInfo source = new SourceInfo(SourceInfo.Kind.SIMULATED, "replay");

        private Builder(BarSeries bars) {
            this.bars = Objects.requireNonNull(bars, "bars");
        }

        /** The symbol's trading rules (tick, step, minimum quantity and notional), as live. Required. */
        public Builder rules(SymbolInfo rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** Starting balances, fee rate, slippage and partial fills of the paper account. */
        public Builder paper(PaperSettings paper) {
            this.paper = Objects.requireNonNull(paper, "paper");
            return this;
        }

        public Builder risk(RiskLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The market source the candles came from (recorded on orders and fills; default simulated). */
        public Builder source(SourceInfo source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        public Replay build() {
            if (rules == null) {
                throw new InvalidRequestException(
                        "rules",
                        "a replay needs the symbol's trading rules: .rules(market.symbol(" + bars.symbol() + "))");
            }
            Replay r = new Replay(this);
            r.engine.start();
            return r;
        }
    }
}
