package io.cryptogo.examples.app.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.error.RateLimitedException;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.model.Interval;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarketApiModuleTest {
    static final Instant NOW = Instant.parse("2025-01-15T12:34:56Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static AppMarket market;
    static TestApp t;

    @BeforeAll
    static void start() {
        market = new AppMarket(NOW);
        t = TestApp.start(market);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = t.get(path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static JsonNode bad(String path, int status, String field) throws Exception {
        HttpResponse<String> r = t.get(path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("\tat ");
        JsonNode e = JSON.readTree(r.body());
        assertThat(e.get("error").asText()).isNotBlank();
        assertThat(e.get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(e.get("field").asText()).isEqualTo(field);
        }
        return e;
    }

    @Test
    void klinesAnswerTheLatestCandlesOldestFirstWithTheDocumentedFields() throws Exception {
        JsonNode a = ok("/api/v1/market/klines?symbol=BTC/USDT&interval=1h&limit=3");
        assertThat(a).hasSize(3);
        long open0 = a.get(0).get("openTime").asLong();
        assertThat(a.get(1).get("openTime").asLong()).isEqualTo(open0 + 3_600_000);
        JsonNode last = a.get(2);
        assertThat(last.get("openTime").asLong())
                .isEqualTo(Interval.H1.align(NOW).toEpochMilli());
        assertThat(last.get("closeTime").asLong())
                .isEqualTo(last.get("openTime").asLong() + 3_599_999);
        assertThat(last.get("closed").asBoolean()).isFalse();
        assertThat(a.get(0).get("closed").asBoolean()).isTrue();
        var expected = AppMarket.candle(AppMarket.BTC, Interval.H1, Instant.ofEpochMilli(open0), true);
        assertThat(a.get(0).get("open").isNumber()).isTrue();
        assertThat(a.get(0).get("open").decimalValue()).isEqualByComparingTo(expected.open());
        assertThat(a.get(0).get("high").decimalValue()).isEqualByComparingTo(expected.high());
        assertThat(a.get(0).get("low").decimalValue()).isEqualByComparingTo(expected.low());
        assertThat(a.get(0).get("close").decimalValue()).isEqualByComparingTo(expected.close());
        assertThat(a.get(0).get("volume").decimalValue()).isEqualByComparingTo(expected.volume());
        assertThat(a.get(0).fieldNames())
                .toIterable()
                .containsExactly("openTime", "open", "high", "low", "close", "volume", "closeTime", "closed");
    }

    @Test
    void klinesDefaultToOneHundredHourlyCandlesOfTheDefaultSymbol() throws Exception {
        JsonNode a = ok("/api/v1/market/klines");
        assertThat(a).hasSize(100);
        var q = market.queries().get(market.queries().size() - 1);
        assertThat(q.symbol()).isEqualTo(AppMarket.BTC);
        assertThat(q.interval()).isEqualTo(Interval.H1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BTC/USDT", "BTC-USDT", "BTCUSDT", "btc/usdt", "BTC%2FUSDT"})
    void klinesAcceptEverySymbolSpelling(String symbol) throws Exception {
        assertThat(ok("/api/v1/market/klines?symbol=" + symbol + "&limit=1")).hasSize(1);
    }

    @Test
    void klinesHonourStartAndEndTime() throws Exception {
        long start = Instant.parse("2025-01-15T00:00:00Z").toEpochMilli();
        long end = Instant.parse("2025-01-15T03:00:00Z").toEpochMilli();
        JsonNode a = ok("/api/v1/market/klines?symbol=ETH-USDT&interval=1h&startTime=" + start + "&endTime=" + end
                + "&limit=1000");
        assertThat(a).hasSize(4);
        assertThat(a.get(0).get("openTime").asLong()).isEqualTo(start);
        assertThat(a.get(3).get("openTime").asLong()).isEqualTo(end);
        assertThat(a.get(0).get("open").decimalValue().doubleValue()).isBetween(3000.0, 4000.0);
    }

    @Test
    void klinesAcceptTheLimitBounds() throws Exception {
        assertThat(ok("/api/v1/market/klines?limit=1")).hasSize(1);
        assertThat(ok("/api/v1/market/klines?interval=1m&limit=1000")).hasSize(1000);
    }

    @ParameterizedTest
    @CsvSource({
        "symbol=DOGE/USDT, symbol, BTC/USDT",
        "symbol=BTC/USDT/X, symbol, BTC/USDT",
        "symbol=%3F%3F, symbol, BTC/USDT",
        "interval=2m, interval, '1m, 5m, 15m, 1h, 4h, 1d'",
        "interval=, interval, leave the parameter out",
        "limit=0, limit, 1..1000",
        "limit=1001, limit, 1..1000",
        "limit=-5, limit, 1..1000",
        "limit=ten, limit, 1..1000",
        "startTime=yesterday, startTime, epoch milliseconds",
        "endTime=-1, endTime, epoch milliseconds",
        "startTime=1736900000000&endTime=1736800000000, startTime, startTime <= endTime",
    })
    void klinesRejectBadInputWith400NamingTheParameterAndTheAcceptedValues(String query, String field, String accepted)
            throws Exception {
        if (field == null) {
            assertThat(ok("/api/v1/market/klines?" + query)).isNotEmpty(); // blank means default
            return;
        }
        JsonNode e = bad("/api/v1/market/klines?" + query, 400, field);
        assertThat(e.get("error").asText()).isEqualTo("invalid_request");
        assertThat(e.get("detail").asText()).contains(accepted);
    }

    @Test
    void tickerAnswersPriceBidAskAndTime() throws Exception {
        for (String s : new String[] {"BTC-USDT", "BTCUSDT"}) {
            JsonNode tk = ok("/api/v1/market/ticker/" + s);
            assertThat(tk.get("symbol").asText()).isEqualTo("BTC/USDT");
            assertThat(tk.get("price").decimalValue())
                    .isEqualByComparingTo(market.ticker(AppMarket.BTC).price());
            assertThat(tk.get("bid").decimalValue()).isLessThan(tk.get("ask").decimalValue());
            assertThat(tk.get("time").asLong()).isEqualTo(NOW.toEpochMilli());
        }
    }

    @Test
    void statsAnswerTheRolling24hFigures() throws Exception {
        JsonNode s = ok("/api/v1/market/stats/ETH-USDT");
        var expected = market.stats24h(AppMarket.ETH);
        assertThat(s.get("symbol").asText()).isEqualTo("ETH/USDT");
        assertThat(s.get("open").decimalValue()).isEqualByComparingTo(expected.open());
        assertThat(s.get("high").decimalValue()).isEqualByComparingTo(expected.high());
        assertThat(s.get("low").decimalValue()).isEqualByComparingTo(expected.low());
        assertThat(s.get("last").decimalValue()).isEqualByComparingTo(expected.last());
        assertThat(s.get("change").decimalValue()).isEqualByComparingTo(expected.change());
        assertThat(s.get("changePercent").decimalValue()).isEqualByComparingTo(expected.changePercent());
        assertThat(s.get("volume").decimalValue()).isEqualByComparingTo(expected.volume());
        assertThat(s.get("quoteVolume").decimalValue()).isEqualByComparingTo(expected.quoteVolume());
        assertThat(s.get("closeTime").asLong() - s.get("openTime").asLong()).isEqualTo(86_400_000);
    }

    @Test
    void symbolsListEveryTradablePairWithItsFilters() throws Exception {
        JsonNode a = ok("/api/v1/market/symbols");
        assertThat(a).hasSize(2);
        JsonNode btc = a.get(0);
        assertThat(btc.get("symbol").asText()).isEqualTo("BTC/USDT");
        assertThat(btc.get("base").asText()).isEqualTo("BTC");
        assertThat(btc.get("quote").asText()).isEqualTo("USDT");
        assertThat(btc.get("status").asText()).isEqualTo("TRADING");
        assertThat(btc.get("tickSize").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(btc.get("stepSize").decimalValue()).isEqualByComparingTo("0.00001");
        assertThat(btc.get("minNotional").decimalValue()).isEqualByComparingTo("5");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/api/v1/market/ticker/DOGE-USDT", "/api/v1/market/stats/XYZ", "/api/v1/market/ticker/BTC_"})
    void pathSymbolsThatAreUnknownOrUnreadableAnswer400(String path) throws Exception {
        JsonNode e = bad(path, 400, "symbol");
        assertThat(e.get("detail").asText()).contains("BTC");
    }

    @Test
    void exchangeTroubleAnswers502AndRateLimits503() throws Exception {
        AppMarket broken = new AppMarket(NOW);
        try (TestApp b = TestApp.start(broken)) {
            // the symbol list fails first when nothing is cached yet
            broken.failWith(new ExchangeUnavailableException("Binance timed out after 10 s"));
            assertThat(b.get("/api/v1/market/symbols").statusCode()).isEqualTo(502);
            broken.failWith(null);
            assertThat(b.get("/api/v1/market/symbols").statusCode()).isEqualTo(200);
            // with the list cached, each data call meets the fault itself
            broken.failWith(new ExchangeUnavailableException("Binance timed out after 10 s"));
            for (String p : new String[] {
                "/api/v1/market/klines", "/api/v1/market/ticker/BTC-USDT", "/api/v1/market/stats/BTC-USDT"
            }) {
                HttpResponse<String> r = b.get(p);
                assertThat(r.statusCode()).as(p).isEqualTo(502);
                JsonNode e = JSON.readTree(r.body());
                assertThat(e.get("error").asText()).isEqualTo("exchange_unavailable");
                assertThat(e.get("detail").asText()).contains("timed out");
            }
            broken.failWith(new RateLimitedException("Binance 429", Duration.ofSeconds(30), false));
            HttpResponse<String> r = b.get("/api/v1/market/ticker/BTC-USDT");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
            broken.failWith(null);
            assertThat(b.get("/api/v1/market/ticker/BTC-USDT").statusCode()).isEqualTo(200);
        }
    }
}
