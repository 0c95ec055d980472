package io.cryptogo.backtest;

import io.cryptogo.model.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers of a run, computed from its equity curve (one value per bar, at the close) and its trade list.
 * Conventions (24/7 markets): a year is 365 days of bars, so {@code periodsPerYear} is 8760 for 1h bars;
 * returns are per bar from the initial cash on; volatility, Sharpe and Sortino are annualised by
 * √periodsPerYear with a risk-free rate of 0; Sortino's downside deviation is √(Σ min(r, 0)² / N); CAGR uses
 * years = bars × interval ÷ 365 days; Calmar = CAGR ÷ max drawdown; SQN = √trades × mean(PnL) ÷ stdev(PnL).
 */
public final class Metrics {
    private final double totalReturn;
    private final double cagr;
    private final double volatility;
    private final double sharpe;
    private final double sortino;
    private final double calmar;
    private final double sqn;
    private final double maxDrawdown;
    private final Optional<Drawdown> maxDrawdownEpisode;
    private final double winRate;
    private final double profitFactor;
    private final double expectancy;
    private final double averageWin;
    private final double averageLoss;
    private final int tradeCount;
    private final double exposure;
    private final double feesPaid;
    private final double benchmarkReturn;
    private final Map<YearMonth, Double> monthlyReturns;
    private final List<Drawdown> drawdowns;

    private Metrics(Builder b) {
        this.totalReturn = b.totalReturn;
        this.cagr = b.cagr;
        this.volatility = b.volatility;
        this.sharpe = b.sharpe;
        this.sortino = b.sortino;
        this.calmar = b.calmar;
        this.sqn = b.sqn;
        this.maxDrawdown = b.maxDrawdown;
        this.maxDrawdownEpisode = b.maxDrawdownEpisode;
        this.winRate = b.winRate;
        this.profitFactor = b.profitFactor;
        this.expectancy = b.expectancy;
        this.averageWin = b.averageWin;
        this.averageLoss = b.averageLoss;
        this.tradeCount = b.tradeCount;
        this.exposure = b.exposure;
        this.feesPaid = b.feesPaid;
        this.benchmarkReturn = b.benchmarkReturn;
        this.monthlyReturns = Collections.unmodifiableMap(b.monthly);
        this.drawdowns = List.copyOf(b.drawdowns);
    }

    /** Bars of {@code interval} in a 365-day year (24/7 markets). */
    public static double periodsPerYear(Interval interval) {
        return Duration.ofDays(365).toMillis() / (double) interval.millis();
    }

    /**
     * Computes every metric.
     *
     * @param times open time of each bar (epoch ms)
     * @param equity account value at each bar's close
     * @param exposed whether a position was held at each bar's close
     * @param benchmark buy-and-hold value at each bar's close, same initial cash
     */
    static Metrics compute(
            Interval interval,
            double initial,
            long[] times,
            double[] equity,
            boolean[] exposed,
            double[] benchmark,
            List<Trade> trades,
            double fees) {
        Builder b = new Builder();
        int n = equity.length;
        double last = n == 0 ? initial : equity[n - 1];
        b.totalReturn = last / initial - 1;
        double years = n * (double) interval.millis() / Duration.ofDays(365).toMillis();
        b.cagr = years > 0 && last > 0 ? Math.pow(last / initial, 1 / years) - 1 : 0;
        double ppy = periodsPerYear(interval);
        double sum = 0;
        double prev = initial;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = equity[i] / prev - 1;
            prev = equity[i];
            sum += r[i];
        }
        double mean = n == 0 ? 0 : sum / n;
        double ss = 0;
        double down = 0;
        for (int i = 0; i < n; i++) {
            double d = r[i] - mean;
            ss += d * d;
            double m = Math.min(r[i], 0);
            down += m * m;
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double dd = n > 0 ? Math.sqrt(down / n) : 0;
        b.volatility = sd * Math.sqrt(ppy);
        b.sharpe = sd > 0 ? mean / sd * Math.sqrt(ppy) : 0;
        b.sortino = dd > 0 ? mean / dd * Math.sqrt(ppy) : 0;
        b.drawdowns = drawdowns(times, equity, initial);
        Drawdown worst = null;
        for (Drawdown d : b.drawdowns) {
            if (worst == null || d.depth() > worst.depth()) {
                worst = d;
            }
        }
        b.maxDrawdownEpisode = Optional.ofNullable(worst);
        b.maxDrawdown = worst == null ? 0 : worst.depth();
        b.calmar = b.maxDrawdown > 0 ? b.cagr / b.maxDrawdown : 0;
        int t = trades.size();
        b.tradeCount = t;
        double wins = 0;
        double losses = 0;
        int nWin = 0;
        int nLoss = 0;
        double pnlSum = 0;
        for (Trade tr : trades) {
            pnlSum += tr.pnl();
            if (tr.pnl() > 0) {
                wins += tr.pnl();
                nWin++;
            } else {
                losses -= tr.pnl();
                nLoss++;
            }
        }
        b.winRate = t == 0 ? 0 : nWin / (double) t;
        b.profitFactor = losses > 0 ? wins / losses : (wins > 0 ? Double.POSITIVE_INFINITY : 0);
        b.expectancy = t == 0 ? 0 : pnlSum / t;
        b.averageWin = nWin == 0 ? 0 : wins / nWin;
        b.averageLoss = nLoss == 0 ? 0 : -losses / nLoss;
        double pss = 0;
        for (Trade tr : trades) {
            double d = tr.pnl() - b.expectancy;
            pss += d * d;
        }
        double psd = t > 1 ? Math.sqrt(pss / (t - 1)) : 0;
        b.sqn = psd > 0 ? Math.sqrt(t) * b.expectancy / psd : 0;
        int held = 0;
        for (boolean e : exposed) {
            if (e) {
                held++;
            }
        }
        b.exposure = n == 0 ? 0 : held / (double) n;
        b.feesPaid = fees;
        b.benchmarkReturn = n == 0 ? 0 : benchmark[n - 1] / initial - 1;
        double base = initial;
        YearMonth month = null;
        double monthEnd = initial;
        long monthFrom = Long.MAX_VALUE; // [monthFrom, monthTo) in epoch ms: the month of the bar before
        long monthTo = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            YearMonth m;
            if (times[i] >= monthFrom && times[i] < monthTo) {
                m = month;
            } else {
                m = YearMonth.from(Instant.ofEpochMilli(times[i]).atZone(ZoneOffset.UTC));
                monthFrom = m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                monthTo = m.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            }
            if (month != null && !m.equals(month)) {
                b.monthly.put(month, monthEnd / base - 1);
                base = monthEnd;
            }
            month = m;
            monthEnd = equity[i];
        }
        if (month != null) {
            b.monthly.put(month, monthEnd / base - 1);
        }
        return new Metrics(b);
    }

    /** Every episode below a previous peak (the initial cash is the first peak). */
    static List<Drawdown> drawdowns(long[] times, double[] equity, double initial) {
        List<Drawdown> out = new ArrayList<>();
        int n = equity.length;
        if (n == 0) {
            return out;
        }
        Instant end = Instant.ofEpochMilli(times[n - 1]);
        double peak = initial;
        long peakTime = times[0];
        boolean in = false;
        double low = 0;
        long lowTime = 0;
        for (int i = 0; i < n; i++) {
            long t = times[i];
            double e = equity[i];
            if (e >= peak) {
                if (in) {
                    out.add(new Drawdown(
                            Instant.ofEpochMilli(peakTime),
                            Instant.ofEpochMilli(lowTime),
                            Optional.of(Instant.ofEpochMilli(t)),
                            1 - low / peak,
                            end));
                    in = false;
                }
                peak = e;
                peakTime = t;
            } else {
                if (!in) {
                    in = true;
                    low = e;
                    lowTime = t;
                } else if (e < low) {
                    low = e;
                    lowTime = t;
                }
            }
        }
        if (in) {
            out.add(new Drawdown(
                    Instant.ofEpochMilli(peakTime),
                    Instant.ofEpochMilli(lowTime),
                    Optional.empty(),
                    1 - low / peak,
                    end));
        }
        return out;
    }

    /** Final equity ÷ initial cash − 1. */
    public double totalReturn() {
        return totalReturn;
    }

    public double cagr() {
        return cagr;
    }

    /** Annualised standard deviation of bar returns. */
    public double volatility() {
        return volatility;
    }

    public double sharpe() {
        return sharpe;
    }

    public double sortino() {
        return sortino;
    }

    public double calmar() {
        return calmar;
    }

    public double sqn() {
        return sqn;
    }

    /** Deepest fall from a peak, as a positive fraction. */
    public double maxDrawdown() {
        return maxDrawdown;
    }

    /** The deepest drawdown with its start, trough, recovery and duration. */
    public Optional<Drawdown> maxDrawdownEpisode() {
        return maxDrawdownEpisode;
    }

    public double winRate() {
        return winRate;
    }

    /** Gross profit ÷ gross loss (infinite with no losing trade). */
    public double profitFactor() {
        return profitFactor;
    }

    /** Mean net PnL per trade. */
    public double expectancy() {
        return expectancy;
    }

    public double averageWin() {
        return averageWin;
    }

    /** Mean PnL of losing trades (negative). */
    public double averageLoss() {
        return averageLoss;
    }

    public int tradeCount() {
        return tradeCount;
    }

    /** Share of bars that closed with a position. */
    public double exposure() {
        return exposure;
    }

    public double feesPaid() {
        return feesPaid;
    }

    /** Buy-and-hold over the same bars: bought at the first open (fee paid), valued at the last close. */
    public double benchmarkReturn() {
        return benchmarkReturn;
    }

    /** Return of each UTC month (the first from the initial cash). */
    public Map<YearMonth, Double> monthlyReturns() {
        return monthlyReturns;
    }

    public List<Drawdown> drawdowns() {
        return drawdowns;
    }

    /** A metric by name, for sorting sweeps: totalReturn, cagr, sharpe, sortino, calmar, sqn, maxDrawdown, … */
    public double get(String name) {
        return switch (name) {
            case "totalReturn" -> totalReturn;
            case "cagr" -> cagr;
            case "volatility" -> volatility;
            case "sharpe" -> sharpe;
            case "sortino" -> sortino;
            case "calmar" -> calmar;
            case "sqn" -> sqn;
            case "maxDrawdown" -> maxDrawdown;
            case "winRate" -> winRate;
            case "profitFactor" -> profitFactor;
            case "expectancy" -> expectancy;
            case "trades" -> tradeCount;
            case "exposure" -> exposure;
            default ->
                throw new io.cryptogo.error.InvalidRequestException(
                        "metric",
                        "unknown metric '" + name + "'; accepted values: totalReturn, cagr, volatility, sharpe, "
                                + "sortino, calmar, sqn, maxDrawdown, winRate, profitFactor, expectancy, trades, "
                                + "exposure");
        };
    }

    private static final class Builder {
        double totalReturn;
        double cagr;
        double volatility;
        double sharpe;
        double sortino;
        double calmar;
        double sqn;
        double maxDrawdown;
        Optional<Drawdown> maxDrawdownEpisode = Optional.empty();
        double winRate;
        double profitFactor;
        double expectancy;
        double averageWin;
        double averageLoss;
        int tradeCount;
        double exposure;
        double feesPaid;
        double benchmarkReturn;
        Map<YearMonth, Double> monthly = new LinkedHashMap<>();
        List<Drawdown> drawdowns = new ArrayList<>();
    }
}
