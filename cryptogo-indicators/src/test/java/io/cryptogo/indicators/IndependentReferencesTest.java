package io.cryptogo.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * More reference tables from ../shared/data (skipped when absent): TA-Lib on its own regression series and
 * on Stock.Indicators' 502 daily bars, and Stock.Indicators' own baselines (an independent implementation).
 */
class IndependentReferencesTest {
    /** Columns of a talib_java_on_*.csv file: the first column is an index or a date. */
    private static double[][] table(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int n = lines.size() - 1;
        int cols = lines.get(0).split(",").length;
        double[][] col = new double[cols][n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            for (int j = 1; j < cols; j++) {
                col[j][i] = f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]);
            }
        }
        return col;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "indicators/talib_java_on_talib_regtest_252bars.csv",
                "indicators/talib_java_on_stockindicators_default.csv",
                "indicators/talib_java_on_binance_BTCUSDT_1h_2024-12.csv"
            })
    void everyTaLibValueAgreesFromItsFirstOutput(String file) throws IOException {
        double[][] c = table(SharedData.require(file));
        double[] high = c[2];
        double[] low = c[3];
        double[] close = c[4];
        int compared = Tolerance.assertAgree("EMA12", TaMath.ema(close, 12), c[5], 0);
        Tolerance.assertAgree("EMA20", TaMath.ema(close, 20), c[6], 0);
        Tolerance.assertAgree("EMA26", TaMath.ema(close, 26), c[7], 0);
        Tolerance.assertAgree("RSI14", TaMath.rsi(close, 14), c[8], 0);
        Macd m = TaMath.macd(close, 12, 26, 9);
        Tolerance.assertAgree("MACD", m.line(), c[9], 0);
        Tolerance.assertAgree("MACD signal", m.signal(), c[10], 0);
        Tolerance.assertAgree("MACD hist", m.histogram(), c[11], 0);
        Tolerance.assertAgree("TRANGE", TaMath.trueRange(high, low, close), c[12], 0);
        Tolerance.assertAgree("ATR14", TaMath.atr(high, low, close, 14), c[13], 0);
        assertThat(compared).isEqualTo(close.length - 11);
    }

    @Test
    void stockIndicatorsBaselinesAgreeFromBar200() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.require("indicators/stockindicators_default.csv"));
        int n = lines.size() - 1;
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            high[i] = Double.parseDouble(f[2]);
            low[i] = Double.parseDouble(f[3]);
            close[i] = Double.parseDouble(f[4]);
        }
        int from = 200;
        assertThat(Tolerance.assertAgree("EMA20", TaMath.ema(close, 20), baseline("ema", "ema", n), from))
                .isEqualTo(n - from);
        Tolerance.assertAgree("SMA20", TaMath.sma(close, 20), baseline("sma", "sma", n), from);
        Tolerance.assertAgree("RSI14", TaMath.rsi(close, 14), baseline("rsi", "rsi", n), from);
        Macd m = TaMath.macd(close, 12, 26, 9);
        Tolerance.assertAgree("MACD", m.line(), baseline("macd", "macd", n), from);
        Tolerance.assertAgree("MACD signal", m.signal(), baseline("macd", "signal", n), from);
        Tolerance.assertAgree("MACD hist", m.histogram(), baseline("macd", "histogram", n), from);
        Tolerance.assertAgree("ATR14", TaMath.atr(high, low, close, 14), baseline("atr", "atr", n), from);
        Tolerance.assertAgree("TR", TaMath.trueRange(high, low, close), baseline("tr", "tr", n), from);
    }

    private static double[] baseline(String name, String field, int n) throws IOException {
        JsonNode rows = new ObjectMapper()
                .readTree(SharedData.require("indicators/stockindicators_" + name + ".standard.json")
                        .toFile());
        assertThat(rows.size()).isEqualTo(n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode v = rows.get(i).get(field);
            out[i] = v == null || v.isNull() ? Double.NaN : v.asDouble();
        }
        return out;
    }
}
