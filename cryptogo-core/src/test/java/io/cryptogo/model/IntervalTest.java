package io.cryptogo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalTest {
    @Test
    void parsesTheSixWireCodes() {
        assertThat(Interval.parse("1m")).isEqualTo(Interval.M1);
        assertThat(Interval.parse("15m")).isEqualTo(Interval.M15);
        assertThat(Interval.parse("4h")).isEqualTo(Interval.H4);
        assertThat(Interval.parse("1d")).isEqualTo(Interval.D1);
        assertThat(Interval.parse("h1")).isEqualTo(Interval.H1);
    }

    @Test
    void rejectsUnknownIntervalNamingTheAcceptedValues() {
        assertThatThrownBy(() -> Interval.parse("2h"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("interval")
                .hasMessageContaining("1m, 5m, 15m, 1h, 4h, 1d")
                .extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("interval");
    }

    @Test
    void alignsTimestampsToUtcBuckets() {
        Instant t = Instant.parse("2024-12-01T05:37:12.345Z");
        assertThat(Interval.M1.align(t)).isEqualTo(Instant.parse("2024-12-01T05:37:00Z"));
        assertThat(Interval.M15.align(t)).isEqualTo(Instant.parse("2024-12-01T05:30:00Z"));
        assertThat(Interval.H4.align(t)).isEqualTo(Instant.parse("2024-12-01T04:00:00Z"));
        assertThat(Interval.D1.align(t)).isEqualTo(Instant.parse("2024-12-01T00:00:00Z"));
        assertThat(Interval.H1.isAligned(Instant.parse("2024-12-01T05:00:00Z"))).isTrue();
        assertThat(Interval.H1.isAligned(t)).isFalse();
    }

    @Test
    void alignsTimesBeforeTheEpochDownwards() {
        assertThat(Interval.H1.alignMillis(-1)).isEqualTo(-3_600_000L);
    }
}
