package io.cryptogo.backtest;

import io.cryptogo.error.InvalidRequestException;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.OrderRequest;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a {@link Strategy} wants after a closed bar: nothing, a market buy of a share of equity (optionally
 * with a stop loss and take profit), an exit of the whole position, explicit orders, or a {@link TradeSignal}
 * executed as automatic trading executes it. The engine sizes and sends it at the next bar's open (or at
 * this bar's close when the backtest is set to fill on close).
 */
public sealed interface Intent {

    /** Do nothing. */
    static Intent hold() {
        return Hold.INSTANCE;
    }

    /**
     * Buy with {@code fraction} of equity ({@code 0 < fraction <= 1}), capped by the free cash and {@code
     * MAX_POSITION_SIZE}.
     */
    static Intent buy(double fraction) {
        return new Buy(fraction, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** {@link #buy(double)} with a stop loss and a take profit (prices) watched by the engine. */
    static Intent buy(double fraction, double stopLoss, double takeProfit) {
        return new Buy(fraction, OptionalDouble.of(stopLoss), OptionalDouble.of(takeProfit));
    }

    /** Sell the whole position at market (spot: never opens a short). */
    static Intent exit() {
        return Exit.INSTANCE;
    }

    /** Send these orders (limit orders rest until the bar range crosses them). */
    static Intent orders(OrderRequest... orders) {
        return new Orders(List.of(orders));
    }

    /** Execute a signal as automatic trading does: a BUY sized by RISK_PER_TRADE with its stop, a SELL exits. */
    static Intent signal(TradeSignal signal) {
        return new Signal(signal);
    }

    /** The singleton "do nothing". */
    enum Hold implements Intent {
        INSTANCE;

        @Override
        public String toString() {
            return "HOLD";
        }
    }

    /** Sell everything. */
    enum Exit implements Intent {
        INSTANCE;

        @Override
        public String toString() {
            return "EXIT";
        }
    }

    /** A market buy of a share of equity. */
    record Buy(double fraction, OptionalDouble stopLoss, OptionalDouble takeProfit) implements Intent {
        public Buy {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidRequestException("fraction", "fraction of equity must be in (0, 1], got " + fraction);
            }
            Objects.requireNonNull(stopLoss, "stopLoss");
            Objects.requireNonNull(takeProfit, "takeProfit");
        }

        @Override
        public String toString() {
            return "BUY " + fraction + (stopLoss.isPresent() ? " sl=" + stopLoss.getAsDouble() : "")
                    + (takeProfit.isPresent() ? " tp=" + takeProfit.getAsDouble() : "");
        }
    }

    /** Explicit orders. */
    record Orders(List<OrderRequest> orders) implements Intent {
        public Orders {
            orders = List.copyOf(orders);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("ORDERS");
            for (OrderRequest r : orders) {
                b.append(' ')
                        .append(r.side())
                        .append(' ')
                        .append(r.type())
                        .append(' ')
                        .append(r.quantity().toPlainString());
                r.limitPrice().ifPresent(p -> b.append(" @").append(p.toPlainString()));
            }
            return b.toString();
        }
    }

    /** A trade signal. */
    record Signal(TradeSignal signal) implements Intent {
        public Signal {
            Objects.requireNonNull(signal, "signal");
        }

        @Override
        public String toString() {
            TradeSignal s = signal;
            return "SIGNAL " + s.action()
                    + s.stopLoss().map(v -> " sl=" + v.toPlainString()).orElse("")
                    + s.takeProfit().map(v -> " tp=" + v.toPlainString()).orElse("");
        }
    }
}
