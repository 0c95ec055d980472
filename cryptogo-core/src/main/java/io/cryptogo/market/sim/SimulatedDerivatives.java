package io.cryptogo.market.sim;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.DerivativesData;
import io.cryptogo.model.FundingRate;
import io.cryptogo.model.OpenInterest;
import io.cryptogo.model.Symbol;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated perpetual-futures data of the simulated symbols. Open interest wanders slowly (a few slow
 * cycles with seeded phases, following the price level, with a little noise per 5 minutes) around the
 * symbol's typical value; funding is settled every 8 hours at about 5e-5 plus a term that follows the last
 * day's trend, so it turns negative after a sell-off. Both are functions of time, so any point in the past
 * is available and the same seed gives the same values.
 */
final class SimulatedDerivatives implements DerivativesData {
    static final Duration FUNDING_INTERVAL = Duration.ofHours(8);
    /** The periods Binance's open-interest history accepts. */
    static final List<String> PERIODS = List.of("5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d");

    private static final long STREAM_OI_PHASES = 10;
    private static final long STREAM_OI_NOISE = 11;
    private static final long STREAM_FUNDING = 12;
    private static final int MAX_HISTORY = 500;

    private final SimulatedMarket market;

    SimulatedDerivatives(SimulatedMarket market) {
        this.market = market;
    }

    @Override
    public OpenInterest openInterest(Symbol symbol) {
        PriceProcess p = market.process(symbol);
        long now = market.nowMillis();
        return new OpenInterest(symbol, amount(p, now), Instant.ofEpochMilli(now));
    }

    @Override
    public List<OpenInterest> openInterestHistory(Symbol symbol, Duration period, int limit) {
        PriceProcess p = market.process(symbol);
        if (period == null || !PERIODS.contains(code(period))) {
            throw new InvalidRequestException(
                    "period",
                    "open interest period " + period + " is not supported; accepted values: "
                            + String.join(", ", PERIODS));
        }
        if (limit < 1 || limit > MAX_HISTORY) {
            throw new InvalidRequestException(
                    "limit", "open interest history limit must be within 1.." + MAX_HISTORY + ", got " + limit);
        }
        long step = period.toMillis();
        long last = Math.floorDiv(market.nowMillis(), step) * step;
        List<OpenInterest> out = new ArrayList<>(limit);
        for (long t = last - (limit - 1L) * step; t <= last; t += step) {
            out.add(new OpenInterest(symbol, amount(p, t), Instant.ofEpochMilli(t)));
        }
        return out;
    }

    @Override
    public FundingRate fundingRate(Symbol symbol) {
        PriceProcess p = market.process(symbol);
        long now = market.nowMillis();
        long every = FUNDING_INTERVAL.toMillis();
        long period = Math.floorDiv(now, every);
        long settled = period * every;
        double trend = logPrice(p, settled) - logPrice(p, settled - PriceProcess.DAY_MS);
        SplittableRandom rng = new SplittableRandom(PriceProcess.mix(p.key, STREAM_FUNDING, period));
        double rate = 5e-5 + 0.0015 * trend + 2.5e-5 * rng.nextGaussian();
        rate = Math.max(-0.003, Math.min(0.003, rate));
        BigDecimal mark = market.ticker(symbol).price();
        return new FundingRate(
                symbol,
                BigDecimal.valueOf(rate).setScale(8, RoundingMode.HALF_UP),
                FUNDING_INTERVAL,
                Instant.ofEpochMilli(settled + every),
                mark,
                Instant.ofEpochMilli(now));
    }

    private static BigDecimal amount(PriceProcess p, long t) {
        double days = t / (double) PriceProcess.DAY_MS;
        SplittableRandom phases = new SplittableRandom(PriceProcess.mix(p.key, STREAM_OI_PHASES, 0));
        double cycles = 0.12 * StrictMath.sin(2 * Math.PI * (days / 41.0 + phases.nextDouble()))
                + 0.07 * StrictMath.sin(2 * Math.PI * (days / 9.3 + phases.nextDouble()))
                + 0.03 * StrictMath.sin(2 * Math.PI * (days / 1.7 + phases.nextDouble()));
        double level = 0.6 * (logPrice(p, t) - p.referenceLog());
        double noise = 0.002
                * new SplittableRandom(PriceProcess.mix(p.key, STREAM_OI_NOISE, Math.floorDiv(t, 300_000L)))
                        .nextGaussian();
        double oi = p.spec.openInterest().doubleValue() * StrictMath.exp(cycles + level + noise);
        return BigDecimal.valueOf(oi).setScale(3, RoundingMode.HALF_UP);
    }

    /** The daily log price interpolated within the day: cheap, no minute data needed. */
    private static double logPrice(PriceProcess p, long t) {
        long day = Math.floorDiv(t, PriceProcess.DAY_MS);
        double f = (t - day * PriceProcess.DAY_MS) / (double) PriceProcess.DAY_MS;
        return (1 - f) * p.logClose(day - 1) + f * p.logClose(day);
    }

    private static String code(Duration d) {
        long minutes = d.toMinutes();
        if (d.toMillis() != minutes * 60_000L) {
            return d.toString();
        }
        if (minutes % 1440 == 0) {
            return minutes / 1440 + "d";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }
}
