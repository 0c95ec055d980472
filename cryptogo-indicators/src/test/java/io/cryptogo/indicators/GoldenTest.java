package io.cryptogo.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real BTC/USDT 1h bars of December 2024 with TA-Lib's values (../shared/data; skipped when absent). */
class GoldenTest {
    @Test
    void emaRsiMacdAndAtrAgreeWithTaLibOnRealBtcFromBar200() throws IOException {
        List<String> lines =
                Files.readAllLines(SharedData.require("indicators/talib_java_on_binance_BTCUSDT_1h_2024-12.csv"));
        String[] header = lines.get(0).split(",");
        assertThat(header)
                .containsExactly(
                        "open_time_ms",
                        "open",
                        "high",
                        "low",
                        "close",
                        "ema12",
                        "ema20",
                        "ema26",
                        "rsi14",
                        "macd_12_26_9",
                        "macd_signal_9",
                        "macd_hist",
                        "trange",
                        "atr14");
        int n = lines.size() - 1;
        double[][] col = new double[header.length][n];
        List<Candle> candles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            for (int j = 0; j < header.length; j++) {
                col[j][i] = f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]);
            }
            candles.add(TestCandles.candle(
                    TestCandles.BTC,
                    Interval.H1,
                    (long) col[0][i],
                    col[1][i],
                    col[2][i],
                    col[3][i],
                    col[4][i],
                    1,
                    true));
        }
        IndicatorResult r = Indicators.on(candles)
                .ema(12)
                .ema(20)
                .ema(26)
                .rsi(14)
                .macd(12, 26, 9)
                .atr(14)
                .compute();
        int from = 200;
        int compared = Tolerance.assertAgree("EMA12", r.ema(12), col[5], from);
        Tolerance.assertAgree("EMA20", r.ema(20), col[6], from);
        Tolerance.assertAgree("EMA26", r.ema(26), col[7], from);
        Tolerance.assertAgree("RSI14", r.rsi(14), col[8], from);
        Macd m = r.macd(12, 26, 9);
        Tolerance.assertAgree("MACD", m.line(), col[9], from);
        Tolerance.assertAgree("MACD signal", m.signal(), col[10], from);
        Tolerance.assertAgree("MACD hist", m.histogram(), col[11], from);
        Tolerance.assertAgree("TRANGE", TaMath.trueRange(r.high(), r.low(), r.close()), col[12], from);
        Tolerance.assertAgree("ATR14", r.atr(14), col[13], from);
        assertThat(compared).isEqualTo(n - from);
        // the same conventions make the whole series agree, warm-up included
        Tolerance.assertAgree("EMA20 from its first value", r.ema(20), col[6], 0);
        Tolerance.assertAgree("RSI14 from its first value", r.rsi(14), col[8], 0);
        Tolerance.assertAgree("ATR14 from its first value", r.atr(14), col[13], 0);
    }
}
