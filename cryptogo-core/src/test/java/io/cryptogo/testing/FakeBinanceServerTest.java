package io.cryptogo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake speaks the same JSON shapes as the live captures in ../shared/data/binance_rest. */
class FakeBinanceServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REST = "binance_rest/nautilus_spot_2021-10-22/";
    final ManualClock clock = ManualClock.at("2024-03-10T12:34:56.789Z");
    final FakeBinanceServer server = FakeBinanceServer.start(clock);
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    static JsonNode capture(String file) throws IOException {
        return JSON.readTree(SharedData.require(REST + file).toFile());
    }

    static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<String> types(JsonNode row) {
        List<String> out = new ArrayList<>();
        row.forEach(v -> out.add(v.getNodeType().name()));
        return out;
    }

    @Test
    void klineRowsHaveTheCapturedLayout() throws Exception {
        JsonNode ours = get("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=10");
        JsonNode theirs = capture("spot_market_klines.json");

        assertThat(ours).hasSize(10);
        assertThat(types(ours.get(0))).isEqualTo(types(theirs.get(0)));
        assertThat(ours.get(0).get(1).asText()).matches("\\d+\\.\\d{8}");
    }

    @Test
    void tickersHaveTheCapturedFieldsInOrder() throws Exception {
        assertThat(fields(get("/api/v3/ticker/24hr?symbol=BTCUSDT")))
                .isEqualTo(fields(capture("spot_market_ticker_24hr.json")));
        assertThat(fields(get("/api/v3/ticker/price?symbol=BTCUSDT")))
                .isEqualTo(fields(capture("spot_market_ticker_price.json")));
        assertThat(fields(get("/api/v3/ticker/bookTicker?symbol=BTCUSDT")))
                .isEqualTo(fields(capture("spot_market_book_ticker.json")));
        assertThat(fields(get("/api/v3/time"))).isEqualTo(fields(capture("spot_market_time.json")));
    }

    @Test
    void exchangeInfoHasTheCapturedShape() throws Exception {
        JsonNode ours = get("/api/v3/exchangeInfo");
        JsonNode theirs = capture("spot_market_exchange_info.json");

        assertThat(fields(ours)).isEqualTo(fields(theirs));
        assertThat(fields(ours.get("symbols").get(0)))
                .isEqualTo(fields(theirs.get("symbols").get(0)));
        assertThat(get("/api/v3/exchangeInfo?symbol=ETHUSDT").get("symbols")).hasSize(1);
    }

    @Test
    void errorsUseBinancesCodes() throws Exception {
        assertThat(get("/api/v3/klines?symbol=NOPE&interval=1m").get("code").asInt())
                .isEqualTo(-1121);
        assertThat(get("/api/v3/klines?symbol=BTCUSDT&interval=7m").get("code").asInt())
                .isEqualTo(-1120);
        assertThat(get("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1001")
                        .get("code")
                        .asInt())
                .isEqualTo(-1130);
        assertThat(get("/api/v3/klines?interval=1m").get("code").asInt()).isEqualTo(-1102);
    }

    @Test
    void theCandleOfAStreamEventEqualsTheRestRowOnceClosed() throws Exception {
        var t = java.time.Instant.parse("2024-03-10T12:33:00Z");
        JsonNode k = JSON.readTree(server.klineEvent("BTCUSDT", io.cryptogo.model.Interval.M1, t, true))
                .get("k");
        JsonNode row = JSON.readTree(server.klineRow("BTCUSDT", io.cryptogo.model.Interval.M1, t));

        assertThat(k.get("o").asText()).isEqualTo(row.get(1).asText());
        assertThat(k.get("h").asText()).isEqualTo(row.get(2).asText());
        assertThat(k.get("l").asText()).isEqualTo(row.get(3).asText());
        assertThat(k.get("c").asText()).isEqualTo(row.get(4).asText());
        assertThat(k.get("v").asText()).isEqualTo(row.get(5).asText());
        assertThat(k.get("T").asLong()).isEqualTo(row.get(6).asLong());
        assertThat(k.get("x").asBoolean()).isTrue();
    }

    @Test
    void everyResponseReportsTheUsedWeight() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v3/exchangeInfo"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.headers().firstValue("x-mbx-used-weight-1m")).hasValue("20");
        assertThat(server.requests())
                .singleElement()
                .satisfies(q -> assertThat(q.path()).isEqualTo("/api/v3/exchangeInfo"));
    }
}
