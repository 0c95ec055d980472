package io.cryptogo.backtest.bench;

import io.cryptogo.backtest.Backtest;
import io.cryptogo.backtest.BacktestResult;
import io.cryptogo.backtest.Bar;
import io.cryptogo.backtest.Intent;
import io.cryptogo.backtest.PriceSeries;
import io.cryptogo.backtest.Strategies;
import io.cryptogo.backtest.Strategy;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.risk.RiskLimits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The results of ten backtests on the real 1h candles, as text, and their SHA-256: every fill (ids, prices and
 * quantities with their scale), trade, equity point, rejection, decision, drawdown, the summary and the monthly
 * returns. The runs cover market orders with and without slippage, fills at the close, the default risk limits
 * (rejections), resting stop loss / take profit, limit orders, trade signals sized by risk and intrabar 1m
 * detail. An optimisation of the engine path must leave the hash unchanged: run it before and after, on the
 * same machine, and compare (or diff the text written to the path given as first argument).
 *
 * <pre>
 * java -cp $CP io.cryptogo.backtest.bench.EngineFingerprint /tmp/fingerprint.txt
 * </pre>
 */
public final class EngineFingerprint {
    private static final Symbol BTC = EmaCrossComparison.BTC;

    private EngineFingerprint() {}

    public static void main(String[] args) throws Exception {
        PriceSeries all = EmaCrossComparison.load(
                EmaCrossComparison.sharedCandles("bamboo-ta_binance_BTC_USDT-1h.json"), Interval.H1);
        PriceSeries s = all.tail(20_000);
        RiskLimits def = RiskLimits.defaults();
        RiskLimits wide = EmaCrossComparison.WIDE;
        StringBuilder out = new StringBuilder();
        dump(out, "bench", EmaCrossComparison.runOurs(all, 12, 26, 400));
        dump(
                out,
                "ema slip5 defaults",
                base(s, 5, "10000 USDT", def)
                        .strategy(Strategies.emaCross(12, 26))
                        .run());
        dump(
                out,
                "ema close",
                base(s, 5, "10000 USDT", wide)
                        .fillAtClose()
                        .strategy(Strategies.emaCross(9, 30))
                        .run());
        dump(
                out,
                "rsi",
                base(s, 3, "10000 USDT", wide)
                        .strategy(Strategies.rsiReversion(14, 30, 70))
                        .run());
        dump(
                out,
                "bb",
                base(s, 0, "5000 USDT", wide)
                        .strategy(Strategies.bollingerBreakout(20, 2))
                        .run());
        dump(
                out,
                "hold",
                base(s, 5, "10000 USDT", def).strategy(Strategies.buyAndHold()).run());
        Strategy protect = named("protect", bar -> {
            if (bar.index() < 30) {
                return Intent.hold();
            }
            if (!bar.inPosition() && bar.ema(10) > bar.ema(30)) {
                return Intent.buy(0.5, bar.close() * 0.97, bar.close() * 1.05);
            }
            if (bar.inPosition() && bar.ema(10) < bar.ema(30) * 0.99) {
                return Intent.exit();
            }
            return Intent.hold();
        });
        dump(out, "protect", base(s, 5, "10000 USDT", wide).strategy(protect).run());
        Strategy limits = named("limits", bar -> {
            int i = bar.index();
            if (i % 50 == 10) {
                return Intent.orders(
                        OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.01"), cents(bar.close() * 0.99)));
            }
            if (i % 50 == 40 && bar.inPosition()) {
                return Intent.orders(
                        OrderRequest.limit(BTC, Side.SELL, new BigDecimal("0.01"), cents(bar.close() * 1.01)));
            }
            return i % 50 == 49 ? Intent.exit() : Intent.hold();
        });
        dump(out, "limits", base(s, 2, "10000 USDT", wide).strategy(limits).run());
        Strategy signals = named("signals", bar -> {
            if (bar.index() < 30) {
                return Intent.hold();
            }
            Function<TradeSignal.Action, TradeSignal.Builder> sig = a -> TradeSignal.builder(BTC, Interval.H1, a)
                    .confidence(0.8)
                    .entry(BigDecimal.valueOf(bar.close()))
                    .decidedAt(bar.time())
                    .candleTime(bar.time());
            if (!bar.inPosition() && bar.rsi(14) < 35) {
                return Intent.signal(sig.apply(TradeSignal.Action.BUY)
                        .stopLoss(BigDecimal.valueOf(Math.round(bar.close() * 0.95)))
                        .takeProfit(BigDecimal.valueOf(Math.round(bar.close() * 1.08)))
                        .build());
            }
            if (bar.inPosition() && bar.rsi(14) > 65) {
                return Intent.signal(sig.apply(TradeSignal.Action.SELL).build());
            }
            return Intent.hold();
        });
        dump(out, "signals", base(s, 5, "10000 USDT", def).strategy(signals).run());
        PriceSeries hours = all.tail(300);
        dump(
                out,
                "detail",
                base(hours, 5, "10000 USDT", wide)
                        .detailCandles(minutes(hours))
                        .detail(Interval.M1)
                        .strategy(protect)
                        .run());
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(out.toString().getBytes(StandardCharsets.UTF_8));
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), out);
        }
        System.out.println("engine fingerprint: " + HexFormat.of().formatHex(digest) + " (" + out.length() + " chars)");
    }

    private static Backtest base(PriceSeries s, int slippageBps, String cash, RiskLimits risk) {
        return Backtest.offline()
                .candles(s)
                .symbolInfo(EmaCrossComparison.INFO)
                .risk(risk)
                .fees(0.001)
                .slippageBps(slippageBps)
                .initialCash(cash);
    }

    private static void dump(StringBuilder out, String name, BacktestResult r) {
        out.append("== ").append(name).append('\n');
        r.fills().forEach(f -> out.append(f).append('\n'));
        r.trades().forEach(t -> out.append(t).append('\n'));
        r.equity()
                .forEach(
                        e -> out.append(e.time()).append(' ').append(e.equity()).append('\n'));
        out.append(r.rejections()).append('\n');
        r.decisions().forEach(d -> out.append(d).append('\n'));
        r.drawdowns().forEach(d -> out.append(d).append('\n'));
        out.append(r.summary().text()).append('\n');
        out.append(r.metrics().monthlyReturns()).append('\n');
    }

    private static Strategy named(String name, Strategy s) {
        return new Strategy() {
            @Override
            public Intent onBar(Bar bar) {
                return s.onBar(bar);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static BigDecimal cents(double v) {
        return BigDecimal.valueOf(Math.round(v * 100) / 100.0);
    }

    /** 60 synthetic 1m candles per hour: a straight walk from open to close, the high at minute 20, the low at 40. */
    private static List<Candle> minutes(PriceSeries hours) {
        List<Candle> m1 = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            Candle c = hours.candle(i);
            double o = c.open().doubleValue();
            double hi = c.high().doubleValue();
            double lo = c.low().doubleValue();
            double cl = c.close().doubleValue();
            for (int m = 0; m < 60; m++) {
                double p0 = o + (cl - o) * m / 60.0;
                double p1 = o + (cl - o) * (m + 1) / 60.0;
                double high = Math.max(m == 20 ? hi : p0, Math.max(p0, p1));
                double low = Math.min(m == 40 ? lo : p0, Math.min(p0, p1));
                m1.add(Candle.of(
                        BTC,
                        Interval.M1,
                        c.openTime().plusSeconds(60L * m),
                        cents(p0),
                        cents(high),
                        cents(low),
                        cents(p1),
                        BigDecimal.ONE,
                        BigDecimal.ZERO,
                        0,
                        true));
            }
        }
        return m1;
    }
}
