package io.cryptogo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CandleTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final Instant T = Instant.parse("2024-12-01T05:00:00Z");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void closeTimeIsTheLastMillisecondOfTheBucket() {
        Candle c = Candle.of(BTC, Interval.H1, T, d("100"), d("110"), d("95"), d("105"), d("2"), d("210"), 7, true);
        assertThat(c.closeTime()).isEqualTo(Instant.parse("2024-12-01T05:59:59.999Z"));
        assertThat(c.nextOpenTime()).isEqualTo(Instant.parse("2024-12-01T06:00:00Z"));
    }

    @Test
    void rejectsHighBelowTheBody() {
        assertThatThrownBy(() ->
                        Candle.of(BTC, Interval.H1, T, d("100"), d("104"), d("95"), d("105"), d("1"), d("1"), 1, true))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("high");
    }

    @Test
    void rejectsLowAboveTheBody() {
        assertThatThrownBy(() ->
                        Candle.of(BTC, Interval.H1, T, d("100"), d("110"), d("101"), d("105"), d("1"), d("1"), 1, true))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void rejectsNegativeVolumeAndMisalignedOpenTime() {
        assertThatThrownBy(() ->
                        Candle.of(BTC, Interval.H1, T, d("100"), d("110"), d("95"), d("105"), d("-1"), d("1"), 1, true))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Candle.of(
                        BTC,
                        Interval.H1,
                        T.plusSeconds(60),
                        d("100"),
                        d("110"),
                        d("95"),
                        d("105"),
                        d("1"),
                        d("1"),
                        1,
                        true))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("aligned");
    }
}
