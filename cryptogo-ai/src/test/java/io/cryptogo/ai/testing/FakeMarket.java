package io.cryptogo.ai.testing;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deterministic market for loop tests: a smooth BTC-like path of 1h and 4h candles up to a given time (the
 * last 1h candle closed), and streams whose listeners the test drives by hand.
 */
public final class FakeMarket implements MarketDataSource {
    public static final Symbol BTC = Symbol.parse("BTC/USDT");
    private final Map<Interval, List<Candle>> candles = new ConcurrentHashMap<>();
    private final Map<String, CandleListener> listeners = new ConcurrentHashMap<>();

    /** Candles of 1h and 4h whose last closed 1h candle closes just before {@code end}. */
    public FakeMarket(Instant end) {
        for (Interval i : List.of(Interval.H1, Interval.H4)) {
            List<Candle> l = new ArrayList<>();
            Instant open = i.align(end).minus(i.duration().multipliedBy(600));
            while (!open.isAfter(end)) {
                double t = open.toEpochMilli() / 3_600_000.0;
                double o = 100_000 + 3000 * Math.sin(t / 50) + 10 * t % 7;
                double c = 100_000 + 3000 * Math.sin((t + i.duration().toHours()) / 50) + 10 * (t + 1) % 7;
                boolean closed = !open.plus(i.duration()).isAfter(end);
                l.add(Candle.of(
                        BTC,
                        i,
                        open,
                        BigDecimal.valueOf(o),
                        BigDecimal.valueOf(Math.max(o, c) + 50),
                        BigDecimal.valueOf(Math.min(o, c) - 50),
                        BigDecimal.valueOf(c),
                        BigDecimal.TEN,
                        BigDecimal.valueOf(10 * c),
                        100,
                        closed));
                open = open.plus(i.duration());
            }
            candles.put(i, l);
        }
    }

    /** The newest closed candle of {@code interval}. */
    public Candle lastClosed(Interval interval) {
        List<Candle> l = candles.get(interval);
        for (int k = l.size() - 1; k >= 0; k--) {
            if (l.get(k).closed()) {
                return l.get(k);
            }
        }
        throw new IllegalStateException("no closed candle");
    }

    /** Delivers a candle to the stream listener of its (symbol, interval). */
    public void push(Candle c) {
        listeners.get(c.symbol() + " " + c.interval()).onCandle(c);
    }

    public boolean subscribed(Symbol s, Interval i) {
        return listeners.containsKey(s + " " + i);
    }

    @Override
    public List<Candle> klines(KlineQuery q) {
        List<Candle> l = candles.getOrDefault(q.interval(), List.of()).stream()
                .filter(c -> q.end().map(e -> !c.openTime().isAfter(e)).orElse(true))
                .toList();
        return l.subList(Math.max(0, l.size() - q.limit()), l.size());
    }

    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        String key = symbol + " " + interval;
        listeners.put(key, listener);
        return new StreamHandle() {
            @Override
            public void close() {
                listeners.remove(key);
            }

            @Override
            public boolean isOpen() {
                return listeners.containsKey(key);
            }
        };
    }

    @Override
    public SourceInfo source() {
        return new SourceInfo(SourceInfo.Kind.SIMULATED, "test fake");
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        throw new UnsupportedOperationException("the loop does not use tickers");
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        throw new UnsupportedOperationException("the loop does not use 24h stats");
    }

    @Override
    public List<SymbolInfo> symbols() {
        return List.of();
    }
}
