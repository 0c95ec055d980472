package io.cryptogo.indicators.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DerivativesInfoTest {
    @Test
    void theWindowIsPointsTimesPeriod() {
        DerivativesInfo d = DerivativesInfo.of(10, 9, Duration.ofMinutes(5), 30, 1e-4, Duration.ofHours(8));
        assertThat(d.openInterest().orElseThrow().window()).isEqualTo(Duration.ofMinutes(150));
        assertThat(d.funding().orElseThrow().interval()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void neitherPartIsNotADerivativesInfo() {
        assertThatThrownBy(() -> new DerivativesInfo(Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Optional.empty()");
    }

    @Test
    void invalidNumbersAreRejected() {
        assertThatThrownBy(() -> DerivativesInfo.of(-1, 9, Duration.ofMinutes(5), 30, 1e-4, Duration.ofHours(8)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("open interest");
        assertThatThrownBy(() -> DerivativesInfo.of(1, 9, Duration.ofMinutes(5), 30, Double.NaN, Duration.ofHours(8)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("funding rate");
        assertThatThrownBy(() -> DerivativesInfo.of(1, 9, Duration.ofMinutes(5), 30, 1e-4, Duration.ZERO))
                .isInstanceOf(InvalidRequestException.class);
        // no history points: the mean must be NaN, and is shown as unavailable
        var noHistory =
                new DerivativesInfo.OpenInterestStats(5, Double.NaN, Duration.ofMinutes(5), 0, Optional.empty());
        assertThat(noHistory.points()).isZero();
        assertThatThrownBy(
                        () -> new DerivativesInfo.OpenInterestStats(5, 4, Duration.ofMinutes(5), 0, Optional.empty()))
                .isInstanceOf(InvalidRequestException.class);
    }
}
