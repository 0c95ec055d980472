package io.cryptogo.examples.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.SignalInput;
import io.cryptogo.ai.journal.Decision;
import io.cryptogo.ai.journal.DecisionStore;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.Chromium;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on the trading module's pages with the AI module: the dashboard's {@code #ai-decision} slot
 * goes from its empty state to a decision made through {@code POST /api/v1/ai/analyze}, and {@code /history}
 * lists the decisions, filters them and expands one to its prompt and raw response.
 */
class AiPagesBrowserTest {
    static final String TOKEN = "ai-browser-token";

    final DecisionStore store = DecisionStore.inMemory();

    /** BTC: a BUY by the rules; ETH: a SELL by a (pretend) LLM with a prompt and a raw response. */
    final SignalGenerator fixed = new SignalGenerator() {
        @Override
        public String label() {
            return "rules";
        }

        @Override
        public Decision decide(SignalInput in) {
            boolean llm = in.symbol().equals(AppMarket.ETH);
            BigDecimal entry = BigDecimal.valueOf(in.price()).setScale(2, RoundingMode.HALF_UP);
            BigDecimal down = entry.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.HALF_UP);
            BigDecimal up = entry.multiply(new BigDecimal("1.04")).setScale(2, RoundingMode.HALF_UP);
            TradeSignal s = TradeSignal.builder(
                            in.symbol(), in.interval(), llm ? TradeSignal.Action.SELL : TradeSignal.Action.BUY)
                    .confidence(llm ? 0.65 : 0.7)
                    .entry(entry)
                    .stopLoss( // spot: the SELL closes a long and carries no levels
                            llm ? Optional.empty() : Optional.of(down))
                    .takeProfit(llm ? Optional.empty() : Optional.of(up))
                    .reasoning(llm ? "momentum fading for the browser test" : "fixed for the browser test")
                    .generator(llm ? "llm:test-model" : "rules")
                    .decidedAt(Instant.now())
                    .candleTime(in.candleTime())
                    .build();
            return store.save(new Decision(
                    Optional.empty(),
                    s,
                    "test/v1",
                    llm ? Optional.of("hash") : Optional.empty(),
                    llm ? Optional.of("PROMPT-TEXT for ETH/USDT") : Optional.empty(),
                    "snapshot",
                    llm ? Optional.of("{\"action\":\"SELL\",\"raw\":\"RAW-RESPONSE-TEXT\"}") : Optional.empty(),
                    Decision.OK,
                    0,
                    llm ? 120 : 0,
                    llm ? 40 : 0,
                    Duration.ofMillis(llm ? 850 : 0),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    Optional.empty()));
        }
    };

    @Test
    void theDashboardShowsTheLatestDecisionAndTheHistoryListsAndExpandsThem() throws Exception {
        AppMarket market = AppMarket.live();
        try (var db = TestDatabases.h2("ai-pages-browser");
                Trader trader =
                        Trader.builder().market(market).database(db.database()).build();
                TestApp app = TestApp.start(
                        market,
                        AppSettings.ephemeral(),
                        Map.of("AI_LOOP", "false"),
                        new TradingModule(trader, ApiToken.of(TOKEN)),
                        AiModule.with(store, fixed, Clock.systemUTC()))) {
            WebDriver driver = Chromium.start(1400, 1200);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                By slot = By.cssSelector("#ai-decision .card-body");

                // no decision yet: the empty state
                driver.get(app.url() + "/dashboard");
                wait.until(ExpectedConditions.attributeToBe(slot, "data-state", "empty"));
                assertThat(driver.findElement(slot).getText()).contains("No AI decision yet");

                // a decision through the API appears on the next refresh, labelled as the rules
                assertThat(analyze(app, "BTC/USDT")).isEqualTo(200);
                wait.until(ExpectedConditions.attributeToBe(slot, "data-state", "decision"));
                String shown = driver.findElement(slot).getText();
                assertThat(shown)
                        .contains(
                                "BUY", "confidence 70%", "BTC/USDT 1h", "fixed for the browser test", "rules (no LLM)")
                        .contains("entry", "stop loss", "take profit")
                        .doesNotContain("LLM test-model");
                assertThat(driver.findElement(By.cssSelector("#ai-decision .cg-ai-meta"))
                                .getAttribute("data-source"))
                        .isEqualTo("rules");
                // the market the decision was made on, as the REST API states it
                String shownMarket = io.cryptogo.examples.app.Json.mapper()
                        .readTree(app.get("/api/v1/ai/decisions").body())
                        .get(0)
                        .get("marketSource")
                        .asText();
                assertThat(shownMarket).isNotBlank();
                assertThat(driver.findElement(By.cssSelector("#ai-decision .cg-ai-meta"))
                                .getAttribute("data-market-source"))
                        .isEqualTo(shownMarket);
                assertThat(driver.findElement(By.cssSelector("#ai-decision .cg-ai-meta"))
                                .getText())
                        .contains("prices " + shownMarket);
                screenshot(driver, "ai-dashboard.png");

                // a second decision, by the model, then the history
                assertThat(analyze(app, "ETH/USDT")).isEqualTo(200);
                driver.get(app.url() + "/history");
                By rows = By.cssSelector("#ai-decisions tr.cg-ai-row");
                wait.until(ExpectedConditions.numberOfElementsToBe(rows, 2));
                String table = driver.findElement(By.id("ai-decisions")).getText();
                assertThat(table)
                        .contains("AI decisions (2)", "BTC/USDT", "ETH/USDT", "BUY", "SELL", "rules (no LLM)")
                        .contains("llm:test-model", "ok")
                        .contains("Market", shownMarket);

                // the symbol filter narrows the table; a click expands the row to its prompt and raw response
                WebElement sym = driver.findElement(By.id("ai-symbol-filter"));
                sym.sendKeys("eth/usdt");
                sym.sendKeys(org.openqa.selenium.Keys.TAB);
                wait.until(ExpectedConditions.numberOfElementsToBe(rows, 1));
                assertThat(driver.findElement(rows).getText()).contains("ETH/USDT", "SELL", "65%");
                driver.findElement(rows).click();
                By detail = By.cssSelector("#ai-decisions tr.cg-ai-detail");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(detail, "RAW-RESPONSE-TEXT"));
                assertThat(driver.findElement(detail).getText())
                        .contains("PROMPT-TEXT for ETH/USDT", "momentum fading", "LLM test-model");
                screenshot(driver, "ai-history.png");

                // a time range after every decision leaves nothing
                ((JavascriptExecutor) driver)
                        .executeScript("const f = document.getElementById('ai-from'); f.value = '2999-01-01T00:00';"
                                + " f.dispatchEvent(new Event('change'));");
                wait.until(ExpectedConditions.numberOfElementsToBe(rows, 0));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("ai-decisions"), "No AI decisions match"));
                // and one that includes them brings the ETH decision back
                ((JavascriptExecutor) driver)
                        .executeScript("const f = document.getElementById('ai-from'); f.value = '2000-01-01T00:00';"
                                + " f.dispatchEvent(new Event('change'));");
                wait.until(ExpectedConditions.numberOfElementsToBe(rows, 1));
            } finally {
                driver.quit();
            }
        }
    }

    static int analyze(TestApp app, String symbol) {
        return app.send(HttpRequest.newBuilder(URI.create(app.url() + "/api/v1/ai/analyze?symbol=" + symbol))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build())
                .statusCode();
    }

    static void screenshot(WebDriver driver, String name) throws Exception {
        // for a person to look at: target/<name>
        Files.write(Path.of("target", name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
