package io.cryptogo.backtest.engine;

import io.cryptogo.InvalidRequestException;
import io.cryptogo.market.CandleListener;
import io.cryptogo.market.KlineQuery;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The market as the engine sees it during a replay: the ticker is the replayed price, streams deliver each
 * replayed price as an update of the open one-minute candle, and the symbols keep their real trading
 * filters (tick, step, minimum notional). Single-threaded: one replay drives it.
 */
public final class ReplayMarket implements MarketDataSource {
    private final SourceInfo source;
    private final List<SymbolInfo> symbols;
    private final ReplayClock clock;
    private final Map<Symbol, BigDecimal> prices = new HashMap<>();
    private final List<Sub> subs = new ArrayList<>();

    public ReplayMarket(SourceInfo source, List<SymbolInfo> symbols, ReplayClock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.symbols = List.copyOf(symbols);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Moves the clock to {@code t} and the price of {@code symbol} to {@code price}, then tells the streams. */
    public void tick(Symbol symbol, Instant t, BigDecimal price) {
        clock.set(t);
        prices.put(symbol, price);
        if (subs.isEmpty()) {
            return;
        }
        Candle c = Candle.of(
                symbol,
                Interval.M1,
                Interval.M1.align(t),
                price,
                price,
                price,
                price,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                0,
                false);
        for (Sub s : List.copyOf(subs)) {
            if (s.open && s.symbol.equals(symbol)) {
                s.listener.onCandle(c);
            }
        }
    }

    /** Whether anything in the engine listens to {@code symbol}'s prices now. */
    public boolean watched(Symbol symbol) {
        for (Sub s : subs) {
            if (s.open && s.symbol.equals(symbol)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Candle> klines(KlineQuery query) {
        throw new InvalidRequestException(
                "klines", "the replayed market serves only the current price; the backtest owns the candles");
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        BigDecimal p = prices.get(symbol);
        if (p == null) {
            throw new InvalidRequestException("symbol", "no replayed price for " + symbol + " yet");
        }
        return new Ticker(symbol, p, p, p, clock.instant());
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        throw new InvalidRequestException("stats24h", "the replayed market has no 24h statistics");
    }

    @Override
    public List<SymbolInfo> symbols() {
        return symbols;
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        Sub s = new Sub(symbol, listener);
        subs.add(s);
        return s;
    }

    @Override
    public SourceInfo source() {
        return source;
    }

    private final class Sub implements StreamHandle {
        final Symbol symbol;
        final CandleListener listener;
        boolean open = true;

        Sub(Symbol symbol, CandleListener listener) {
            this.symbol = symbol;
            this.listener = listener;
        }

        @Override
        public void close() {
            open = false;
            subs.remove(this);
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }
}
