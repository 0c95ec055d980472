package io.cryptogo.trading.grid;

import io.cryptogo.trading.Side;
import java.math.BigDecimal;
import java.util.Objects;

/** What a {@link GridBook} asks its runner to do on the venue. */
public sealed interface GridAction {
    /** Place a limit order for a level. */
    record Place(int level, Side side, BigDecimal quantity, BigDecimal price, String clientOrderId)
            implements GridAction {
        public Place {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(clientOrderId, "clientOrderId");
        }
    }

    /** Cancel a level's resting order (to free a slot for an order nearer the price, or on stop). */
    record Cancel(int level, String clientOrderId) implements GridAction {
        public Cancel {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
        }
    }

    /** Sell the base the grid holds at market (a stop with "sell all base"). */
    record SellAll(BigDecimal quantity, String clientOrderId) implements GridAction {
        public SellAll {
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(clientOrderId, "clientOrderId");
        }
    }
}
