package io.cryptogo.collect;

import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.util.Objects;

/** One collected candle series: a (symbol, interval) pair, written {@code BTC/USDT 1h}. */
public record Series(Symbol symbol, Interval interval) {
    public Series {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
    }

    public static Series of(String symbol, Interval interval) {
        return new Series(Symbol.parse(symbol), interval);
    }

    @Override
    public String toString() {
        return symbol + " " + interval;
    }
}
