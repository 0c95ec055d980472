package io.cryptogo.examples.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.CryptoGo;
import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.Chromium;
import io.cryptogo.examples.app.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium runs a backtest from the /backtest page and sees its equity, trades and metrics. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BacktestPageBrowserTest {

    static void type(WebDriver d, String id, String text) {
        WebElement e = d.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    @Test
    void aPersonRunsABacktestAndSeesItsChartsTradesAndMetrics() throws Exception {
        try (CryptoGo demo = CryptoGo.demo();
                TestApp app = TestApp.start(
                        new AppMarket(Instant.now()),
                        AppSettings.ephemeral(),
                        Map.of(
                                "CRYPTOGO_API_TOKEN",
                                BacktestModuleTest.TOKEN,
                                "DATABASE_URL",
                                BacktestModuleTest.memoryDatabase()),
                        new BacktestModule(demo))) {
            WebDriver driver = Chromium.start(1400, 1800);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
                driver.get(app.url() + "/backtest");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bt-create")));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("bt-result"), "Choose a finished backtest"));
                new Select(driver.findElement(By.id("bt-strategy"))).selectByValue("ema-cross");
                new Select(driver.findElement(By.id("bt-interval"))).selectByValue("1h");
                type(driver, "bt-symbol", "BTC/USDT");
                type(driver, "bt-from", "2025-01-01");
                type(driver, "bt-to", "2025-02-28");
                type(driver, "bt-fees", "0.001");
                type(driver, "bt-slippageBps", "5");
                type(driver, "bt-cash", "10000 USDT");
                type(driver, "bt-token", BacktestModuleTest.TOKEN);
                driver.findElement(By.id("bt-submit")).click();

                // the job shows in the list, finishes, and its result is drawn
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bt-table"), "done"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bt-metrics")));
                WebElement body = driver.findElement(By.tagName("body"));
                assertThat(Integer.parseInt(body.getDomAttribute("data-bt-equity-points")))
                        .isEqualTo(59 * 24);
                assertThat(Integer.parseInt(body.getDomAttribute("data-bt-candles")))
                        .isEqualTo(59 * 24);
                int trades = Integer.parseInt(body.getDomAttribute("data-bt-trades"));
                assertThat(trades).isPositive();
                // one entry and one exit marker per trade
                assertThat(Integer.parseInt(body.getDomAttribute("data-bt-markers")))
                        .isEqualTo(2 * trades);
                for (String chart : new String[] {"bt-equity", "bt-drawdown", "bt-candles"}) {
                    assertThat(driver.findElements(By.cssSelector("#" + chart + " canvas")))
                            .as(chart)
                            .isNotEmpty();
                }
                String metrics = driver.findElement(By.id("bt-metrics")).getText();
                assertThat(metrics).contains("sharpe", "maxDrawdown", "totalReturn", "trades " + trades);
                assertThat(driver.findElement(By.id("bt-result")).getText()).contains("ema-cross(12,26)");
                // for a person to look at
                Files.createDirectories(Path.of("target"));
                Files.write(
                        Path.of("target", "backtest-page.png"),
                        ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            } finally {
                driver.quit();
            }
        }
    }
}
