package io.cryptogo.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaMathTest {
    private static final List<Candle> WALK = TestCandles.randomWalk(42, 2_000, Interval.H1, 40_000);
    private static final double[] C = TestCandles.closes(WALK);
    private static final double[] H = TestCandles.highs(WALK);
    private static final double[] L = TestCandles.lows(WALK);

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 12, 20, 26, 50, 200})
    void emaAgreesWithTaLibFromItsFirstValueAndWarmsUpLikeIt(int n) {
        double[] ref = TaLib.ema(C, n);
        double[] ours = TaMath.ema(C, n);
        assertThat(Tolerance.assertAgree("EMA(" + n + ")", ours, ref, 0)).isEqualTo(C.length - n + 1);
        assertSameWarmUp(ours, ref);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 14, 21})
    void rsiAgreesWithTaLibFromItsFirstValueAndWarmsUpLikeIt(int n) {
        double[] ref = TaLib.rsi(C, n);
        double[] ours = TaMath.rsi(C, n);
        assertThat(Tolerance.assertAgree("RSI(" + n + ")", ours, ref, 0)).isEqualTo(C.length - n);
        assertSameWarmUp(ours, ref);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 14, 20})
    void atrAgreesWithTaLibFromItsFirstValueAndWarmsUpLikeIt(int n) {
        double[] ref = TaLib.atr(H, L, C, n);
        double[] ours = TaMath.atr(H, L, C, n);
        assertThat(Tolerance.assertAgree("ATR(" + n + ")", ours, ref, 0)).isGreaterThan(C.length - n - 1);
        assertSameWarmUp(ours, ref);
    }

    @Test
    void macdLineSignalAndHistogramAgreeWithTaLib() {
        for (int[] p : new int[][] {{12, 26, 9}, {5, 35, 5}, {26, 12, 9}, {3, 10, 16}}) {
            double[][] ref = TaLib.macd(C, p[0], p[1], p[2]);
            Macd ours = TaMath.macd(C, p[0], p[1], p[2]);
            String name = "MACD" + java.util.Arrays.toString(p);
            assertThat(Tolerance.assertAgree(name + " line", ours.line(), ref[0], 0))
                    .isGreaterThan(1_900);
            assertThat(Tolerance.assertAgree(name + " signal", ours.signal(), ref[1], 0))
                    .isGreaterThan(1_900);
            assertThat(Tolerance.assertAgree(name + " hist", ours.histogram(), ref[2], 0))
                    .isGreaterThan(1_900);
            assertSameWarmUp(ours.signal(), ref[1]);
            int slow = Math.max(p[0], p[1]);
            assertThat(ours.line()[slow - 2]).isNaN();
            assertThat(ours.line()[slow - 1]).isFinite();
        }
    }

    @Test
    void smaAndBollingerBandsAgreeWithTaLib() {
        Tolerance.assertAgree("SMA(20)", TaMath.sma(C, 20), TaLib.sma(C, 20), 0);
        double[][] ref = TaLib.bbands(C, 20, 2.0);
        Bollinger ours = TaMath.bollinger(C, 20, 2.0);
        Tolerance.assertAgree("BB upper", ours.upper(), ref[0], 0);
        Tolerance.assertAgree("BB middle", ours.middle(), ref[1], 0);
        Tolerance.assertAgree("BB lower", ours.lower(), ref[2], 0);
        assertSameWarmUp(ours.upper(), ref[0]);
    }

    @Test
    void seriesShorterThanThePeriodAreAllWarmUp() {
        double[] three = {1, 2, 3};
        assertThat(TaMath.ema(three, 5)).containsOnly(Double.NaN);
        assertThat(TaMath.rsi(three, 3)).containsOnly(Double.NaN);
        assertThat(TaMath.atr(three, three, three, 3)).containsOnly(Double.NaN);
        assertThat(TaMath.macd(three, 12, 26, 9).line()).containsOnly(Double.NaN);
        assertThat(TaMath.ema(new double[0], 5)).isEmpty();
    }

    @Test
    void rsiOfAFlatSeriesIsZeroAsInTaLib() {
        double[] flat = new double[30];
        java.util.Arrays.fill(flat, 5.0);
        assertThat(TaMath.rsi(flat, 14)[29]).isZero();
        assertThat(TaLib.rsi(flat, 14)[29]).isZero();
    }

    @Test
    void periodsOutOfRangeAreRejectedNamingTheField() {
        assertThatThrownBy(() -> TaMath.ema(C, 0))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("period must be between 1 and 100000");
        assertThatThrownBy(() -> TaMath.macd(C, 12, 0, 9))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("slow");
        assertThatThrownBy(() -> TaMath.bollinger(C, 20, -1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("k");
    }

    private static void assertSameWarmUp(double[] ours, double[] ref) {
        for (int i = 0; i < ref.length; i++) {
            assertThat(Double.isNaN(ours[i])).as("NaN at bar %d", i).isEqualTo(Double.isNaN(ref[i]));
        }
    }
}
