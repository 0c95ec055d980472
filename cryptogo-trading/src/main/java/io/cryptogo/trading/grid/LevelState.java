package io.cryptogo.trading.grid;

/**
 * Where one grid level stands. The cycle is {@code NOT_ACTIVE -> BUY_PLACED -> BUY_FILLED -> SELL_PLACED
 * -> COMPLETE}, then back to {@code BUY_PLACED}; {@code PAUSED} holds a level whose order the risk manager
 * or the venue rejected (the reason is on the level).
 */
public enum LevelState {
    /** No order: waiting for the price to come below the level's buy price, or for a free order slot. */
    NOT_ACTIVE,
    /** A limit buy rests at the level's buy price. */
    BUY_PLACED,
    /** The buy filled; the sell one step above waits for an order slot. */
    BUY_FILLED,
    /** A limit sell rests one step above the buy. */
    SELL_PLACED,
    /** The pair completed (buy and sell filled); the level buys again next. */
    COMPLETE,
    /** An order of this level was rejected; the level places nothing until resumed. */
    PAUSED
}
