package io.cryptogo.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProgressTest {

    @Test
    void theAutomaticBarStaysSilentOnShortRunsAndDrawsOnLongOnes() {
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        BacktestResult r = TestBars.offline(TestBars.walk(500, 3), Strategies.emaCross(12, 26))
                .progress(Progress.auto(new PrintStream(quiet, true, StandardCharsets.UTF_8), Duration.ofHours(1)))
                .run();
        assertThat(r.bars()).isEqualTo(500);
        assertThat(quiet.size()).isZero();

        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        TestBars.offline(TestBars.walk(500, 3), Strategies.emaCross(12, 26))
                .progress(Progress.auto(new PrintStream(drawn, true, StandardCharsets.UTF_8), Duration.ZERO))
                .run();
        assertThat(drawn.toString(StandardCharsets.UTF_8))
                .contains("100% 500/500 bars")
                .endsWith("\n");
    }
}
