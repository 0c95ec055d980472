package io.cryptogo.trading.testing;

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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A market whose prices the test sets; {@link #push} also feeds every live stream of the symbol. */
public final class FakeMarket implements MarketDataSource {
    public static final Symbol BTC = Symbol.parse("BTC/USDT");
    public static final Symbol ETH = Symbol.parse("ETH/USDT");

    private final Clock clock;
    private final Map<Symbol, Ticker> tickers = new ConcurrentHashMap<>();
    private final Map<Symbol, List<CandleListener>> listeners = new ConcurrentHashMap<>();
    private final List<SymbolInfo> infos = List.of(
            new SymbolInfo(
                    BTC,
                    "TRADING",
                    new BigDecimal("0.01"),
                    new BigDecimal("0.00001"),
                    new BigDecimal("0.00001"),
                    new BigDecimal("5")),
            new SymbolInfo(
                    ETH,
                    "TRADING",
                    new BigDecimal("0.01"),
                    new BigDecimal("0.0001"),
                    new BigDecimal("0.0001"),
                    new BigDecimal("5")));
    private volatile BigDecimal halfSpread = BigDecimal.ZERO;

    public FakeMarket(Clock clock) {
        this.clock = clock;
        set(BTC, "50000");
        set(ETH, "3000");
    }

    /** Bid and ask this far below and above the last price. */
    public FakeMarket halfSpread(String s) {
        this.halfSpread = new BigDecimal(s);
        return this;
    }

    /** Sets the price without telling streams. */
    public void set(Symbol s, String price) {
        BigDecimal p = new BigDecimal(price);
        tickers.put(s, new Ticker(s, p, p.subtract(halfSpread), p.add(halfSpread), clock.instant()));
    }

    /** Sets the price and delivers it to the symbol's streams as an open 1m candle. */
    public void push(Symbol s, String price) {
        set(s, price);
        BigDecimal p = new BigDecimal(price);
        Instant open = Interval.M1.align(clock.instant());
        Candle c = Candle.of(s, Interval.M1, open, p, p, p, p, BigDecimal.ONE, p, 1, false);
        for (CandleListener l : listeners.getOrDefault(s, List.of())) {
            l.onCandle(c);
        }
    }

    public int streamCount(Symbol s) {
        return listeners.getOrDefault(s, List.of()).size();
    }

    @Override
    public List<Candle> klines(KlineQuery query) {
        return List.of();
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        Ticker t = tickers.get(symbol);
        if (t == null) {
            throw new InvalidRequestException("symbol", "unknown symbol " + symbol);
        }
        return t;
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SymbolInfo> symbols() {
        return infos;
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        List<CandleListener> l = listeners.computeIfAbsent(symbol, k -> new CopyOnWriteArrayList<>());
        l.add(listener);
        return new StreamHandle() {
            @Override
            public void close() {
                l.remove(listener);
            }

            @Override
            public boolean isOpen() {
                return l.contains(listener);
            }
        };
    }

    @Override
    public SourceInfo source() {
        return new SourceInfo(SourceInfo.Kind.SIMULATED, "test");
    }
}
