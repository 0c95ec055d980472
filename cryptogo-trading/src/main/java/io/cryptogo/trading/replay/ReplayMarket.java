package io.cryptogo.trading.replay;

import io.cryptogo.error.InvalidRequestException;
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
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The market port over a {@link BarSeries}, "as of" a {@link ReplayClock}: at the open of bar {@code i}
 * the price is its open and the closed candles are those before it; at its close the price is its close,
 * bar {@code i} is closed, and every stream of the symbol receives it (whatever interval was asked: in a
 * replay the bar is the finest detail). No bar in the future is ever served. Single threaded.
 *
 * <pre>{@code
 * ReplayMarket market = new ReplayMarket(bars, symbolInfo, clock, new SourceInfo(SourceInfo.Kind.BINANCE, "replay"));
 * market.open(0);  ...  market.close(0);
 * }</pre>
 */
public final class ReplayMarket implements MarketDataSource {
    private final BarSeries bars;
    private final SymbolInfo info;
    private final ReplayClock clock;
    private final SourceInfo source;
    private final List<Listener> listeners = new ArrayList<>();
    private int cursor = -1;
    private boolean closed;
    private Candle current;
    private BigDecimal price;

    public ReplayMarket(BarSeries bars, SymbolInfo info, ReplayClock clock, SourceInfo source) {
        this.bars = Objects.requireNonNull(bars, "bars");
        this.info = Objects.requireNonNull(info, "info");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = Objects.requireNonNull(source, "source");
        if (!info.symbol().equals(bars.symbol())) {
            throw new InvalidRequestException(
                    "symbol", "symbol rules of " + info.symbol() + " for a series of " + bars.symbol());
        }
    }

    public BarSeries bars() {
        return bars;
    }

    /** The bar the clock stands in ({@code -1} before the first). */
    public int cursor() {
        return cursor;
    }

    /** Moves to the open of bar {@code i}: the clock reads its open time, the price is its open. */
    public void open(int i) {
        cursor = i;
        closed = false;
        current = null;
        price = null;
        clock.set(bars.openTime(i));
    }

    /**
     * Moves to the close of bar {@code i}: the clock reads its close time, the price is its close, and the
     * streams of the symbol receive the closed bar (nothing is built when no stream is open).
     */
    public void close(int i) {
        if (cursor != i) {
            open(i);
        }
        closed = true;
        price = null;
        clock.set(closeTime(i));
        if (!listeners.isEmpty()) {
            Candle c = bar();
            for (Listener l : listeners.toArray(new Listener[0])) {
                if (l.open) {
                    l.listener.onCandle(c);
                }
            }
        }
    }

    /** Whether any stream is open (something watches prices). */
    public boolean watched() {
        return !listeners.isEmpty();
    }

    private long closeTime(int i) {
        return i + 1 < bars.size()
                ? Math.min(
                                bars.openTime(i + 1),
                                bars.openTime(i) + bars.interval().millis())
                        - 1
                : bars.openTime(i) + bars.interval().millis() - 1;
    }

    private Candle bar() {
        if (current == null) {
            current = bars.candle(cursor);
        }
        return current;
    }

    private void known(Symbol s) {
        if (!s.equals(bars.symbol())) {
            throw new InvalidRequestException("symbol", "unknown symbol " + s + " in a replay of " + bars.symbol());
        }
        if (cursor < 0) {
            throw new InvalidRequestException("time", "the replay has not reached its first bar yet");
        }
    }

    @Override
    public Ticker ticker(Symbol symbol) {
        known(symbol);
        // the open (close) price alone: no candle is built for a price
        BigDecimal p = price;
        if (p == null) {
            p = current != null
                    ? closed ? current.close() : current.open()
                    : closed ? bars.closePrice(cursor) : bars.openPrice(cursor);
            price = p;
        }
        return new Ticker(symbol, p, p, p, clock.instant());
    }

    /** Closed candles as of the clock only (the bar in progress is never served). */
    @Override
    public List<Candle> klines(KlineQuery q) {
        if (!q.symbol().equals(bars.symbol()) || q.interval() != bars.interval()) {
            throw new InvalidRequestException(
                    "interval",
                    "a replay of " + bars.symbol() + " " + bars.interval() + " has no " + q.symbol() + " "
                            + q.interval());
        }
        int end = cursor < 0 ? 0 : closed ? cursor + 1 : cursor;
        int from = 0;
        if (q.start().isPresent()) {
            long s = q.start().get().toEpochMilli();
            while (from < end && bars.openTime(from) < s) {
                from++;
            }
        }
        if (q.end().isPresent()) {
            long e = q.end().get().toEpochMilli();
            while (end > from && bars.openTime(end - 1) > e) {
                end--;
            }
        }
        if (q.start().isEmpty()) {
            from = Math.max(from, end - q.limit());
        } else {
            end = Math.min(end, from + q.limit());
        }
        List<Candle> out = new ArrayList<>(Math.max(0, end - from));
        for (int i = from; i < end; i++) {
            out.add(bars.candle(i));
        }
        return out;
    }

    @Override
    public Stats24h stats24h(Symbol symbol) {
        known(symbol);
        long now = clock.millis();
        long since = now - 86_400_000L;
        int last = closed ? cursor : cursor - 1;
        if (last < 0) {
            throw new InvalidRequestException("time", "no closed bar yet in the replay");
        }
        int first = last;
        while (first > 0 && bars.openTime(first - 1) >= since) {
            first--;
        }
        Candle a = bars.candle(first);
        Candle z = bars.candle(last);
        BigDecimal high = a.high();
        BigDecimal low = a.low();
        BigDecimal vol = BigDecimal.ZERO;
        BigDecimal qvol = BigDecimal.ZERO;
        for (int i = first; i <= last; i++) {
            Candle c = bars.candle(i);
            high = high.max(c.high());
            low = low.min(c.low());
            vol = vol.add(c.volume());
            qvol = qvol.add(c.quoteVolume());
        }
        BigDecimal change = z.close().subtract(a.open());
        return Stats24h.builder()
                .symbol(symbol)
                .open(a.open())
                .high(high)
                .low(low)
                .last(z.close())
                .change(change)
                .changePercent(change.multiply(BigDecimal.valueOf(100)).divide(a.open(), 4, RoundingMode.HALF_EVEN))
                .volume(vol)
                .quoteVolume(qvol)
                .openTime(a.openTime())
                .closeTime(z.closeTime())
                .build();
    }

    @Override
    public List<SymbolInfo> symbols() {
        return List.of(info);
    }

    @Override
    public SymbolInfo symbol(Symbol symbol) {
        if (!symbol.equals(info.symbol())) {
            throw new InvalidRequestException(
                    "symbol", "unknown symbol " + symbol + " in a replay of " + bars.symbol());
        }
        return info;
    }

    /** Every closed bar of the series' symbol, at its close, whatever {@code interval} is asked. */
    @Override
    public StreamHandle stream(Symbol symbol, Interval interval, CandleListener listener) {
        if (!symbol.equals(bars.symbol())) {
            throw new InvalidRequestException(
                    "symbol", "unknown symbol " + symbol + " in a replay of " + bars.symbol());
        }
        Listener l = new Listener(listener);
        listeners.add(l);
        return new StreamHandle() {
            @Override
            public void close() {
                l.open = false;
                listeners.remove(l);
            }

            @Override
            public boolean isOpen() {
                return l.open;
            }
        };
    }

    @Override
    public SourceInfo source() {
        return source;
    }

    private static final class Listener {
        final CandleListener listener;
        boolean open = true;

        Listener(CandleListener listener) {
            this.listener = listener;
        }
    }
}
