package io.cryptogo.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cryptogo.error.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar, identified by (symbol, interval, openTime). {@code closeTime} follows Binance: the last
 * millisecond of the bucket ({@code openTime + interval - 1 ms}). {@code closed} is false for the live
 * candle, whose values still move.
 *
 * <p>An immutable value, equal when every field is equal. Make one with {@link #of} (the standard close time, or
 * every field given) or with {@link #builder()}:
 *
 * <pre>{@code
 * Candle c = Candle.builder().symbol(Symbol.parse("BTC/USDT")).interval(Interval.H1).openTime(hourStart)
 *         .open(o).high(h).low(l).close(c).volume(v).quoteVolume(qv).trades(120).closed(true).build();
 * }</pre>
 *
 * Its JSON (any Jackson mapper with the java.time module) has one property per accessor, in the order they are
 * listed here, as when it was a record, and reads back the same way.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
public final class Candle {
    // the fields' order is the JSON's order: keep it
    private final Symbol symbol;
    private final Interval interval;
    private final Instant openTime;
    private final Instant closeTime;
    private final BigDecimal open;
    private final BigDecimal high;
    private final BigDecimal low;
    private final BigDecimal close;
    private final BigDecimal volume;
    private final BigDecimal quoteVolume;
    private final long trades;
    private final boolean closed;

    @JsonCreator
    private Candle(
            @JsonProperty("symbol") Symbol symbol,
            @JsonProperty("interval") Interval interval,
            @JsonProperty("openTime") Instant openTime,
            @JsonProperty("closeTime") Instant closeTime,
            @JsonProperty("open") BigDecimal open,
            @JsonProperty("high") BigDecimal high,
            @JsonProperty("low") BigDecimal low,
            @JsonProperty("close") BigDecimal close,
            @JsonProperty("volume") BigDecimal volume,
            @JsonProperty("quoteVolume") BigDecimal quoteVolume,
            @JsonProperty("trades") long trades,
            @JsonProperty("closed") boolean closed) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(openTime, "openTime");
        Objects.requireNonNull(closeTime, "closeTime");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(quoteVolume, "quoteVolume");
        if (!interval.isAligned(openTime)) {
            throw new InvalidRequestException(
                    "openTime", "openTime " + openTime + " is not aligned to a " + interval + " bucket");
        }
        if (!closeTime.isAfter(openTime)) {
            throw new InvalidRequestException(
                    "closeTime", "closeTime " + closeTime + " must be after openTime " + openTime);
        }
        if (open.signum() <= 0 || close.signum() <= 0 || low.signum() <= 0) {
            throw new InvalidRequestException("price", "prices must be positive: " + describe(open, high, low, close));
        }
        if (high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0) {
            throw new InvalidRequestException(
                    "high/low",
                    "need high >= max(open, close) and low <= min(open, close): " + describe(open, high, low, close));
        }
        if (volume.signum() < 0 || quoteVolume.signum() < 0 || trades < 0) {
            throw new InvalidRequestException("volume", "volume, quoteVolume and trades must be >= 0");
        }
        this.symbol = symbol;
        this.interval = interval;
        this.openTime = openTime;
        this.closeTime = closeTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.quoteVolume = quoteVolume;
        this.trades = trades;
        this.closed = closed;
    }

    /** A candle whose closeTime is the standard end of its bucket. */
    public static Candle of(
            Symbol symbol,
            Interval interval,
            Instant openTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            BigDecimal quoteVolume,
            long trades,
            boolean closed) {
        return new Candle(
                symbol,
                interval,
                openTime,
                openTime.plusMillis(interval.millis() - 1),
                open,
                high,
                low,
                close,
                volume,
                quoteVolume,
                trades,
                closed);
    }

    /**
     * A candle with every field given, in accessor order: the form for parsers and stores that read a close time
     * (a Binance kline row, a database row), with no builder in between. Validates as {@link #builder()} does.
     */
    public static Candle of(
            Symbol symbol,
            Interval interval,
            Instant openTime,
            Instant closeTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            BigDecimal quoteVolume,
            long trades,
            boolean closed) {
        return new Candle(
                symbol, interval, openTime, closeTime, open, high, low, close, volume, quoteVolume, trades, closed);
    }

    /** An empty builder. Defaults: close time the standard end of the bucket, no trades, not closed. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this candle's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.symbol = symbol;
        b.interval = interval;
        b.openTime = openTime;
        b.closeTime = closeTime;
        b.open = open;
        b.high = high;
        b.low = low;
        b.close = close;
        b.volume = volume;
        b.quoteVolume = quoteVolume;
        b.trades = trades;
        b.closed = closed;
        return b;
    }

    private static String describe(BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c) {
        return "open=" + o.toPlainString() + " high=" + h.toPlainString() + " low=" + l.toPlainString() + " close="
                + c.toPlainString();
    }

    /** The symbol. */
    public Symbol symbol() {
        return symbol;
    }

    /** The bar's length. */
    public Interval interval() {
        return interval;
    }

    /** The start of the bucket, aligned to {@link #interval()}. */
    public Instant openTime() {
        return openTime;
    }

    /** The last millisecond of the bucket (Binance's convention). */
    public Instant closeTime() {
        return closeTime;
    }

    /** The first price. */
    public BigDecimal open() {
        return open;
    }

    /** The highest price. */
    public BigDecimal high() {
        return high;
    }

    /** The lowest price. */
    public BigDecimal low() {
        return low;
    }

    /** The last price (the current one while the candle is open). */
    public BigDecimal close() {
        return close;
    }

    /** The volume traded, in the base asset. */
    public BigDecimal volume() {
        return volume;
    }

    /** The volume traded, in the quote asset. */
    public BigDecimal quoteVolume() {
        return quoteVolume;
    }

    /** The number of trades. */
    public long trades() {
        return trades;
    }

    /** False for the live candle, whose values still move. */
    public boolean closed() {
        return closed;
    }

    /** The same candle marked final. */
    public Candle asClosed() {
        return closed
                ? this
                : new Candle(
                        symbol,
                        interval,
                        openTime,
                        closeTime,
                        open,
                        high,
                        low,
                        close,
                        volume,
                        quoteVolume,
                        trades,
                        true);
    }

    /** Open time of the next bucket. */
    public Instant nextOpenTime() {
        return openTime.plus(interval.duration());
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Candle x
                        && symbol.equals(x.symbol)
                        && interval.equals(x.interval)
                        && openTime.equals(x.openTime)
                        && closeTime.equals(x.closeTime)
                        && open.equals(x.open)
                        && high.equals(x.high)
                        && low.equals(x.low)
                        && close.equals(x.close)
                        && volume.equals(x.volume)
                        && quoteVolume.equals(x.quoteVolume)
                        && trades == x.trades
                        && closed == x.closed;
    }

    /** The record's hash: {@code 31 * h + hash(field)} over the fields in order, from 0. */
    @Override
    public int hashCode() {
        int h = symbol.hashCode();
        h = 31 * h + interval.hashCode();
        h = 31 * h + openTime.hashCode();
        h = 31 * h + closeTime.hashCode();
        h = 31 * h + open.hashCode();
        h = 31 * h + high.hashCode();
        h = 31 * h + low.hashCode();
        h = 31 * h + close.hashCode();
        h = 31 * h + volume.hashCode();
        h = 31 * h + quoteVolume.hashCode();
        h = 31 * h + Long.hashCode(trades);
        return 31 * h + Boolean.hashCode(closed);
    }

    /** The record-style form {@code Candle[symbol=…, interval=…, …]}, every field in order. */
    @Override
    public String toString() {
        return "Candle[symbol=" + symbol + ", interval=" + interval + ", openTime=" + openTime + ", closeTime="
                + closeTime + ", open=" + open + ", high=" + high + ", low=" + low + ", close=" + close + ", volume="
                + volume + ", quoteVolume=" + quoteVolume + ", trades=" + trades + ", closed=" + closed + "]";
    }

    /** Collects the fields; {@link #build()} validates them. */
    public static final class Builder {
        private Symbol symbol;
        private Interval interval;
        private Instant openTime;
        private Instant closeTime;
        private BigDecimal open;
        private BigDecimal high;
        private BigDecimal low;
        private BigDecimal close;
        private BigDecimal volume;
        private BigDecimal quoteVolume;
        private long trades;
        private boolean closed;

        private Builder() {}

        /** See {@link Candle#symbol()}. */
        public Builder symbol(Symbol v) {
            symbol = v;
            return this;
        }

        /** See {@link Candle#interval()}. */
        public Builder interval(Interval v) {
            interval = v;
            return this;
        }

        /** See {@link Candle#openTime()}. */
        public Builder openTime(Instant v) {
            openTime = v;
            return this;
        }

        /** See {@link Candle#closeTime()}; unset, the standard end of the bucket. */
        public Builder closeTime(Instant v) {
            closeTime = v;
            return this;
        }

        /** See {@link Candle#open()}. */
        public Builder open(BigDecimal v) {
            open = v;
            return this;
        }

        /** See {@link Candle#high()}. */
        public Builder high(BigDecimal v) {
            high = v;
            return this;
        }

        /** See {@link Candle#low()}. */
        public Builder low(BigDecimal v) {
            low = v;
            return this;
        }

        /** See {@link Candle#close()}. */
        public Builder close(BigDecimal v) {
            close = v;
            return this;
        }

        /** See {@link Candle#volume()}. */
        public Builder volume(BigDecimal v) {
            volume = v;
            return this;
        }

        /** See {@link Candle#quoteVolume()}. */
        public Builder quoteVolume(BigDecimal v) {
            quoteVolume = v;
            return this;
        }

        /** See {@link Candle#trades()}. */
        public Builder trades(long v) {
            trades = v;
            return this;
        }

        /** See {@link Candle#closed()}. */
        public Builder closed(boolean v) {
            closed = v;
            return this;
        }

        /** The candle; throws naming what is missing or inconsistent. */
        public Candle build() {
            Instant end = closeTime;
            if (end == null && openTime != null && interval != null) {
                end = openTime.plusMillis(interval.millis() - 1);
            }
            return new Candle(
                    symbol, interval, openTime, end, open, high, low, close, volume, quoteVolume, trades, closed);
        }
    }
}
