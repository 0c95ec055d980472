/** The JDBC adapter of {@link io.cryptogo.trading.grid.GridStore}: grids in the {@code grids} table. */
package io.cryptogo.trading.grid.jdbc;
