/** The app's grid trading part: the grids REST API, the grids page, the dashboard card and the chart's level lines. */
package io.cryptogo.examples.grid;
