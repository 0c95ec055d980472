package io.cryptogo.trading;

/** Buy or sell. Spot only: a SELL reduces a holding of the base asset. */
public enum Side {
    BUY,
    SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
