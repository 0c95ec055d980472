package io.cryptogo.ai.testing;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.testing.FakeMarket;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The core {@link FakeMarket} with the decision loop's price path: a smooth BTC-like sine around 100,000 and
 * 600 closed candles of history per interval before the open one at {@code end}.
 */
public final class LoopMarket extends FakeMarket {

    public LoopMarket(Instant end) {
        super(Clock.fixed(end, ZoneOffset.UTC), LoopMarket::candle);
        history(600);
    }

    /** The loop tests' candle of (symbol, interval) opening at {@code open}. */
    public static Candle candle(Symbol symbol, Interval i, Instant open, boolean closed) {
        double t = open.toEpochMilli() / 3_600_000.0;
        double o = 100_000 + 3000 * Math.sin(t / 50) + 10 * t % 7;
        double c = 100_000 + 3000 * Math.sin((t + i.duration().toHours()) / 50) + 10 * (t + 1) % 7;
        return Candle.of(
                symbol,
                i,
                open,
                BigDecimal.valueOf(o),
                BigDecimal.valueOf(Math.max(o, c) + 50),
                BigDecimal.valueOf(Math.min(o, c) - 50),
                BigDecimal.valueOf(c),
                BigDecimal.TEN,
                BigDecimal.valueOf(10 * c),
                100,
                closed);
    }

    /** The newest closed candle of {@code interval}. */
    public Candle lastClosed(Interval interval) {
        Instant open = interval.align(clock().instant()).minus(interval.duration());
        return candle(BTC, interval, open, true);
    }

    /** Delivers a candle to the streams of its (symbol, interval). */
    public void push(Candle c) {
        emit(c);
    }
}
