package io.cryptogo.ai;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import io.cryptogo.error.CryptoGoException;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.MarketDataSource;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a decision's market snapshot is made of: the decision interval (also the snapshot's intraday
 * interval), the context interval, the values per series and the candles of each interval fetched for the
 * indicators. The live {@link DecisionLoop} and a backtest's signal strategy build their snapshots with the
 * same {@link #at} from the same settings, so for the same candles and decision time they send the generator
 * the same snapshot (and an LLM the same prompt, byte for byte).
 *
 * <pre>{@code
 * SnapshotSpec spec = SnapshotSpec.fromConfig(config);             // AI_INTERVAL 1h, AI_CONTEXT_INTERVAL 4h, ...
 * MarketSnapshot s = spec.at(market, Symbol.parse("BTC/USDT"), Instant.parse("2025-03-01T10:00:00Z"));
 * }</pre>
 *
 * @param interval the decision interval and the snapshot's intraday interval (live default 1h)
 * @param contextInterval the context interval: ATR for stops, EMA20/50 trend (default 4h)
 * @param seriesLength values per snapshot series, 1..1000 ({@code AI_SERIES_LENGTH}: 1..100; default 10)
 * @param historyBars candles of each interval fetched for the indicators, {@value MarketSnapshot#MIN_HISTORY_BARS}
 *     ..5000 (default {@value MarketSnapshot#DEFAULT_HISTORY_BARS})
 */
public record SnapshotSpec(Interval interval, Interval contextInterval, int seriesLength, int historyBars) {

    public SnapshotSpec {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(contextInterval, "contextInterval");
        if (seriesLength < 1 || seriesLength > 1000) {
            throw new InvalidRequestException(
                    "seriesLength", "seriesLength must be between 1 and 1000, got " + seriesLength);
        }
        if (historyBars < MarketSnapshot.MIN_HISTORY_BARS || historyBars > 5000) {
            throw new InvalidRequestException(
                    "historyBars",
                    "historyBars must be between " + MarketSnapshot.MIN_HISTORY_BARS + " and 5000, got " + historyBars);
        }
    }

    /** The live loop's defaults: 1h decisions, 4h context, 10 values, 500 candles of each interval. */
    public static SnapshotSpec defaults() {
        return new SnapshotSpec(Interval.H1, Interval.H4, 10, MarketSnapshot.DEFAULT_HISTORY_BARS);
    }

    /**
     * From {@code AI_INTERVAL} (1h), {@code AI_CONTEXT_INTERVAL} (4h) and {@code AI_SERIES_LENGTH} (10), as the
     * live loop reads them.
     */
    public static SnapshotSpec fromConfig(Config c) {
        return new SnapshotSpec(
                interval(c, "AI_INTERVAL", Interval.H1),
                interval(c, "AI_CONTEXT_INTERVAL", Interval.H4),
                c.integer("AI_SERIES_LENGTH", 10, 1, 100),
                MarketSnapshot.DEFAULT_HISTORY_BARS);
    }

    static Interval interval(Config c, String name, Interval def) {
        try {
            return c.get(name).map(Interval::parse).orElse(def);
        } catch (CryptoGoException e) {
            throw new ConfigException(name, name + ": " + e.getMessage());
        }
    }

    /** The same settings with another decision interval (a backtest decides on its bars). */
    public SnapshotSpec withInterval(Interval i) {
        return new SnapshotSpec(i, contextInterval, seriesLength, historyBars);
    }

    /** The same settings with another context interval. */
    public SnapshotSpec withContextInterval(Interval i) {
        return new SnapshotSpec(interval, i, seriesLength, historyBars);
    }

    /**
     * The snapshot of {@code symbol} at decision time {@code asOf} (the instant the decision candle closed: its
     * close time + 1 ms): {@link #historyBars} candles of each interval up to {@code asOf} from {@code market},
     * closed ones only, and its derivatives as of {@code asOf} when the market has any.
     */
    public MarketSnapshot at(MarketDataSource market, Symbol symbol, Instant asOf) {
        return MarketSnapshot.builder(market)
                .symbol(symbol)
                .intradayInterval(interval)
                .contextInterval(contextInterval)
                .seriesLength(seriesLength)
                .historyBars(historyBars)
                .clock(Clock.fixed(asOf, ZoneOffset.UTC))
                .build();
    }
}
