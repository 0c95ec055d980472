package io.cryptogo.trading.venue.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The paper venue's average fill price skips the long division when the quotient is known: it must give
 * exactly what {@code cost.divide(filled, MathContext(20, HALF_EVEN))} gives, value and scale, for one fill,
 * several fills, a resumed order's cost and prices longer than the precision.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PaperAveragePriceTest {
    static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);

    @Test
    void theShortcutIsBitForBitTheDivision() {
        SplittableRandom rnd = new SplittableRandom(12);
        int shortcuts = 0;
        for (int k = 0; k < 50_000; k++) {
            BigDecimal price = BigDecimal.valueOf(rnd.nextLong(1, 9_000_000_000_000_000L), rnd.nextInt(-3, 25));
            if (rnd.nextBoolean()) {
                price = BigDecimal.valueOf(rnd.nextInt(1, 10_000_000) / 100.0); // as candles carry them
            }
            int qtyScale = rnd.nextInt(0, 13);
            BigDecimal qty = BigDecimal.valueOf(rnd.nextLong(1, 10_000_000_000L), qtyScale);
            BigDecimal cost;
            BigDecimal filled;
            switch (k % 4) {
                case 0 -> { // one fill, accumulated as the venue does
                    cost = BigDecimal.ZERO.add(qty.multiply(price));
                    filled = BigDecimal.ZERO.add(qty);
                }
                case 1 -> { // two fills at two prices, the last one given
                    BigDecimal second = BigDecimal.valueOf(rnd.nextLong(1, 5_000_000L), qtyScale);
                    cost = qty.multiply(price.add(BigDecimal.ONE)).add(second.multiply(price));
                    filled = qty.add(second);
                }
                case 2 -> { // a resumed order: the prior cost at another scale
                    cost = qty.multiply(price).setScale(qty.scale() + price.scale() + 2);
                    filled = qty;
                }
                default -> { // a price with more digits than the precision
                    price = price.multiply(new BigDecimal("1.0000000000000000000001"));
                    cost = qty.multiply(price);
                    filled = qty;
                }
            }
            BigDecimal expected = cost.divide(filled, MC);
            BigDecimal actual = PaperVenue.average(cost, filled, price);
            if (actual == price) {
                shortcuts++;
            }
            assertThat(actual.unscaledValue()).as("%s / %s", cost, filled).isEqualTo(expected.unscaledValue());
            assertThat(actual.scale()).as("%s / %s", cost, filled).isEqualTo(expected.scale());
        }
        assertThat(shortcuts).as("the one-fill case takes the shortcut").isGreaterThan(10_000);
    }
}
