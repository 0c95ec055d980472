package io.cryptogo.examples.app.testing;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.testing.FakeMarket;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The core {@link FakeMarket} with the app's price path: BTC around 97,000 and ETH around 3,500 on a slow sine,
 * frozen at a given "now", bid and ask one cent either side of the last price.
 */
public final class AppMarket extends FakeMarket {
    private final Instant now;

    public AppMarket(Instant now) {
        super(Clock.fixed(now, ZoneOffset.UTC), AppMarket::candle);
        this.now = now;
        halfSpread("0.01");
    }

    /** A market whose "now" is the current time (for the browser tests, whose charts show real dates). */
    public static AppMarket live() {
        return new AppMarket(Instant.now());
    }

    /** The open candle of (symbol, interval) at "now", with its close moved to {@code price}. */
    public Candle openCandle(Symbol s, Interval i, String price) {
        Instant open = i.align(now);
        BigDecimal p = new BigDecimal(price);
        Candle base = candle(s, i, open, false);
        return Candle.of(
                s,
                i,
                open,
                base.open(),
                base.high().max(p),
                base.low().min(p),
                p,
                base.volume(),
                base.quoteVolume(),
                1,
                false);
    }

    /** The deterministic candle of (symbol, interval) opening at {@code open}. */
    public static Candle candle(Symbol s, Interval i, Instant open, boolean closed) {
        long n = open.toEpochMilli() / i.millis();
        double base = s.equals(ETH) ? 3500 : 97000;
        double o = base * (1 + 0.01 * Math.sin(n / 7.0));
        double c = base * (1 + 0.01 * Math.sin((n + 1) / 7.0));
        double h = Math.max(o, c) * 1.002;
        double l = Math.min(o, c) * 0.998;
        BigDecimal vol = BigDecimal.valueOf(10 + (n % 13)).setScale(5, RoundingMode.UNNECESSARY);
        return Candle.of(
                s,
                i,
                open,
                money(o),
                money(h),
                money(l),
                money(c),
                vol,
                vol.multiply(money(c)).setScale(2, RoundingMode.HALF_UP),
                42,
                closed);
    }

    private static BigDecimal money(double d) {
        return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP);
    }
}
