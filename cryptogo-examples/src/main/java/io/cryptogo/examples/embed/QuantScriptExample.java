package io.cryptogo.examples.embed;

import io.cryptogo.CryptoGo;
import io.cryptogo.ai.Signals;
import io.cryptogo.indicators.IndicatorResult;
import io.cryptogo.indicators.Indicators;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.TradeSignal;
import java.util.List;

/**
 * A quant's script (the same lines work in JShell): candles → indicators → snapshot → signal.
 *
 * <pre>{@code
 * Result r = QuantScriptExample.run(CryptoGo.demo(), "BTC/USDT");
 * }</pre>
 */
public final class QuantScriptExample {
    private QuantScriptExample() {}

    /** What the script prints: the last indicator values, the snapshot price and the signal. */
    public record Result(int candles, double ema20, double rsi14, double snapshotPrice, TradeSignal signal) {}

    public static Result run(CryptoGo cg, String symbol) {
        // 1. candles, oldest first
        List<Candle> candles = cg.market().klines(symbol, Interval.H1, 200);
        // 2. indicators over them (NaN during warm-up, TA-Lib conventions)
        IndicatorResult ind = Indicators.on(candles).ema(20).rsi(14).compute();
        double ema20 = IndicatorResult.last(ind.ema(20));
        double rsi14 = IndicatorResult.last(ind.rsi(14));
        // 3. the verified snapshot a signal generator reads (closed candles only)
        MarketSnapshot snapshot = MarketSnapshot.builder(cg.market())
                .symbol(symbol)
                .intradayInterval(Interval.H1)
                .build();
        // 4. the signal: the rules, or the LLM when one is configured; journaled in cg's database
        TradeSignal signal = Signals.on(cg).decide(snapshot).signal();
        return new Result(candles.size(), ema20, rsi14, snapshot.price(), signal);
    }

    public static void main(String[] args) {
        try (CryptoGo cg = CryptoGo.demo()) {
            Result r = run(cg, args.length > 0 ? args[0] : "BTC/USDT");
            System.out.printf(
                    "%d candles, EMA20 %.2f, RSI14 %.1f, price %.2f%n",
                    r.candles(), r.ema20(), r.rsi14(), r.snapshotPrice());
            System.out.println(r.signal().action() + " (" + r.signal().generator() + "): "
                    + r.signal().reasoning());
        }
    }
}
