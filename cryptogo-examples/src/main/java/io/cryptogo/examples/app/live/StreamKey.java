package io.cryptogo.examples.app.live;

import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.util.Objects;

/** One upstream stream: a (symbol, interval) pair. */
public record StreamKey(Symbol symbol, Interval interval) {
    public StreamKey {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
    }

    @Override
    public String toString() {
        return symbol + " " + interval;
    }
}
