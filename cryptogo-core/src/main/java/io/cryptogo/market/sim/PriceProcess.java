package io.cryptogo.market.sim;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Interval;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seeded price process of one symbol. Hierarchical and counter-based, so any day can be generated on
 * its own:
 *
 * <ol>
 *   <li>daily closes: a mean-reverting (Ornstein-Uhlenbeck) log price around the reference level with
 *       stochastic volatility, stepped from a fixed anchor day (2024-01-01) forwards and backwards; the
 *       innovations of day {@code d} come from a generator seeded by (seed, symbol, d), and the cheap daily
 *       series (two doubles a day) is kept;
 *   <li>the day's 1m closes: GARCH(1,1) minute volatility with fat-tailed (normal-mixture) shocks and a
 *       U-shaped intraday profile, bridged from the day's open to its close;
 *   <li>each minute's high and low: the extremes of a 60-point per-second bridge seeded by (seed, symbol,
 *       minute), the same path the live candle walks through;
 *   <li>volume from the intraday profile, the day's volatility and the minute's absolute return.
 * </ol>
 *
 * Coarser intervals are exact aggregates of the 1m bars. Generated days are cached (bounded, LRU).
 */
final class PriceProcess {
    static final long MINUTE_MS = 60_000L;
    static final long DAY_MS = 86_400_000L;
    static final int MINUTES_PER_DAY = 1440;
    /** 2024-01-01, where the daily series starts (at the reference price) in both directions. */
    static final long ANCHOR_EPOCH_DAY = 19_723L;
    /** Quote volumes are kept in units of 1e-8. */
    static final int QUOTE_SCALE = 8;

    private static final double QUOTE_UNITS = 1e8;
    private static final double SV_PHI = 0.95;
    private static final double SV_ETA = 0.18;
    private static final double SV_VAR = SV_ETA * SV_ETA / (1 - SV_PHI * SV_PHI);
    private static final double KAPPA = StrictMath.log(2) / 25.0;
    private static final double G_ALPHA = 0.06;
    private static final double G_BETA = 0.92;
    private static final double G_OMEGA = 1 - G_ALPHA - G_BETA;
    /** Mean absolute value of a unit-variance fat-tailed shock (normal mixture below), about 0.77. */
    private static final double MEAN_ABS_SHOCK = Math.sqrt(2 / Math.PI) * (0.05 * 2.2 + 0.95 * 0.8933);

    /** Per-second step of a uniform int32 increment: sigma * sqrt(3 / 60) / 2^31 (uniform variance 1/3). */
    private static final double SECOND_UNIFORM_SCALE = Math.sqrt(3.0 / 60.0) / 2147483648.0;

    private static final long STREAM_DAILY = 1;
    private static final long STREAM_MINUTES = 2;
    private static final long STREAM_SECONDS = 3;
    private static final long STREAM_LIVE_VOLUME = 4;

    /** Intraday activity by minute of the UTC day, mean 1: high around midnight, low mid-day, a US-open bump. */
    static final double[] INTRADAY = intradayProfile();

    final SimSymbol spec;
    final long key;
    final double tick;
    private final double mu;
    private final double sigma;
    private final double step;
    private final double volumePerMinute;
    private final double tradeSize;

    private final int minuteCacheDays;
    private final int summaryCacheDays;
    private final Map<Long, DayBars> days;
    private final Map<Long, Summary> summaries;

    // daily series: forward[i] is day ANCHOR + i, backward[i] is day ANCHOR - 1 - i (backward[0] = anchor level)
    private double[] fwdP = new double[0];
    private double[] fwdH = new double[0];
    private int fwdN;
    private double[] bwdP = new double[] {0};
    private double[] bwdH = new double[] {0};
    private int bwdN = 1;

    PriceProcess(SimSymbol spec, long seed, int minuteCacheDays, int summaryCacheDays) {
        this.spec = spec;
        this.key = mix(seed, fnv(spec.symbol().toString()), 0x5EEDL);
        this.tick = spec.info().tickSize().doubleValue();
        this.mu = StrictMath.log(spec.referencePrice().doubleValue());
        this.sigma = spec.dailyVolatility();
        this.step = spec.info().stepSize().doubleValue();
        this.volumePerMinute = spec.volumePerMinute().doubleValue();
        this.tradeSize = spec.averageTradeSize().doubleValue();
        this.bwdP[0] = mu;
        this.minuteCacheDays = minuteCacheDays;
        this.summaryCacheDays = summaryCacheDays;
        this.days = lru(minuteCacheDays);
        this.summaries = lru(summaryCacheDays);
    }

    private static <V> Map<Long, V> lru(int capacity) {
        return new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > capacity;
            }
        };
    }

    // ---------------------------------------------------------------- daily level

    /** Log close of a UTC day (epoch day). */
    double logClose(long epochDay) {
        long r = epochDay - ANCHOR_EPOCH_DAY;
        synchronized (this) {
            if (r >= 0) {
                ensureForward(r);
                return fwdP[(int) r];
            }
            ensureBackward(-r - 1);
            return bwdP[(int) (-r - 1)];
        }
    }

    /** The log-volatility state of a day (mean 0). */
    double dayState(long epochDay) {
        long r = epochDay - ANCHOR_EPOCH_DAY;
        synchronized (this) {
            if (r >= 0) {
                ensureForward(r);
                return fwdH[(int) r];
            }
            ensureBackward(-r - 1);
            return bwdH[(int) (-r - 1)];
        }
    }

    /** The standard deviation of the day's log return. */
    double dayVolatility(long epochDay) {
        return sigma * StrictMath.exp(dayState(epochDay) - SV_VAR);
    }

    private void ensureForward(long index) {
        checkRange(index);
        if (index < fwdN) {
            return;
        }
        int need = (int) index + 1;
        if (need > fwdP.length) {
            int cap = Math.max(need, fwdP.length * 2 + 64);
            fwdP = java.util.Arrays.copyOf(fwdP, cap);
            fwdH = java.util.Arrays.copyOf(fwdH, cap);
        }
        for (int i = fwdN; i < need; i++) {
            double prevP = i == 0 ? bwdP[0] : fwdP[i - 1];
            double prevH = i == 0 ? bwdH[0] : fwdH[i - 1];
            SplittableRandom rng = new SplittableRandom(mix(key, STREAM_DAILY, i));
            double h = SV_PHI * prevH + SV_ETA * rng.nextGaussian();
            double vol = sigma * StrictMath.exp(h - SV_VAR);
            fwdH[i] = h;
            fwdP[i] = prevP - KAPPA * (prevP - mu) + vol * shock(rng);
        }
        fwdN = need;
    }

    private void ensureBackward(long index) {
        checkRange(index);
        if (index < bwdN) {
            return;
        }
        int need = (int) index + 1;
        if (need > bwdP.length) {
            int cap = Math.max(need, bwdP.length * 2 + 64);
            bwdP = java.util.Arrays.copyOf(bwdP, cap);
            bwdH = java.util.Arrays.copyOf(bwdH, cap);
        }
        for (int i = bwdN; i < need; i++) {
            // day r = -1 - i from day r + 1: its return r+1 uses day r+1's volatility, as forwards
            double nextP = bwdP[i - 1];
            double nextH = bwdH[i - 1];
            SplittableRandom rng = new SplittableRandom(mix(key, STREAM_DAILY, -i));
            double vol = sigma * StrictMath.exp(nextH - SV_VAR);
            bwdH[i] = SV_PHI * nextH + SV_ETA * rng.nextGaussian();
            bwdP[i] = nextP - KAPPA * (nextP - mu) + vol * shock(rng);
        }
        bwdN = need;
    }

    private static void checkRange(long index) {
        if (index > 200_000) {
            throw new InvalidRequestException(
                    "time", "the simulated market covers 1970 to 2500; asked for a day " + index + " days from 2024");
        }
    }

    // ---------------------------------------------------------------- minutes of a day

    /** The 1m bars of a UTC day (cached). */
    DayBars day(long epochDay) {
        DayBars d;
        synchronized (days) {
            d = days.get(epochDay);
        }
        if (d == null) {
            d = generateDay(epochDay);
            synchronized (days) {
                days.put(epochDay, d);
            }
        }
        return d;
    }

    /** The bars of one interval of a UTC day: 1440/288/96 from the minute cache, 24/6/1 from the summary cache. */
    Bars bars(long epochDay, Interval interval) {
        return switch (interval) {
            case M1, M5, M15 -> day(epochDay).bars(interval);
            case H1, H4, D1 -> summary(epochDay).bars(interval);
        };
    }

    private Summary summary(long epochDay) {
        Summary s;
        synchronized (summaries) {
            s = summaries.get(epochDay);
        }
        if (s == null) {
            s = new Summary(day(epochDay).bars(Interval.H1));
            synchronized (summaries) {
                summaries.put(epochDay, s);
            }
        }
        return s;
    }

    /** Generates a day without caching it (benchmarks measure this). */
    DayBars generateDay(long epochDay) {
        double x0 = logClose(epochDay - 1);
        double x1 = logClose(epochDay);
        double sd = dayVolatility(epochDay);
        double h = dayState(epochDay);
        SplittableRandom rng = new SplittableRandom(mix(key, STREAM_MINUTES, epochDay));

        double[] x = new double[MINUTES_PER_DAY + 1];
        double[] sig = new double[MINUTES_PER_DAY];
        double baseVar = sd * sd / MINUTES_PER_DAY;
        double g = 0.6 + 0.8 * rng.nextDouble();
        double s = 0;
        for (int m = 0; m < MINUTES_PER_DAY; m++) {
            double sdm = Math.sqrt(g * baseVar * INTRADAY[m]);
            double z = shock(rng);
            s += sdm * z;
            x[m + 1] = s;
            sig[m] = sdm;
            g = G_OMEGA + G_ALPHA * g * z * z + G_BETA * g;
        }
        double drift = (x1 - x0 - s) / MINUTES_PER_DAY;
        x[0] = x0;
        for (int m = 1; m < MINUTES_PER_DAY; m++) {
            x[m] = x0 + x[m] + drift * m;
        }
        x[MINUTES_PER_DAY] = x1;

        // busier on volatile days; normalised so the long-run mean factor is about 1
        double dayVolume = volumePerMinute * StrictMath.exp(0.6 * h - 0.18 * SV_VAR + 0.2 * rng.nextGaussian() - 0.02);
        Bars b = new Bars(MINUTES_PER_DAY);
        double[] path = new double[61];
        long firstMinute = epochDay * MINUTES_PER_DAY;
        long prevClose = ticks(x0);
        for (int m = 0; m < MINUTES_PER_DAY; m++) {
            secondPath(firstMinute + m, x[m], x[m + 1], sig[m], path);
            double max = path[0];
            double min = path[0];
            for (int i = 1; i <= 60; i++) {
                double p = path[i];
                if (p > max) {
                    max = p;
                } else if (p < min) {
                    min = p;
                }
            }
            long o = prevClose;
            long c = ticks(x[m + 1]);
            long hi = Math.max(ticks(max), Math.max(o, c));
            long lo = Math.min(ticks(min), Math.min(o, c));
            double activity = 0.35 + 0.65 * Math.abs(x[m + 1] - x[m]) / (MEAN_ABS_SHOCK * sig[m]);
            double v = dayVolume * INTRADAY[m] * activity * (0.6 + 0.8 * rng.nextDouble());
            long vu = Math.max(1, Math.round(v / step));
            double typical = (o + hi + lo + c) * 0.25 * tick;
            long q = Math.round(vu * step * typical * QUOTE_UNITS);
            long t = Math.max(1, Math.round(vu * step / tradeSize * (0.8 + 0.4 * rng.nextDouble())));
            b.open[m] = o;
            b.high[m] = hi;
            b.low[m] = lo;
            b.close[m] = c;
            b.volume[m] = vu;
            b.quote[m] = q;
            b.trades[m] = t;
            prevClose = c;
        }
        return new DayBars(epochDay, b, x, sig);
    }

    /**
     * The per-second log-price path of a minute (61 points: the open, then the price at the end of each
     * second; the last is the close): a Brownian bridge seeded by (seed, symbol, minute).
     */
    void secondPath(long epochMinute, double x0, double x1, double sigmaMinute, double[] out) {
        // uniform increments (two per 64-bit SplitMix64 draw): over 60 steps their sum is close to normal,
        // at a fraction of the cost of 60 Gaussian draws (this path is built for every historical minute)
        long state = mix(key, STREAM_SECONDS, epochMinute);
        double s = sigmaMinute * SECOND_UNIFORM_SCALE;
        double w = 0;
        out[0] = 0;
        for (int i = 1; i <= 60; i += 2) {
            state += 0x9E3779B97F4A7C15L;
            long bits = fmix(state);
            w += s * (int) bits;
            out[i] = w;
            w += s * (int) (bits >>> 32);
            out[i + 1] = w;
        }
        double adj = (x1 - x0 - w) / 60;
        for (int i = 0; i < 60; i++) {
            out[i] = x0 + out[i] + adj * i;
        }
        out[60] = x1;
    }

    /**
     * The minute {@code epochMinute} as it stands after {@code seconds} (1..60) of its 60 seconds; at 60 it
     * equals the final 1m bar.
     */
    Live live(long epochMinute, int seconds) {
        if (seconds < 1 || seconds > 60) {
            throw new IllegalArgumentException("seconds must be in 1..60: " + seconds);
        }
        long epochDay = Math.floorDiv(epochMinute, MINUTES_PER_DAY);
        DayBars d = day(epochDay);
        int m = (int) (epochMinute - epochDay * MINUTES_PER_DAY);
        Bars b = d.minutes;
        if (seconds == 60) {
            return new Live(b.open[m], b.high[m], b.low[m], b.close[m], b.volume[m], b.quote[m], b.trades[m], seconds);
        }
        double[] path = new double[61];
        secondPath(epochMinute, d.logPrice[m], d.logPrice[m + 1], d.sigma[m], path);
        // volume arrives faster in the seconds where the price moves
        SplittableRandom rng = new SplittableRandom(mix(key, STREAM_LIVE_VOLUME, epochMinute));
        double unit = d.sigma[m] * 0.12909944487358055;
        double total = 0;
        double upTo = 0;
        for (int i = 1; i <= 60; i++) {
            double w = 0.3 + Math.abs(path[i] - path[i - 1]) / unit + 0.4 * rng.nextDouble();
            total += w;
            if (i == seconds) {
                upTo = total;
            }
        }
        double f = upTo / total;
        long o = b.open[m];
        long hi = o;
        long lo = o;
        for (int i = 1; i <= seconds; i++) {
            long p = ticks(path[i]);
            hi = Math.max(hi, p);
            lo = Math.min(lo, p);
        }
        long c = ticks(path[seconds]);
        return new Live(
                o,
                hi,
                lo,
                c,
                (long) Math.floor(b.volume[m] * f),
                (long) Math.floor(b.quote[m] * f),
                (long) Math.floor(b.trades[m] * f),
                seconds);
    }

    /** A live (partial) minute, in the units of {@link Bars}. */
    record Live(long open, long high, long low, long close, long volume, long quote, long trades, int seconds) {}

    long ticks(double logPrice) {
        return Math.max(1, Math.round(StrictMath.exp(logPrice) / tick));
    }

    // ---------------------------------------------------------------- randomness

    /** A unit-variance fat-tailed shock: a normal mixture (5 % at 2.2 sigma), excess kurtosis about 2.3. */
    static double shock(SplittableRandom rng) {
        double u = rng.nextDouble();
        double z = rng.nextGaussian();
        return u < 0.05 ? 2.2 * z : 0.8933 * z;
    }

    static long mix(long a, long b, long c) {
        long h = fmix(a ^ 0x243F6A8885A308D3L);
        h = fmix(h ^ (b * 0x9E3779B97F4A7C15L));
        return fmix(h ^ (c * 0xC2B2AE3D27D4EB4FL));
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static double[] intradayProfile() {
        double[] f = new double[MINUTES_PER_DAY];
        double sum = 0;
        for (int m = 0; m < MINUTES_PER_DAY; m++) {
            double u = 2.0 * m / (MINUTES_PER_DAY - 1) - 1;
            double bump = (m - 870) / 75.0;
            f[m] = 0.65 + 0.75 * u * u + 0.45 * StrictMath.exp(-bump * bump);
            sum += f[m];
        }
        double mean = sum / MINUTES_PER_DAY;
        for (int m = 0; m < MINUTES_PER_DAY; m++) {
            f[m] /= mean;
        }
        return f;
    }

    /** The log of the reference price, the level the daily process reverts to. */
    double referenceLog() {
        return mu;
    }

    int minuteCacheDays() {
        return minuteCacheDays;
    }

    int summaryCacheDays() {
        return summaryCacheDays;
    }

    /** One UTC day of 1m bars, the minute log prices (1441) and minute volatilities, and lazy aggregates. */
    static final class DayBars {
        final long epochDay;
        final Bars minutes;
        final double[] logPrice;
        final double[] sigma;
        private volatile Bars m5;
        private volatile Bars m15;
        private volatile Bars h1;

        DayBars(long epochDay, Bars minutes, double[] logPrice, double[] sigma) {
            this.epochDay = epochDay;
            this.minutes = minutes;
            this.logPrice = logPrice;
            this.sigma = sigma;
        }

        Bars bars(Interval interval) {
            return switch (interval) {
                case M1 -> minutes;
                case M5 -> {
                    Bars b = m5;
                    if (b == null) {
                        b = minutes.aggregate(5);
                        m5 = b;
                    }
                    yield b;
                }
                case M15 -> {
                    Bars b = m15;
                    if (b == null) {
                        b = minutes.aggregate(15);
                        m15 = b;
                    }
                    yield b;
                }
                case H1 -> {
                    Bars b = h1;
                    if (b == null) {
                        b = minutes.aggregate(60);
                        h1 = b;
                    }
                    yield b;
                }
                case H4 -> bars(Interval.H1).aggregate(4);
                case D1 -> bars(Interval.H1).aggregate(24);
            };
        }
    }

    /** The hourly and coarser bars of a day, kept much longer than the minutes. */
    static final class Summary {
        final Bars h1;
        final Bars h4;
        final Bars d1;

        Summary(Bars h1) {
            this.h1 = h1;
            this.h4 = h1.aggregate(4);
            this.d1 = h1.aggregate(24);
        }

        Bars bars(Interval interval) {
            return switch (interval) {
                case H1 -> h1;
                case H4 -> h4;
                case D1 -> d1;
                default -> throw new IllegalArgumentException(interval.code());
            };
        }
    }
}
