package io.cryptogo.examples.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.AppMarket;
import io.cryptogo.examples.app.testing.Chromium;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.examples.trading.ApiToken;
import io.cryptogo.examples.trading.TradingModule;
import io.cryptogo.testing.TestDatabases;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.grid.jdbc.JdbcGridStore;
import io.cryptogo.trading.risk.RiskLimits;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium starts a grid from the grids page on the simulated market, sees its row and its levels,
 * the dashboard's Grids card, and the grid's levels drawn as price lines on the trading chart.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GridsBrowserTest {
    static final String TOKEN = "grids-browser-token";

    @Test
    void aPersonStartsAGridOnThePageAndSeesItsLevelsOnTheDashboardAndTheChart() throws Exception {
        AppMarket market = new AppMarket(Instant.now());
        try (var db = TestDatabases.h2("grids-browser");
                Trader trader = Trader.builder()
                        .market(market)
                        .database(db.database())
                        .risk(RiskLimits.defaults()
                                .withMaxPositionSize(new BigDecimal("5000"))
                                .withMaxDailyTrades(10_000))
                        .build();
                TestApp app = TestApp.start(
                        market,
                        AppSettings.ephemeral(),
                        Map.of(),
                        new TradingModule(trader, ApiToken.of(TOKEN)),
                        new GridModule(new JdbcGridStore(db.database())))) {
            double p = market.ticker(AppMarket.BTC).price().doubleValue();
            String lower = Long.toString(Math.round(p * 0.9));
            String upper = Long.toString(Math.round(p * 1.1));

            WebDriver driver = Chromium.start(1400, 1400);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                // the token is kept by the page's token mechanism (saved on the dashboard)
                driver.get(app.url() + "/dashboard");
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token-input")))
                        .sendKeys(TOKEN);
                driver.findElement(By.id("token-save")).click();

                driver.get(app.url() + "/grids");
                WebElement symbol = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grid-symbol")));
                symbol.clear();
                symbol.sendKeys("BTC/USDT");
                driver.findElement(By.id("grid-lower")).sendKeys(lower);
                driver.findElement(By.id("grid-upper")).sendKeys(upper);
                WebElement levels = driver.findElement(By.id("grid-levels"));
                levels.clear();
                levels.sendKeys("10");
                driver.findElement(By.id("grid-investment")).sendKeys("1000");
                WebElement maxOpen = driver.findElement(By.id("grid-maxOpenOrders"));
                maxOpen.clear();
                maxOpen.sendKeys("4");
                new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("grid-spacing")))
                        .selectByValue("geometric");
                driver.findElement(By.id("grid-submit")).click();

                // the grid's row, then its levels table with one row per level (plus the header)
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("grid-table"), "RUNNING"));
                assertThat(driver.findElement(By.id("grid-table")).getText())
                        .contains("BTC/USDT")
                        .contains("geometric");
                wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#grid-levels-table tr"), 11));
                wait.until(
                        ExpectedConditions.textToBePresentInElementLocated(By.id("grid-levels-table"), "BUY_PLACED"));
                assertThat(trader.openOrders()).hasSizeBetween(1, 4);
                Files.createDirectories(Path.of("target"));
                Files.write(
                        Path.of("target", "grids-page.png"),
                        ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

                driver.get(app.url() + "/dashboard");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("grids-card"), "RUNNING"));
                assertThat(driver.findElement(By.id("grids-card")).getText()).contains("BTC/USDT");

                driver.get(app.url() + "/trading");
                wait.until(d -> {
                    Object n = ((JavascriptExecutor) d).executeScript("return document.body.dataset.gridLines");
                    return n != null && Integer.parseInt(n.toString()) > 0;
                });
                Object lines = ((JavascriptExecutor) driver).executeScript("return document.body.dataset.gridLines");
                // 10 grids: 11 distinct prices (each level's buy and the sell one step up)
                assertThat(Integer.parseInt(lines.toString())).isEqualTo(11);
                Files.write(
                        Path.of("target", "grids-trading.png"),
                        ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            } finally {
                driver.quit();
            }
        }
    }
}
