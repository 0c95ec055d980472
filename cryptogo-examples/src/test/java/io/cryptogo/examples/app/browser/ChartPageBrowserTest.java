package io.cryptogo.examples.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptogo.examples.app.AppSettings;
import io.cryptogo.examples.app.testing.Chromium;
import io.cryptogo.examples.app.testing.RecordingMarket;
import io.cryptogo.examples.app.testing.TestApp;
import io.cryptogo.market.sim.SimulatedMarket;
import io.cryptogo.model.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The acceptance test in a real browser: Debian's headless chromium and chromedriver (explicit paths, so
 * Selenium Manager never downloads anything) against the app on the simulated market.
 */
class ChartPageBrowserTest {

    static SimulatedMarket sim;
    static RecordingMarket market;
    static TestApp t;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatedMarket.builder().tickInterval(Duration.ofMillis(500)).build();
        market = new RecordingMarket(sim);
        t = TestApp.start(market, AppSettings.ephemeral().withPollInterval(Duration.ofSeconds(1)), Map.of());
        driver = Chromium.start(1400, 900);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (t != null) {
            t.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    static long state(String field) {
        Object v = js("return window.__cryptogo ? window.__cryptogo." + field + " : -1;");
        return v instanceof Number n ? n.longValue() : -1;
    }

    static String stateText(String field) {
        return String.valueOf(js("return window.__cryptogo ? window.__cryptogo." + field + " : null;"));
    }

    static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /** Pixels of the candle colours (#26a69a up, #ef5350 down) over every canvas of the chart. */
    static long candlePixels() {
        Object n = js("""
                let count = 0;
                for (const c of document.querySelectorAll('#cg-chart canvas')) {
                  const ctx = c.getContext('2d');
                  if (!ctx || c.width === 0 || c.height === 0) continue;
                  const d = ctx.getImageData(0, 0, c.width, c.height).data;
                  for (let i = 0; i < d.length; i += 4) {
                    const up = Math.abs(d[i] - 0x26) < 6 && Math.abs(d[i+1] - 0xa6) < 6 && Math.abs(d[i+2] - 0x9a) < 6;
                    const down = Math.abs(d[i] - 0xef) < 6 && Math.abs(d[i+1] - 0x53) < 6 && Math.abs(d[i+2] - 0x50) < 6;
                    if ((up || down) && d[i+3] > 200) count++;
                  }
                }
                return count;
                """);
        return ((Number) n).longValue();
    }

    /** A cheap fingerprint of what the chart canvases show. */
    static String canvasFingerprint() {
        return String.valueOf(js("""
                let h = 0;
                for (const c of document.querySelectorAll('#cg-chart canvas')) {
                  const s = c.toDataURL();
                  for (let i = 0; i < s.length; i += 7) h = (h * 31 + s.charCodeAt(i)) | 0;
                }
                return String(h);
                """));
    }

    @Test
    void theChartShowsLiveCandlesAndSwitchesInterval() throws Exception {
        driver.get(t.url() + "/");
        waiting(30).until(d -> state("loads") >= 1 && state("bars") > 0);
        assertThat(driver.getCurrentUrl()).contains("/trading?symbol=BTC-USDT&interval=1h");
        assertThat(stateText("interval")).isEqualTo("1h");
        assertThat(state("bars")).isGreaterThan(100);

        // the canvas draws candles
        waiting(30).until(d -> candlePixels() > 500);
        assertThat(driver.findElement(By.id("cg-source")).getText()).contains("SIMULATED");
        assertThat(driver.findElement(By.cssSelector("button[data-interval='1h']"))
                        .getAttribute("aria-pressed"))
                .isEqualTo("true");
        assertThat(driver.findElements(By.cssSelector("#cg-symbol option"))).hasSizeGreaterThanOrEqualTo(2);

        // a live update changes the header price within a few seconds
        waiting(30).until(d -> !d.findElement(By.id("cg-last-price")).getText().equals("—"));
        String before = driver.findElement(By.id("cg-last-price")).getText();
        waiting(30).until(d -> !d.findElement(By.id("cg-last-price")).getText().equals(before));
        assertThat(state("liveUpdates")).isPositive();
        waiting(30).until(d -> "live".equals(stateText("status")));
        waiting(30).until(d -> !d.findElement(By.id("cg-change")).getText().isBlank());

        // clicking 5m loads that interval: the request goes out and the chart changes
        String fingerprint1h = canvasFingerprint();
        long lastOpen1h = state("lastOpenTime");
        int queriesBefore = market.queries().size();
        driver.findElement(By.cssSelector("button[data-interval='5m']")).click();
        waiting(30).until(d -> "5m".equals(stateText("interval")) && state("loads") >= 2);
        assertThat(market.queries().subList(queriesBefore, market.queries().size()))
                .anySatisfy(q -> assertThat(q.interval()).isEqualTo(Interval.M5));
        assertThat(driver.getCurrentUrl()).contains("interval=5m");
        assertThat(state("lastOpenTime") % Interval.M5.millis()).isZero();
        // the newest 5m candle opens within the current hour's candle (at the top of an hour both open at once)
        assertThat(state("lastOpenTime"))
                .isBetween(lastOpen1h, lastOpen1h + Interval.H1.millis() - Interval.M5.millis());
        waiting(30).until(d -> candlePixels() > 500 && !canvasFingerprint().equals(fingerprint1h));
        assertThat(driver.findElement(By.cssSelector("button[data-interval='5m']"))
                        .getAttribute("aria-pressed"))
                .isEqualTo("true");

        Path shot = Path.of("target", "trading-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isGreaterThan(10_000);

        // a reload keeps the choice
        driver.navigate().refresh();
        waiting(30).until(d -> state("loads") >= 1 && "5m".equals(stateText("interval")));
    }

    @Test
    void thePageSaysSoWhenTheApiIsUnreachable() throws Exception {
        SimulatedMarket other = SimulatedMarket.builder().build();
        TestApp doomed =
                TestApp.start(other, AppSettings.ephemeral().withPollInterval(Duration.ofSeconds(1)), Map.of());
        try {
            driver.get(doomed.url() + "/trading?symbol=ETH-USDT&interval=15m");
            waiting(30).until(d -> state("loads") >= 1 && "live".equals(stateText("status")));
            doomed.close();
            waiting(30).until(d -> {
                var alert = d.findElement(By.id("cg-alert"));
                return alert.isDisplayed() && alert.getText().contains("unreachable");
            });
            assertThat(stateText("status")).isEqualTo("offline");
            Path shot = Path.of("target", "trading-unreachable.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            doomed.close();
            other.close();
        }
    }
}
