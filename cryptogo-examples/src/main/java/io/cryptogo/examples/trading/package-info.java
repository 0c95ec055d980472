/**
 * The sample app's trading module: REST endpoints for orders, account, positions and proposals behind a
 * bearer token, the dashboard and history pages, and fill markers on the chart.
 */
package io.cryptogo.examples.trading;
