package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.cryptogo.ai.desk.AgentCallStore;
import io.cryptogo.ai.desk.TradingDesk;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.Chromium;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.examples.trading.TradingModule;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Trader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * AI_MODE=desk in the app: a decision by the desk (on a fake chat model that answers by role) shows on the
 * dashboard with its transcript (the analysts' views, the debate, the trader, the risk verdict) and its cost,
 * and {@code GET /api/v1/ai/decisions/{id}} returns that transcript.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeskPanelBrowserTest {
    static final String TOKEN = "desk-browser-token";

    /** Answers by the {@code ROLE:} line of the system prompt, 1000 tokens in and 50 out per call. */
    static final ChatModel FAKE = new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            String system = request.messages().stream()
                    .filter(m -> m instanceof SystemMessage)
                    .map(m -> ((SystemMessage) m).text())
                    .findFirst()
                    .orElse("");
            String text;
            if (system.startsWith("ROLE: technical")) {
                text =
                        "{\"bias\":\"neutral\",\"confidence\":0.55,\"key_levels\":[],\"reasons\":[\"RANGE-BOUND-TAPE\"]}";
            } else if (system.startsWith("ROLE: bull")) {
                text = "{\"bias\":\"bullish\",\"conviction\":0.5,\"points\":[\"BULL-POINT\"]}";
            } else if (system.startsWith("ROLE: bear")) {
                text = "{\"bias\":\"bearish\",\"conviction\":0.6,\"points\":[\"BEAR-POINT\"]}";
            } else if (system.startsWith("ROLE: research_manager")) {
                text = "{\"bias\":\"neutral\",\"conviction\":0.5,\"points\":[\"MANAGER-CALL\"]}";
            } else {
                text = "{\"action\":\"HOLD\",\"confidence\":0.5,\"entry\":null,\"stop_loss\":null,\"take_profit\":null,"
                        + "\"reasoning\":\"TRADER-WAITS\"}";
            }
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(text))
                    .tokenUsage(new TokenUsage(1000, 50))
                    .build();
        }
    };

    @Test
    void theDashboardShowsTheDeskTranscriptWithItsCost() throws Exception {
        AppMarket market = AppMarket.live();
        DecisionStore store = DecisionStore.inMemory();
        AgentCallStore calls = AgentCallStore.inMemory();
        try (var db = TestDatabases.h2("desk-panel-browser");
                Trader trader =
                        Trader.builder().market(market).database(db.database()).build();
                TradingDesk desk = TradingDesk.builder(FAKE, "openai", "gpt-4o-mini")
                        .store(store)
                        .calls(calls)
                        .build();
                TestApp app = TestApp.start(
                        market,
                        AppSettings.ephemeral(),
                        Map.of("AI_LOOP", "false"),
                        new TradingModule(trader, ApiToken.of(TOKEN)),
                        AiModule.with(store, calls, desk, Clock.systemUTC()))) {
            HttpResponse<String> r =
                    app.send(HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/ai/analyze?symbol=BTC/USDT"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"generator\":\"desk:openai/gpt-4o-mini\"");
            long id = store.find(io.cryptogo.ai.journal.DecisionQuery.latest(1))
                    .get(0)
                    .id()
                    .orElseThrow();

            HttpResponse<String> detail =
                    app.send(HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/ai/decisions/" + id))
                            .GET()
                            .build());
            assertThat(detail.statusCode()).isEqualTo(200);
            assertThat(detail.body())
                    .contains(
                            "\"transcript\":[", "\"role\":\"technical\"", "\"role\":\"risk_check\"", "RANGE-BOUND-TAPE")
                    .contains("\"promptHash\":\"", "\"rawAnswer\":", "\"deskCostUsd\":");

            WebDriver driver = Chromium.start(1400, 1400);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get(app.url() + "/dashboard");
                By transcript = By.cssSelector("#ai-decision .cg-ai-transcript");
                wait.until(ExpectedConditions.attributeToBe(transcript, "data-state", "transcript"));
                String shown = driver.findElement(transcript).getText();
                assertThat(shown)
                        .contains("Desk transcript", "Technical analyst", "neutral (55%)", "RANGE-BOUND-TAPE")
                        .contains("Bull researcher (round 1)", "BULL-POINT", "Bear researcher (round 1)", "BEAR-POINT")
                        .contains("Research manager", "MANAGER-CALL", "Trader", "HOLD (50%)", "TRADER-WAITS")
                        .contains("Risk check (code)", "approved: HOLD: nothing to check")
                        .contains("cost of this decision: $0.000");
                // 5 calls × (1000 × 0.15 + 50 × 0.60) per million = 0.0009 USD
                assertThat(shown).contains("$0.000900");
                AiPagesBrowserTest.screenshot(driver, "ai-desk-transcript.png");
            } finally {
                driver.quit();
            }
        }
    }
}
