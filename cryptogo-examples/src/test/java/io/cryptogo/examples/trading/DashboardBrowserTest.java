package io.cryptogo.examples.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.Chromium;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.model.Interval;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.OrderStatus;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.mode.Proposal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium approves a pending proposal on the dashboard; the order fills. */
class DashboardBrowserTest {

    @Test
    void aPersonApprovesAProposalOnTheDashboard() throws Exception {
        AppMarket market = AppMarket.live();
        try (var db = TestDatabases.h2("dashboard-browser");
                Trader trader =
                        Trader.builder().market(market).database(db.database()).build();
                TestApp app = TestApp.start(
                        market,
                        AppSettings.ephemeral(),
                        Map.of(),
                        new TradingModule(trader, ApiToken.of("browser-token")))) {
            BigDecimal ask = market.ticker(AppMarket.BTC).ask();
            Proposal p = trader.proposals()
                    .propose(TradeSignal.builder(AppMarket.BTC, Interval.H1, TradeSignal.Action.BUY)
                            .confidence(0.8)
                            .entry(ask)
                            .stopLoss(Optional.of(
                                    ask.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.HALF_UP)))
                            .takeProfit(Optional.of(
                                    ask.multiply(new BigDecimal("1.04")).setScale(2, RoundingMode.HALF_UP)))
                            .reasoning("browser test")
                            .generator("rules")
                            .decidedAt(Instant.now())
                            .candleTime(Instant.now())
                            .build())
                    .orElseThrow();

            WebDriver driver = Chromium.start(1400, 1000);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get(app.url() + "/dashboard");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token-input")))
                        .sendKeys("browser-token");
                driver.findElement(By.id("token-save")).click();
                By approve = By.cssSelector(".proposal[data-id='" + p.id() + "'] button.approve");
                wait.until(ExpectedConditions.elementToBeClickable(approve)).click();
                wait.until(ExpectedConditions.invisibilityOfElementLocated(approve));
                wait.until(d -> trader.orders(List.of(OrderStatus.FILLED), 10).size() == 1);
                assertThat(trader.proposals().get(p.id()).orElseThrow().status())
                        .isEqualTo(Proposal.Status.APPROVED);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("positions"), "BTC/USDT"));
                // the position says where its prices came from and how it is protected
                wait.until(
                        ExpectedConditions.textToBePresentInElementLocated(By.id("positions"), "resting on the venue"));
                assertThat(driver.findElement(By.id("positions")).getText()).contains("simulated");
                driver.get(app.url() + "/history");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("orders"), "Source"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("fills"), "simulated"));
                driver.get(app.url() + "/dashboard");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("positions"), "BTC/USDT"));
                // for a person to look at: target/dashboard.png
                byte[] png = ((org.openqa.selenium.TakesScreenshot) driver)
                        .getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
                Files.write(Path.of("target", "dashboard.png"), png);
            } finally {
                driver.quit();
            }
        }
    }
}
