package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.examples.trading.TradingModule;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Trader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The app connects AI decisions to the trader: BUY/SELL become proposals a person approves, HOLD nothing. */
class AiToTradingTest {
    static final String TOKEN = "wiring-token";
    static final Instant NOW = Instant.parse("2025-03-01T10:00:05Z");
    static final ObjectMapper JSON = new ObjectMapper();

    AppMarket market = new AppMarket(NOW);
    DecisionStore store = DecisionStore.inMemory();
    TestDatabases.Handle db;
    Trader trader;
    TestApp app;
    TradeSignal.Action next = TradeSignal.Action.BUY;

    /** Decides {@link #next} at the snapshot's price with a 2% stop and a 4% target. */
    final SignalGenerator fixed = new SignalGenerator() {
        @Override
        public String label() {
            return "rules";
        }

        @Override
        public Decision decide(SignalInput in) {
            BigDecimal entry = BigDecimal.valueOf(in.price()).setScale(2, RoundingMode.HALF_UP);
            BigDecimal down = entry.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.HALF_UP);
            BigDecimal up = entry.multiply(new BigDecimal("1.04")).setScale(2, RoundingMode.HALF_UP);
            TradeSignal s = TradeSignal.builder(in.symbol(), in.interval(), next)
                    .confidence(0.7)
                    .entry(entry)
                    .stopLoss( // spot: only a BUY carries levels; a SELL closes the long
                            next == TradeSignal.Action.BUY ? Optional.of(down) : Optional.empty())
                    .takeProfit(next == TradeSignal.Action.BUY ? Optional.of(up) : Optional.empty())
                    .reasoning("fixed for the test")
                    .generator("rules")
                    .decidedAt(NOW)
                    .candleTime(in.candleTime())
                    .build();
            return store.save(new Decision(
                    Optional.empty(),
                    s,
                    "test/v1",
                    Optional.empty(),
                    Optional.empty(),
                    "snapshot",
                    Optional.empty(),
                    Decision.OK,
                    0,
                    0,
                    0,
                    Duration.ZERO,
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    Optional.empty()));
        }
    };

    @BeforeEach
    void start() {
        db = TestDatabases.h2("ai-to-trading");
        trader = Trader.builder().market(market).database(db.database()).build();
        app = TestApp.start(
                market,
                AppSettings.ephemeral(),
                Map.of("AI_LOOP", "false"),
                new TradingModule(trader, ApiToken.of(TOKEN)),
                AiModule.with(store, fixed, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        trader.close();
        db.close();
    }

    HttpResponse<String> analyze(String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/ai/analyze?symbol=BTC/USDT"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return app.send(b.build());
    }

    @Test
    void analyzeNeedsTheTradingToken() {
        assertThat(analyze(null).statusCode()).isEqualTo(401);
        assertThat(analyze("wrong").statusCode()).isEqualTo(401);
        assertThat(analyze(TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aBuyDecisionBecomesAPendingProposalAndNoOrder() throws Exception {
        assertThat(analyze(TOKEN).statusCode()).isEqualTo(200);
        JsonNode proposals = JSON.readTree(app.get("/api/v1/proposals").body());
        assertThat(proposals).hasSize(1);
        assertThat(proposals.get(0).toString()).contains("BUY").contains("BTC/USDT");
        assertThat(trader.openOrders()).isEmpty();
    }

    @Test
    void aHoldDecisionProposesNothing() throws Exception {
        next = TradeSignal.Action.HOLD;
        assertThat(analyze(TOKEN).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(app.get("/api/v1/proposals").body())).isEmpty();
    }
}
