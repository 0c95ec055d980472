package io.cryptogo.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Stats24h;
import io.cryptogo.model.Symbol;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.model.Ticker;
import io.cryptogo.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsers against the live Binance captures in ../shared/data (skipped when absent). */
class BinanceJsonTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final String REST = "binance_rest/nautilus_spot_2021-10-22/";

    @Test
    void aCapturedKlinesPageParsesRowForRow() throws IOException {
        byte[] body = Files.readAllBytes(SharedData.require(REST + "spot_market_klines.json"));

        List<Candle> c = BinanceJson.klines(body, BTC, Interval.M1, 1634944380000L);

        assertThat(c).hasSize(10);
        Candle first = c.get(0);
        assertThat(first.openTime()).isEqualTo(Instant.ofEpochMilli(1634943780000L));
        assertThat(first.closeTime()).isEqualTo(Instant.ofEpochMilli(1634943839999L));
        assertThat(first.open()).isEqualByComparingTo("60685.22");
        assertThat(first.high()).isEqualByComparingTo("60729.84");
        assertThat(first.low()).isEqualByComparingTo("60670.90");
        assertThat(first.close()).isEqualByComparingTo("60719.27");
        assertThat(first.volume()).isEqualByComparingTo("21.63272");
        assertThat(first.quoteVolume()).isEqualByComparingTo("1313200.01340410");
        assertThat(first.trades()).isEqualTo(617);
        assertThat(c).allMatch(Candle::closed);
    }

    @Test
    void theLastCapturedRowIsOpenWhileItsCloseTimeIsInTheFuture() throws IOException {
        byte[] body = Files.readAllBytes(SharedData.require(REST + "spot_market_klines.json"));

        List<Candle> c = BinanceJson.klines(body, BTC, Interval.M1, 1634944340000L);

        assertThat(c.get(9).closed()).isFalse();
        assertThat(c.subList(0, 9)).allMatch(Candle::closed);
    }

    @Test
    void theCaptured24hTickerGivesStatsAndTicker() throws IOException {
        byte[] body = Files.readAllBytes(SharedData.require(REST + "spot_market_ticker_24hr.json"));

        Stats24h s = BinanceJson.stats24h(body, BTC);
        Ticker t = BinanceJson.ticker(body, BTC);

        assertThat(s.open()).isEqualByComparingTo("62636.13");
        assertThat(s.high()).isEqualByComparingTo("63732.39");
        assertThat(s.low()).isEqualByComparingTo("60000");
        assertThat(s.last()).isEqualByComparingTo("60755.18");
        assertThat(s.change()).isEqualByComparingTo("-1880.95");
        assertThat(s.changePercent()).isEqualByComparingTo("-3.003");
        assertThat(s.volume()).isEqualByComparingTo("53076.8465");
        assertThat(s.quoteVolume()).isEqualByComparingTo("3289695271.67717710");
        assertThat(s.window().toMillis()).isEqualTo(86_400_000L);
        assertThat(t.price()).isEqualByComparingTo("60755.18");
        assertThat(t.bid()).isEqualByComparingTo("60755.18");
        assertThat(t.ask()).isEqualByComparingTo("60755.19");
        assertThat(t.time()).isEqualTo(Instant.ofEpochMilli(1634944401452L));
    }

    @Test
    void theCapturedExchangeInfoGivesFiltersAndTheWeightLimit() throws IOException {
        byte[] body = Files.readAllBytes(SharedData.require(REST + "spot_market_exchange_info.json"));

        BinanceJson.ExchangeInfo info = BinanceJson.exchangeInfo(body);

        assertThat(info.symbols()).containsOnlyKeys("BTCUSDT", "ETHUSDT");
        SymbolInfo eth = info.symbols().get("ETHUSDT");
        assertThat(eth.symbol()).isEqualTo(Symbol.parse("ETH/USDT"));
        assertThat(eth.tickSize()).isEqualByComparingTo("0.01");
        assertThat(eth.stepSize()).isEqualByComparingTo("0.0001");
        assertThat(eth.minQty()).isEqualByComparingTo("0.0001");
        assertThat(eth.minNotional()).isEqualByComparingTo("10");
        assertThat(info.weightPerMinute()).hasValue(1200);
    }

    @Test
    void aRowMissingFieldsIsAParseError() {
        byte[] body = "[[1634943780000,\"1\",\"2\"]]".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BinanceJson.klines(body, BTC, Interval.M1, 0)).isInstanceOf(IOException.class);
        assertThatThrownBy(
                        () -> BinanceJson.klines("{\"code\":1}".getBytes(StandardCharsets.UTF_8), BTC, Interval.M1, 0))
                .isInstanceOf(IOException.class);
    }
}
