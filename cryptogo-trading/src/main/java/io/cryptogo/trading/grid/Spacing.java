package io.cryptogo.trading.grid;

/** How grid prices are spread between the lower and the upper price. */
public enum Spacing {
    /** Equal price gaps: {@code p_i = lower + i * (upper - lower) / grids}. */
    ARITHMETIC,
    /** Equal price ratios: {@code p_i = lower * (upper / lower)^(i / grids)}. */
    GEOMETRIC
}
