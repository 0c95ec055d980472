package io.cryptogo.backtest;

import io.cryptogo.error.InvalidRequestException;

/**
 * The built-in strategies: EMA cross, RSI reversion, Bollinger breakout and buy-and-hold (the benchmark).
 * Each is long-only (spot) and all in: it buys with all the equity the risk limits allow and exits fully.
 *
 * <pre>{@code
 * Backtest.on(cg).strategy(Strategies.emaCross(12, 26))...
 * }</pre>
 */
public final class Strategies {
    private Strategies() {}

    /** Buy when the fast EMA crosses above the slow one, exit when it crosses below. */
    public static Strategy emaCross(int fast, int slow) {
        if (fast < 1 || slow <= fast) {
            throw new InvalidRequestException(
                    "fast", "emaCross needs 1 <= fast < slow, got fast=" + fast + " slow=" + slow);
        }
        return new Strategy() {
            @Override
            public Intent onBar(Bar bar) {
                if (bar.index() < 1) {
                    return Intent.hold();
                }
                double f = bar.ema(fast);
                double s = bar.ema(slow);
                double pf = bar.ema(fast, 1);
                double ps = bar.ema(slow, 1);
                if (Double.isNaN(ps) || Double.isNaN(pf)) {
                    return Intent.hold();
                }
                if (pf <= ps && f > s && !bar.inPosition()) {
                    return Intent.buy(1.0);
                }
                if (pf >= ps && f < s && bar.inPosition()) {
                    return Intent.exit();
                }
                return Intent.hold();
            }

            @Override
            public String name() {
                return "ema-cross(" + fast + "," + slow + ")";
            }
        };
    }

    /** Buy when RSI falls below {@code low}, exit when it rises above {@code high}. */
    public static Strategy rsiReversion(int period, double low, double high) {
        if (!(low > 0 && low < high && high < 100)) {
            throw new InvalidRequestException(
                    "low", "rsiReversion needs 0 < low < high < 100, got low=" + low + " high=" + high);
        }
        return new Strategy() {
            @Override
            public Intent onBar(Bar bar) {
                double r = bar.rsi(period);
                if (Double.isNaN(r)) {
                    return Intent.hold();
                }
                if (r < low && !bar.inPosition()) {
                    return Intent.buy(1.0);
                }
                if (r > high && bar.inPosition()) {
                    return Intent.exit();
                }
                return Intent.hold();
            }

            @Override
            public String name() {
                return "rsi-reversion(" + period + "," + low + "," + high + ")";
            }
        };
    }

    /** Buy when the close breaks above the upper Bollinger band, exit when it falls below the middle. */
    public static Strategy bollingerBreakout(int period, double k) {
        return new Strategy() {
            @Override
            public Intent onBar(Bar bar) {
                Bar.Band b = bar.bollinger(period, k);
                if (Double.isNaN(b.middle())) {
                    return Intent.hold();
                }
                if (bar.close() > b.upper() && !bar.inPosition()) {
                    return Intent.buy(1.0);
                }
                if (bar.close() < b.middle() && bar.inPosition()) {
                    return Intent.exit();
                }
                return Intent.hold();
            }

            @Override
            public String name() {
                return "bollinger-breakout(" + period + "," + k + ")";
            }
        };
    }

    /** Buy on the first bar and hold: the benchmark. */
    public static Strategy buyAndHold() {
        return new Strategy() {
            @Override
            public Intent onBar(Bar bar) {
                return bar.inPosition() || bar.index() > 0 ? Intent.hold() : Intent.buy(1.0);
            }

            @Override
            public String name() {
                return "buy-and-hold";
            }
        };
    }

    /**
     * A built-in by its CLI name: {@code ema-cross}, {@code rsi-reversion}, {@code bollinger-breakout}, {@code
     * buy-and-hold}, with default parameters (12/26, 14/30/70, 20/2).
     */
    public static Strategy byName(String name) {
        return switch (name) {
            case "ema-cross" -> emaCross(12, 26);
            case "rsi-reversion" -> rsiReversion(14, 30, 70);
            case "bollinger-breakout" -> bollingerBreakout(20, 2);
            case "buy-and-hold" -> buyAndHold();
            default ->
                throw new InvalidRequestException(
                        "strategy",
                        "unknown strategy '" + name
                                + "'; accepted values: ema-cross, rsi-reversion, bollinger-breakout, buy-and-hold");
        };
    }
}
