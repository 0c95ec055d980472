package io.cryptogo.market.sim;

/**
 * Columnar OHLCV bars of one symbol and interval: prices in ticks, volume in step units, quote volume in
 * 1e-8 of the quote asset. Immutable once built; aggregation is exact integer arithmetic.
 */
final class Bars {
    final long[] open;
    final long[] high;
    final long[] low;
    final long[] close;
    final long[] volume;
    final long[] quote;
    final long[] trades;

    Bars(int n) {
        open = new long[n];
        high = new long[n];
        low = new long[n];
        close = new long[n];
        volume = new long[n];
        quote = new long[n];
        trades = new long[n];
    }

    int size() {
        return open.length;
    }

    /** Bars of {@code factor} consecutive bars each (open of first, close of last, max, min, sums). */
    Bars aggregate(int factor) {
        int n = size() / factor;
        Bars out = new Bars(n);
        for (int j = 0; j < n; j++) {
            Acc a = new Acc();
            a.addRange(this, j * factor, (j + 1) * factor);
            a.store(out, j);
        }
        return out;
    }

    /** A running aggregate of consecutive bars. */
    static final class Acc {
        long open;
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long close;
        long volume;
        long quote;
        long trades;
        boolean empty = true;

        void add(long o, long h, long l, long c, long v, long q, long t) {
            if (empty) {
                open = o;
                empty = false;
            }
            if (h > high) {
                high = h;
            }
            if (l < low) {
                low = l;
            }
            close = c;
            volume += v;
            quote += q;
            trades += t;
        }

        void addRange(Bars b, int from, int to) {
            for (int i = from; i < to; i++) {
                add(b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i], b.quote[i], b.trades[i]);
            }
        }

        void store(Bars out, int j) {
            out.open[j] = open;
            out.high[j] = high;
            out.low[j] = low;
            out.close[j] = close;
            out.volume[j] = volume;
            out.quote[j] = quote;
            out.trades[j] = trades;
        }
    }
}
