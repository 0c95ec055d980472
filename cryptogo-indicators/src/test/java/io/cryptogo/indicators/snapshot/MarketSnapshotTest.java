package io.cryptogo.indicators.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.indicators.TestCandles;
import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarketSnapshotTest {
    private static final Symbol BTC = TestCandles.BTC;
    private static final Optional<DerivativesInfo> DERIVATIVES = Optional.of(
            DerivativesInfo.of(29869.61, 29844.27, Duration.ofMinutes(5), 30, 1.25e-5, Duration.ofHours(8)));

    /** The live view (open candles kept), whose numbers the goldens below check by hand. */
    private static MarketSnapshot btc(Optional<DerivativesInfo> d) {
        return MarketSnapshot.fromCandles(
                BTC,
                Lines.intraday(BTC, Interval.M1, 400, 100_000, 1),
                Lines.context(BTC, Interval.H4, 400, 90_000, 10, 8.04),
                d,
                10,
                Lines.AS_OF,
                Optional.of(SourceInfo.Kind.SIMULATED),
                true);
    }

    @Test
    void byDefaultOnlyClosedCandlesCountInTheIntradayAndTheContextSeries() throws Exception {
        MarketSnapshot s = MarketSnapshot.fromCandles(
                BTC,
                Lines.intraday(BTC, Interval.M1, 400, 100_000, 1),
                Lines.context(BTC, Interval.H4, 400, 90_000, 10, 8.04),
                DERIVATIVES,
                10,
                Lines.AS_OF);
        // the open 13:00 minute and the open 12:00 4h candle are left out
        assertThat(s.candleTime()).isEqualTo(Lines.INTRADAY_LAST_OPEN.minus(Duration.ofMinutes(1)));
        assertThat(s.price()).isEqualTo(100_398.0);
        assertThat(s.candleOpen()).isFalse();
        assertThat(s.contextCandleTime()).isEqualTo(Lines.CONTEXT_LAST_OPEN.minus(Duration.ofHours(4)));
        assertThat(s.contextCandleOpen()).isFalse();
        assertThat(s.contextVolume()).isNotEqualTo(8.04);
        assertThat(s.source()).isEmpty();
        String en = s.toText(Locale.ENGLISH);
        assertThat(en.lines().findFirst())
                .contains("BTC/USDT, decision time 2024-03-07T13:00:30Z; the last 1-minute candle closed at"
                        + " 2024-03-07T13:00:00Z (closed candles only).");
        assertThat(en).doesNotContain("open");
        assertThat(s.toText(Locale.CHINESE))
                .startsWith("BTC/USDT, 决策时间 2024-03-07T13:00:30Z, 最后一根1分钟K线收盘于 2024-03-07T13:00:00Z (仅已收盘K线).\n");
        JsonNode j = new ObjectMapper().readTree(s.toJson());
        assertThat(j.get("candles").asText()).isEqualTo("closed_only");
        assertThat(j.get("lastCloseTime").asText()).isEqualTo("2024-03-07T12:59:59.999Z");
    }

    @Test
    void chineseTextFollowsTheProductPlanLayoutWithHandCheckedValues() {
        String expected = """
                BTC/USDT, 决策时间 2024-03-07T13:00:30Z, 最后一根1分钟K线未收盘 (将于 2024-03-07T13:01:00Z 收盘) (含未收盘K线).

                当前指标:
                - Price: 100399
                - EMA20: 100389.5
                - MACD: 7
                - RSI(7): 100

                持仓数据:
                - Open Interest: 29869.61 (均值: 29844.27, 窗口: 30 × 5m)
                - Funding Rate: 1.25e-05 (每8小时)

                分钟级时序数据 (最近10分钟):
                - Mid Prices: [100390, 100391, 100392, 100393, 100394, 100395, 100396, 100397, 100398, 100399]
                - EMA20: [100380.5, 100381.5, 100382.5, 100383.5, 100384.5, 100385.5, 100386.5, 100387.5, 100388.5, 100389.5]
                - MACD: [7, 7, 7, 7, 7, 7, 7, 7, 7, 7]
                - RSI(7): [100, 100, 100, 100, 100, 100, 100, 100, 100, 100]
                - RSI(14): [100, 100, 100, 100, 100, 100, 100, 100, 100, 100]

                4小时级别背景:
                - EMA20: 93895 vs EMA50: 93745
                - ATR(3): 20 vs ATR(14): 20
                - Volume: 8.04 (当前K线未收盘, 成交量不完整) vs Avg Volume: 102
                - MACD: [70, 70, 70, 70, 70, 70, 70, 70, 70, 70]
                - RSI(14): [100, 100, 100, 100, 100, 100, 100, 100, 100, 100]
                """;
        assertThat(btc(DERIVATIVES).toText(Locale.SIMPLIFIED_CHINESE)).isEqualTo(expected);
    }

    @Test
    void englishTextHasTheSameStructureAndStatesTheOrderFirst() {
        String en = btc(DERIVATIVES).toText(Locale.ENGLISH);
        assertThat(en.lines().findFirst())
                .contains("BTC/USDT, decision time 2024-03-07T13:00:30Z; the last 1-minute candle is still open (it"
                        + " closes at 2024-03-07T13:01:00Z) (open candles included).");
        assertThat(en.lines().skip(1).findFirst()).contains("All series below are ordered oldest → newest.");
        assertThat(en)
                .contains(
                        "Current indicators (1-minute):\n- Price: 100399\n- EMA20: 100389.5\n- MACD: 7\n- RSI(7): 100\n")
                .contains(
                        "- Open Interest: 29869.61 (mean: 29844.27 over 30 × 5m)\n- Funding Rate: 1.25e-05 (per 8h)\n")
                .contains("Intraday series (last 10 minutes):\n- Mid Prices: [100390, ")
                .contains("4-hour context:\n- EMA20: 93895 vs EMA50: 93745\n- ATR(3): 20 vs ATR(14): 20\n")
                .contains("- Volume: 8.04 (current candle still open, partial volume) vs Avg Volume: 102\n")
                .contains("- RSI(14): [100, 100, 100, 100, 100, 100, 100, 100, 100, 100]\n");
        // same sections, same bullet count as the Chinese layout
        String zh = btc(DERIVATIVES).toText(Locale.CHINESE);
        assertThat(en.lines().filter(l -> l.startsWith("- ")).count())
                .isEqualTo(zh.lines().filter(l -> l.startsWith("- ")).count());
    }

    @Test
    void accessorsGiveTheSameNumbersAtFullPrecision() {
        MarketSnapshot s = btc(DERIVATIVES);
        assertThat(s.symbol()).isEqualTo(BTC);
        assertThat(s.intradayInterval()).isEqualTo(Interval.M1);
        assertThat(s.contextInterval()).isEqualTo(Interval.H4);
        assertThat(s.asOf()).isEqualTo(Lines.AS_OF);
        assertThat(s.candleTime()).isEqualTo(Lines.INTRADAY_LAST_OPEN);
        assertThat(s.price()).isEqualTo(100_399.0);
        assertThat(s.ema20()).isCloseTo(100_389.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.macd()).isCloseTo(7, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.contextAtr14()).isCloseTo(20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.contextCandleOpen()).isTrue();
        assertThat(s.intradayMid()).hasSize(10).first().isEqualTo(100_390.0);
        assertThat(s.contextRsi14()).hasSize(10).containsOnly(100.0);
    }

    @Test
    void jsonCarriesTheSameNumbersAtFullPrecision() throws Exception {
        MarketSnapshot s = btc(DERIVATIVES);
        JsonNode j = new ObjectMapper().readTree(s.toJson());
        assertThat(j.get("symbol").asText()).isEqualTo("BTC/USDT");
        assertThat(j.get("order").asText()).isEqualTo("oldest_to_newest");
        assertThat(j.get("candleTime").asText()).isEqualTo(Lines.INTRADAY_LAST_OPEN.toString());
        assertThat(j.at("/current/ema20").asDouble()).isEqualTo(s.ema20());
        assertThat(j.at("/current/rsi7").asDouble()).isEqualTo(s.rsi7());
        assertThat(j.at("/intraday/ema20").size()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(j.at("/intraday/macd/" + i).asDouble())
                    .isEqualTo(s.intradayMacd().get(i));
            assertThat(j.at("/context/rsi14/" + i).asDouble())
                    .isEqualTo(s.contextRsi14().get(i));
        }
        assertThat(j.at("/context/candleOpen").asBoolean()).isTrue();
        assertThat(j.at("/context/avgVolume").asDouble()).isEqualTo(102.0);
        assertThat(j.at("/derivatives/available").asBoolean()).isTrue();
        assertThat(j.at("/derivatives/openInterest/mean").asDouble()).isEqualTo(29844.27);
        assertThat(j.at("/derivatives/openInterest/window").asText()).isEqualTo("PT2H30M");
        assertThat(j.at("/derivatives/funding/rate").asDouble()).isEqualTo(1.25e-5);
        assertThat(j.at("/derivatives/funding/interval").asText()).isEqualTo("PT8H");
    }

    @Test
    void missingDerivativesAreSaidSoAndNoNumberIsInvented() throws Exception {
        MarketSnapshot s = btc(Optional.empty());
        assertThat(s.toText(Locale.SIMPLIFIED_CHINESE))
                .contains("持仓数据:\n- Open Interest: 不可用 (数据源未提供)\n- Funding Rate: 不可用 (数据源未提供)\n");
        assertThat(s.toText(Locale.ENGLISH))
                .contains("- Open Interest: unavailable (the data source provides none)\n"
                        + "- Funding Rate: unavailable (the data source provides none)\n");
        JsonNode j = new ObjectMapper().readTree(s.toJson());
        assertThat(j.at("/derivatives/available").asBoolean()).isFalse();
        assertThat(j.at("/derivatives/openInterest").isNull()).isTrue();
        assertThat(j.at("/derivatives/funding").isNull()).isTrue();
    }

    @Test
    void onlyFundingAvailableShowsFundingAndSaysOpenInterestIsMissing() {
        var funding = new DerivativesInfo.Funding(-3.2e-4, Duration.ofHours(1), Optional.empty());
        String zh = btc(Optional.of(new DerivativesInfo(Optional.empty(), Optional.of(funding))))
                .toText(Locale.SIMPLIFIED_CHINESE);
        assertThat(zh).contains("- Open Interest: 不可用 (数据源未提供)\n").contains("- Funding Rate: -0.00032 (每1小时)\n");
    }

    @Test
    void tinyPricesKeepTheirDigitsInsteadOfPrintingZeros() {
        Symbol doge = Symbol.parse("DOGE/USDT");
        MarketSnapshot s = MarketSnapshot.fromCandles(
                doge,
                Lines.intraday(doge, Interval.M1, 400, 0.1, 1e-5),
                Lines.context(doge, Interval.H4, 400, 0.08, 1e-4, 123456),
                Optional.empty(),
                10,
                Lines.AS_OF,
                Optional.empty(),
                true);
        String zh = s.toText(Locale.SIMPLIFIED_CHINESE);
        assertThat(zh)
                .contains("- Price: 0.10399\n")
                .contains("- MACD: 7e-05\n")
                .contains("- MACD: [7e-05, 7e-05, 7e-05, 7e-05, 7e-05, 7e-05, 7e-05, 7e-05, 7e-05, 7e-05]")
                .contains("- ATR(3): 0.0002 vs ATR(14): 0.0002\n")
                .contains("- MACD: [0.0007, 0.0007,")
                .doesNotContain("-0.0")
                .doesNotContain(" 0,")
                .doesNotContain("[0,")
                .doesNotContain(" 0.0,")
                .doesNotContain("[0.0,");
    }

    @Test
    void headingsFollowTheChosenIntervals() {
        List<Candle> m5 = Lines.intraday(BTC, Interval.M5, 400, 100_000, 1);
        List<Candle> h1 = Lines.context(BTC, Interval.H1, 400, 90_000, 10, 8.04);
        MarketSnapshot s = MarketSnapshot.fromCandles(BTC, m5, h1, Optional.empty(), 5, Lines.AS_OF);
        assertThat(s.toText(Locale.SIMPLIFIED_CHINESE))
                .contains("\n5分钟级时序数据 (最近5根5分钟K线):\n")
                .contains("\n1小时级别背景:\n");
        assertThat(s.toText(Locale.ENGLISH))
                .contains("\nIntraday series (last 5 5-minute candles):\n")
                .contains("\n1-hour context:\n");
        assertThat(s.intradayRsi14()).hasSize(5);
    }

    @Test
    void aClosedContextCandleIsNotMarkedOpenAndAveragesIncludeIt() {
        List<Candle> cx = Lines.context(BTC, Interval.H4, 400, 90_000, 10, 8.04);
        List<Candle> closed = cx.stream().map(Candle::asClosed).toList();
        // as of the close of the last context candle
        Instant asOf = Lines.CONTEXT_LAST_OPEN.plus(Duration.ofHours(4));
        MarketSnapshot s = MarketSnapshot.fromCandles(
                BTC, Lines.intraday(BTC, Interval.M1, 400, 100_000, 1), closed, Optional.empty(), 10, asOf);
        assertThat(s.contextCandleOpen()).isFalse();
        assertThat(s.toText(Locale.SIMPLIFIED_CHINESE)).contains("- Volume: 8.04 vs Avg Volume: ");
        // the last 20 closed candles: volumes 100 + j mod 5 (mean 102), except the last (j = 399: 104) is 8.04
        assertThat(s.contextAvgVolume())
                .isCloseTo((102.0 * 20 - 104 + 8.04) / 20, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void candlesAfterAsOfAreIgnoredSoAReplayNeverSeesTheFuture() {
        List<Candle> in = Lines.intraday(BTC, Interval.M1, 400, 100_000, 1);
        List<Candle> cx = Lines.context(BTC, Interval.H4, 400, 90_000, 10, 8.04);
        Instant earlier = Lines.INTRADAY_LAST_OPEN.minus(Duration.ofMinutes(5));
        MarketSnapshot s = MarketSnapshot.fromCandles(BTC, in, cx, Optional.empty(), 10, earlier);
        MarketSnapshot prefix = MarketSnapshot.fromCandles(BTC, in.subList(0, 395), cx, Optional.empty(), 10, earlier);
        // closed at or before 12:55: the minute that opened at 12:54 is the last
        assertThat(s.candleTime()).isEqualTo(earlier.minus(Duration.ofMinutes(1)));
        assertThat(s.price()).isEqualTo(100_393.0);
        assertThat(s.toJson()).isEqualTo(prefix.toJson());
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        List<Candle> in = Lines.intraday(BTC, Interval.M1, 400, 100_000, 1);
        List<Candle> cx = Lines.context(BTC, Interval.H4, 400, 90_000, 10, 8.04);
        assertThatThrownBy(() -> MarketSnapshot.fromCandles(BTC, in, cx, Optional.empty(), 0, Lines.AS_OF))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("seriesLength");
        assertThatThrownBy(() -> MarketSnapshot.fromCandles(BTC, List.of(), cx, Optional.empty(), 10, Lines.AS_OF))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("intradayCandles");
        assertThatThrownBy(() ->
                        MarketSnapshot.fromCandles(Symbol.parse("ETH/USDT"), in, cx, Optional.empty(), 10, Lines.AS_OF))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("BTC/USDT");
    }
}
