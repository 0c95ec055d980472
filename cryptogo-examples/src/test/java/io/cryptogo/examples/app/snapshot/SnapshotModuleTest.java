package io.cryptogo.examples.app.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.error.ExchangeUnavailableException;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Interval;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotModuleTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:30Z"), ZoneOffset.UTC);
    static SimulatedMarket market;
    static TestApp t;

    @BeforeAll
    static void start() {
        market = SimulatedMarket.builder().clock(CLOCK).build();
        t = TestApp.start(market);
    }

    @AfterAll
    static void stop() {
        t.close();
        market.close();
    }

    @Test
    void chineseTextIsTheDefaultAndMatchesTheSnapshotOfTheSameMarket() {
        HttpResponse<String> r = t.get("/api/v1/ai/snapshot?symbol=BTC/USDT");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain").contains("utf-8"));
        // the endpoint decides "now" (the text names that time); the same market as of that time gives the same text
        String expected = MarketSnapshot.builder(market)
                .symbol("BTC/USDT")
                .clock(decidedAt(r.body(), "决策时间 "))
                .build()
                .toText(Locale.SIMPLIFIED_CHINESE);
        assertThat(r.body()).isEqualTo(expected);
        assertThat(r.body()).contains("当前指标:", "分钟级时序数据", "4小时级别背景:");
    }

    /** The decision time the snapshot text states, as a fixed clock. */
    static Clock decidedAt(String text, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        java.util.regex.Pattern.quote(label) + "([0-9T:.Z-]+)")
                .matcher(text);
        assertThat(m.find())
                .as("the text names its decision time: "
                        + text.lines().findFirst().orElse(""))
                .isTrue();
        return Clock.fixed(Instant.parse(m.group(1)), ZoneOffset.UTC);
    }

    @Test
    void englishTextFollowsTheChosenIntervals() {
        HttpResponse<String> r = t.get("/api/v1/ai/snapshot?symbol=ETH-USDT&interval=5m&context=1h&format=en&length=5");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String expected = MarketSnapshot.builder(market)
                .symbol("ETH/USDT")
                .intradayInterval(Interval.M5)
                .contextInterval(Interval.H1)
                .seriesLength(5)
                .clock(decidedAt(r.body(), "decision time "))
                .build()
                .toText(Locale.ENGLISH);
        assertThat(r.body()).isEqualTo(expected);
    }

    @Test
    void jsonCarriesTheNumbersAtFullPrecision() throws Exception {
        HttpResponse<String> r = t.get("/api/v1/ai/snapshot?symbol=BTCUSDT&format=json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        ObjectMapper m = new ObjectMapper();
        var got = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(r.body());
        MarketSnapshot s =
                MarketSnapshot.builder(market).symbol("BTC/USDT").clock(CLOCK).build();
        var want = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(s.toJson());
        // asOf is the server's wall clock; everything else comes from the (fixed-clock) market
        assertThat(got.remove("asOf").asText()).isNotBlank();
        want.remove("asOf");
        assertThat(got).isEqualTo(want);
        assertThat(got.get("current").get("ema20").asDouble()).isEqualTo(s.ema20());
    }

    @ParameterizedTest
    @CsvSource({
        "symbol=XRP/USDT, symbol, BTC/USDT",
        "interval=7m, interval, '1m, 5m, 15m, 1h, 4h, 1d'",
        "context=2h, context, '1m, 5m, 15m, 1h, 4h, 1d'",
        "interval=4h&context=1h, context, 1d",
        "format=xml, format, 'zh, en, json'",
        "length=0, length, 1..100",
        "length=101, length, 1..100",
    })
    void badParametersAnswer400NamingThemAndTheAcceptedValues(String query, String field, String accepted)
            throws Exception {
        HttpResponse<String> r = t.get("/api/v1/ai/snapshot?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode e = new ObjectMapper().readTree(r.body());
        assertThat(e.get("field").asText()).isEqualTo(field);
        assertThat(e.get("detail").asText()).contains(accepted);
    }

    @Test
    void exchangeTroubleAnswers502() {
        var broken = new io.cryptogo.examples.app.testing.AppMarket(Instant.parse("2025-03-01T12:00:30Z"));
        try (TestApp b = TestApp.start(broken)) {
            assertThat(b.get("/api/v1/market/symbols").statusCode()).isEqualTo(200);
            broken.failWith(new ExchangeUnavailableException("Binance answered 503"));
            assertThat(b.get("/api/v1/ai/snapshot").statusCode()).isEqualTo(502);
        }
    }
}
