package io.cryptogo.ai.testing;

import io.cryptogo.ai.SignalInput;
import io.cryptogo.model.Interval;
import io.cryptogo.model.Symbol;
import java.time.Instant;
import java.util.List;

/** Hand-made snapshots for generator tests. */
public final class Inputs {
    /** A marker that appears only in the snapshot text, to find it in the prompt that arrives. */
    public static final String MARKER = "Mid Prices: [113401.5, 113420.25, 113472.5]";

    private Inputs() {}

    /** BTC/USDT at 113472.5 with ATR 650, an up trend and rising momentum, candle 2025-01-01T10:00Z. */
    public static SignalInput btc() {
        return btc(Instant.parse("2025-01-01T10:00:00Z"));
    }

    public static SignalInput btc(Instant candleTime) {
        return new SignalInput(
                Symbol.parse("BTC/USDT"),
                Interval.H1,
                Interval.H4,
                candleTime,
                candleTime.plusSeconds(3600),
                113472.5,
                113300.0,
                64.3,
                60.2,
                List.of(40.0, 52.0, 64.3),
                111283.1,
                110627.7,
                650.0,
                SignalInput.Rendering.of(
                        "Current indicators:\n- Price: 113472.5\n" + MARKER + "\n(candle " + candleTime + ")",
                        "当前指标:\n- Price: 113472.5\n" + MARKER + "\n(K线 " + candleTime + ")",
                        "{\"symbol\":\"BTC/USDT\",\"price\":113472.5}"));
    }

    /** A valid BUY answer for {@link #btc()}: stop 1.5 ATR below, target 3 ATR above. */
    public static final String GOOD_BUY = "{\"action\":\"BUY\",\"confidence\":0.72,\"entry\":113472.5,"
            + "\"stop_loss\":112497.5,\"take_profit\":115422.5,\"reasoning\":\"4h uptrend, MACD rising\"}";
}
