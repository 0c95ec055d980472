package io.cryptogo.backtest.ai;

import io.cryptogo.ai.SnapshotSpec;
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
import java.time.Instant;
import java.util.List;

/**
 * The candles a backtest holds (the decision interval and the context interval) served as a market, so that
 * {@link SnapshotSpec#at} builds a backtest's snapshot with the live loop's own code. It answers a query for
 * the last N candles up to T as Binance does at T: the candles opening at or before T, the newest of which is
 * still open then (it opened at or before T and closes after it), so the snapshot keeps N − 1 closed ones, as
 * live. No derivatives: open interest and funding have no history to replay. The snapshot asks only for
 * candles; ticker, 24h statistics, symbols and streams have no replayable answer, so they throw {@link
 * UnsupportedOperationException} naming the call (the engine's own replay is {@code trading.replay.ReplayMarket}).
 */
final class SnapshotMarket implements MarketDataSource {
    /** Fewest closed candles of each interval before a decision (EMA50, MACD 26/9 and RSI14 are then defined). */
    static final int WARM_UP = 60;

    private final Symbol symbol;
    private final List<Candle> intraday;
    private final List<Candle> context;
    private final long[] intradayOpen;
    private final long[] contextOpen;
    private final SourceInfo source;

    SnapshotMarket(Symbol symbol, List<Candle> intraday, List<Candle> context, SourceInfo.Kind kind) {
        this.symbol = symbol;
        this.intraday = List.copyOf(intraday);
        this.context = List.copyOf(context);
        this.intradayOpen = opens(this.intraday);
        this.contextOpen = opens(this.context);
        this.source = new SourceInfo(kind, "backtest replay");
    }

    private static long[] opens(List<Candle> list) {
        long[] t = new long[list.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = list.get(i).openTime().toEpochMilli();
        }
        return t;
    }

    /** Whether both intervals have {@link #WARM_UP} (and the series length of) candles closed by {@code asOf}. */
    boolean ready(SnapshotSpec spec, Instant asOf) {
        int need = Math.max(WARM_UP, spec.seriesLength());
        return closedBy(intraday, intradayOpen, asOf) >= need && closedBy(context, contextOpen, asOf) >= need;
    }

    private static int closedBy(List<Candle> list, long[] opens, Instant asOf) {
        int end = upTo(opens, asOf.toEpochMilli());
        int n = end;
        // the newest ones may close after asOf
        for (int k = end - 1; k >= 0 && k >= end - 2; k--) {
            if (list.get(k).closeTime().isAfter(asOf) || !list.get(k).closed()) {
                n--;
            }
        }
        return n;
    }

    /** How many candles open at or before {@code t} (an index past the last of them). */
    private static int upTo(long[] opens, long t) {
        int lo = 0;
        int hi = opens.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (opens[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public List<Candle> klines(KlineQuery q) {
        if (!q.symbol().equals(symbol) || q.end().isEmpty() || q.start().isPresent()) {
            throw new InvalidRequestException("klines", "a backtest replay serves the last candles up to a time only");
        }
        List<Candle> list;
        long[] opens;
        if (q.interval() == intervalOf(intraday)) {
            list = intraday;
            opens = intradayOpen;
        } else if (q.interval() == intervalOf(context)) {
            list = context;
            opens = contextOpen;
        } else {
            throw new InvalidRequestException("interval", "a backtest replay holds no " + q.interval() + " candles");
        }
        long t = q.end().get().toEpochMilli();
        int end = upTo(opens, t);
        int limit = q.limit();
        // live, the candle of the bucket holding T is there and still open; when the data ends before it, the
        // exchange would still have sent it: keep room for it so the closed candles are the same
        if (end == 0 || opens[end - 1] != q.interval().alignMillis(t)) {
            limit--;
        }
        return list.subList(Math.max(0, end - limit), end);
    }

    private static Interval intervalOf(List<Candle> list) {
        return list.isEmpty() ? null : list.get(0).interval();
    }

    @Override
    public SourceInfo source() {
        return source;
    }

    @Override
    public Ticker ticker(Symbol s) {
        throw unsupported("ticker");
    }

    @Override
    public Stats24h stats24h(Symbol s) {
        throw unsupported("stats24h");
    }

    @Override
    public List<SymbolInfo> symbols() {
        throw unsupported("symbols");
    }

    @Override
    public StreamHandle stream(Symbol s, Interval interval, CandleListener listener) {
        throw unsupported("stream");
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("a backtest replay has no " + what);
    }
}
