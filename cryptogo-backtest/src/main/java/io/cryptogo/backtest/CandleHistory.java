package io.cryptogo.backtest;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.List;

/**
 * Where a run's data came from, for strategies that need candles beyond the run's bars: earlier history for
 * warm-up, or another interval (a signal strategy's 4h context). {@link Backtest#run()} hands one to the
 * strategy ({@link Strategy#withHistory}) when the run reads a market or the store; an offline run on given
 * candles has none.
 *
 * <pre>{@code
 * List<Candle> context = history.range(Symbol.parse("BTC/USDT"), Interval.H4, from, to);
 * }</pre>
 */
public interface CandleHistory {

    /** Candles opening in {@code [from, to]}, oldest first (from the market, Binance paged and stored, or the store). */
    List<Candle> range(Symbol symbol, Interval interval, Instant from, Instant to);

    /** The market source of these candles. */
    SourceInfo source();
}
