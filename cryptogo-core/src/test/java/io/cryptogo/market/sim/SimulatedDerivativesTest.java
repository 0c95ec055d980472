package io.cryptogo.market.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.market.DerivativesData;
import io.cryptogo.model.FundingRate;
import io.cryptogo.model.OpenInterest;
import io.cryptogo.model.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedDerivativesTest {
    static final Symbol BTC = Symbol.parse("BTC/USDT");
    static final Instant NOW = Instant.parse("2025-06-11T13:37:42.250Z");

    static DerivativesData derivatives(MutableClock clock, long seed) {
        return SimulatedMarket.builder()
                .seed(seed)
                .clock(clock)
                .build()
                .derivatives()
                .orElseThrow();
    }

    @Test
    void bitcoinOpenInterestIsTensOfThousandsOfBitcoinAndMovesSlowly() {
        DerivativesData d = derivatives(new MutableClock(NOW), 7);
        OpenInterest now = d.openInterest(BTC);
        assertThat(now.symbol()).isEqualTo(BTC);
        assertThat(now.time()).isEqualTo(NOW);
        assertThat(now.amount().doubleValue()).isBetween(20_000.0, 200_000.0);
        List<OpenInterest> fiveMinutes = d.openInterestHistory(BTC, Duration.ofMinutes(5), 500);
        assertThat(fiveMinutes).hasSize(500);
        assertThat(fiveMinutes.get(499).time()).isEqualTo(Instant.parse("2025-06-11T13:35:00Z"));
        for (int i = 1; i < fiveMinutes.size(); i++) {
            OpenInterest a = fiveMinutes.get(i - 1);
            OpenInterest b = fiveMinutes.get(i);
            assertThat(Duration.between(a.time(), b.time())).isEqualTo(Duration.ofMinutes(5));
            assertThat(Math.abs(b.amount().doubleValue() / a.amount().doubleValue() - 1))
                    .isLessThan(0.02);
        }
        List<OpenInterest> daily = d.openInterestHistory(BTC, Duration.ofDays(1), 365);
        double min =
                daily.stream().mapToDouble(o -> o.amount().doubleValue()).min().orElseThrow();
        double max =
                daily.stream().mapToDouble(o -> o.amount().doubleValue()).max().orElseThrow();
        assertThat(max / min).as("it moves, within reason").isBetween(1.1, 4.0);
        assertThat(min).isGreaterThan(10_000);
    }

    @Test
    void openInterestIsDeterministicPerSeed() {
        MutableClock clock = new MutableClock(NOW);
        assertThat(derivatives(clock, 7).openInterestHistory(BTC, Duration.ofHours(1), 48))
                .isEqualTo(derivatives(clock, 7).openInterestHistory(BTC, Duration.ofHours(1), 48))
                .isNotEqualTo(derivatives(clock, 8).openInterestHistory(BTC, Duration.ofHours(1), 48));
    }

    @Test
    void fundingIsSettledEveryEightHoursAroundOneBasisPointAndSometimesNegative() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        DerivativesData d = derivatives(clock, 7);
        int negative = 0;
        double sum = 0;
        int n = 180;
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofHours(8));
            FundingRate f = d.fundingRate(BTC);
            assertThat(f.interval()).isEqualTo(Duration.ofHours(8));
            assertThat(f.time()).isEqualTo(clock.instant());
            assertThat(f.nextFundingTime()).isAfter(clock.instant());
            assertThat(Duration.between(clock.instant(), f.nextFundingTime())).isLessThanOrEqualTo(Duration.ofHours(8));
            assertThat(f.nextFundingTime().toEpochMilli() % Duration.ofHours(8).toMillis())
                    .isZero();
            assertThat(f.rate().scale()).isEqualTo(8);
            assertThat(f.rate().abs().doubleValue()).isLessThanOrEqualTo(0.003);
            sum += f.rate().doubleValue();
            if (f.rate().signum() < 0) {
                negative++;
            }
        }
        assertThat(sum / n).isBetween(1e-5, 1e-4);
        assertThat(negative).isBetween(3, n / 3);
    }

    @Test
    void theMarkPriceIsTheLastPriceAndTheRateHoldsWithinAPeriod() {
        MutableClock clock = new MutableClock(NOW);
        SimulatedMarket m = SimulatedMarket.builder().clock(clock).build();
        DerivativesData d = m.derivatives().orElseThrow();
        FundingRate f = d.fundingRate(BTC);
        assertThat(f.markPrice()).isEqualTo(m.ticker(BTC).price());
        assertThat(f.nextFundingTime()).isEqualTo(Instant.parse("2025-06-11T16:00:00Z"));
        clock.advance(Duration.ofHours(2));
        assertThat(d.fundingRate(BTC).rate()).isEqualTo(f.rate());
    }

    @Test
    void everySimulatedSymbolHasDerivatives() {
        SimulatedMarket m =
                SimulatedMarket.builder().clock(new MutableClock(NOW)).build();
        DerivativesData d = m.derivatives().orElseThrow();
        m.symbols().forEach(s -> {
            assertThat(d.openInterest(s.symbol()).amount()).isPositive();
            assertThat(d.fundingRate(s.symbol()).markPrice()).isPositive();
        });
    }

    @Test
    void badRequestsAreRejectedNamingTheField() {
        DerivativesData d = derivatives(new MutableClock(NOW), 7);
        assertThatThrownBy(() -> d.openInterestHistory(BTC, Duration.ofMinutes(7), 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d")
                .extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("period");
        assertThatThrownBy(() -> d.openInterestHistory(BTC, Duration.ofHours(1), 501))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("limit");
        assertThatThrownBy(() -> d.openInterestHistory(BTC, Duration.ofHours(1), 0))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> d.openInterest(Symbol.parse("XRP/USDT")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("XRP/USDT");
        assertThatThrownBy(() -> d.fundingRate(Symbol.parse("XRP/USDT"))).isInstanceOf(InvalidRequestException.class);
    }
}
