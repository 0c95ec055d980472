package io.cryptogo.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Rolling 24-hour statistics of a symbol, as Binance's {@code /api/v3/ticker/24hr} reports them.
 *
 * <p>An immutable value, equal when every field is equal. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * Stats24h s = Stats24h.builder().symbol(Symbol.parse("BTC/USDT")).open(o).high(h).low(l).last(c)
 *         .change(c.subtract(o)).changePercent(pct).volume(v).quoteVolume(qv)
 *         .openTime(now.minus(Duration.ofDays(1))).closeTime(now).build();
 * }</pre>
 *
 * Its JSON (any Jackson mapper with the java.time module) has one property per accessor, in the order they are
 * listed here, as when it was a record.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
public final class Stats24h {
    // the fields' order is the JSON's order: keep it
    private final Symbol symbol;
    private final BigDecimal open;
    private final BigDecimal high;
    private final BigDecimal low;
    private final BigDecimal last;
    private final BigDecimal change;
    private final BigDecimal changePercent;
    private final BigDecimal volume;
    private final BigDecimal quoteVolume;
    private final Instant openTime;
    private final Instant closeTime;

    private Stats24h(Builder b) {
        this.symbol = Objects.requireNonNull(b.symbol, "symbol");
        this.open = Objects.requireNonNull(b.open, "open");
        this.high = Objects.requireNonNull(b.high, "high");
        this.low = Objects.requireNonNull(b.low, "low");
        this.last = Objects.requireNonNull(b.last, "last");
        this.change = Objects.requireNonNull(b.change, "change");
        this.changePercent = Objects.requireNonNull(b.changePercent, "changePercent");
        this.volume = Objects.requireNonNull(b.volume, "volume");
        this.quoteVolume = Objects.requireNonNull(b.quoteVolume, "quoteVolume");
        this.openTime = Objects.requireNonNull(b.openTime, "openTime");
        this.closeTime = Objects.requireNonNull(b.closeTime, "closeTime");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("high " + high + " < low " + low);
        }
    }

    /** An empty builder: every field is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this value's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.symbol = symbol;
        b.open = open;
        b.high = high;
        b.low = low;
        b.last = last;
        b.change = change;
        b.changePercent = changePercent;
        b.volume = volume;
        b.quoteVolume = quoteVolume;
        b.openTime = openTime;
        b.closeTime = closeTime;
        return b;
    }

    /** The symbol. */
    public Symbol symbol() {
        return symbol;
    }

    /** The price 24 hours ago (the window's first trade). */
    public BigDecimal open() {
        return open;
    }

    /** The highest price in the window. */
    public BigDecimal high() {
        return high;
    }

    /** The lowest price in the window. */
    public BigDecimal low() {
        return low;
    }

    /** The last price. */
    public BigDecimal last() {
        return last;
    }

    /** {@code last - open}. */
    public BigDecimal change() {
        return change;
    }

    /** The change in percent of {@code open}. */
    public BigDecimal changePercent() {
        return changePercent;
    }

    /** The volume traded, in the base asset. */
    public BigDecimal volume() {
        return volume;
    }

    /** The volume traded, in the quote asset. */
    public BigDecimal quoteVolume() {
        return quoteVolume;
    }

    /** The start of the window. */
    public Instant openTime() {
        return openTime;
    }

    /** The end of the window. */
    public Instant closeTime() {
        return closeTime;
    }

    /** The window the statistics cover (24 hours on Binance). */
    public Duration window() {
        return Duration.between(openTime, closeTime);
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Stats24h x
                        && symbol.equals(x.symbol)
                        && open.equals(x.open)
                        && high.equals(x.high)
                        && low.equals(x.low)
                        && last.equals(x.last)
                        && change.equals(x.change)
                        && changePercent.equals(x.changePercent)
                        && volume.equals(x.volume)
                        && quoteVolume.equals(x.quoteVolume)
                        && openTime.equals(x.openTime)
                        && closeTime.equals(x.closeTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                symbol, open, high, low, last, change, changePercent, volume, quoteVolume, openTime, closeTime);
    }

    /** The record-style form {@code Stats24h[symbol=…, …]}, every field in order. */
    @Override
    public String toString() {
        return "Stats24h[symbol=" + symbol + ", open=" + open + ", high=" + high + ", low=" + low + ", last=" + last
                + ", change=" + change + ", changePercent=" + changePercent + ", volume=" + volume + ", quoteVolume="
                + quoteVolume + ", openTime=" + openTime + ", closeTime=" + closeTime + "]";
    }

    /** Collects the fields; {@link #build()} validates them. */
    public static final class Builder {
        private Symbol symbol;
        private BigDecimal open;
        private BigDecimal high;
        private BigDecimal low;
        private BigDecimal last;
        private BigDecimal change;
        private BigDecimal changePercent;
        private BigDecimal volume;
        private BigDecimal quoteVolume;
        private Instant openTime;
        private Instant closeTime;

        private Builder() {}

        /** See {@link Stats24h#symbol()}. */
        public Builder symbol(Symbol v) {
            symbol = v;
            return this;
        }

        /** See {@link Stats24h#open()}. */
        public Builder open(BigDecimal v) {
            open = v;
            return this;
        }

        /** See {@link Stats24h#high()}. */
        public Builder high(BigDecimal v) {
            high = v;
            return this;
        }

        /** See {@link Stats24h#low()}. */
        public Builder low(BigDecimal v) {
            low = v;
            return this;
        }

        /** See {@link Stats24h#last()}. */
        public Builder last(BigDecimal v) {
            last = v;
            return this;
        }

        /** See {@link Stats24h#change()}. */
        public Builder change(BigDecimal v) {
            change = v;
            return this;
        }

        /** See {@link Stats24h#changePercent()}. */
        public Builder changePercent(BigDecimal v) {
            changePercent = v;
            return this;
        }

        /** See {@link Stats24h#volume()}. */
        public Builder volume(BigDecimal v) {
            volume = v;
            return this;
        }

        /** See {@link Stats24h#quoteVolume()}. */
        public Builder quoteVolume(BigDecimal v) {
            quoteVolume = v;
            return this;
        }

        /** See {@link Stats24h#openTime()}. */
        public Builder openTime(Instant v) {
            openTime = v;
            return this;
        }

        /** See {@link Stats24h#closeTime()}. */
        public Builder closeTime(Instant v) {
            closeTime = v;
            return this;
        }

        /** The value; throws naming what is missing or inconsistent. */
        public Stats24h build() {
            return new Stats24h(this);
        }
    }
}
