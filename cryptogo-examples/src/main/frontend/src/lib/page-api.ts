/**
 * How other bundles extend the chart page (/trading) without touching its code. The page announces itself
 * on window once its chart exists, and again whenever the symbol or interval changes:
 *
 *   import { onTradingPage } from "../lib/page-api";
 *   onTradingPage((page) => {
 *     page.panel("AI decision").append(myElement);                  // a side panel of its own
 *     createSeriesMarkers(page.candles, [...]);                      // markers on the candles
 *     page.onChange(({ symbol, interval }) => reload(symbol, interval));
 *   });
 *
 * Register the bundle on the page from Java: app.pageScript("/trading", "<bundle>").
 */
import type { CandlestickData, HistogramData, IChartApi, ISeriesApi, UTCTimestamp } from "lightweight-charts";

export interface TradingSelection {
  symbol: string;
  interval: string;
}

export interface TradingPage {
  chart: IChartApi;
  candles: ISeriesApi<"Candlestick">;
  volume: ISeriesApi<"Histogram">;
  /** the current choice */
  selection(): TradingSelection;
  /** called after every symbol/interval change, once the new candles are on the chart */
  onChange(cb: (s: TradingSelection) => void): void;
  /** a titled panel in the side column (created on first call, returned afterwards) */
  panel(title: string): HTMLElement;
  /** the candles on the chart (oldest first) */
  data(): CandlestickData<UTCTimestamp>[];
}

export type { CandlestickData, HistogramData, UTCTimestamp };

const READY = "cryptogo:trading-ready";

declare global {
  interface Window {
    cryptogoTrading?: TradingPage;
  }
}

/** Runs cb with the trading page, now if it is ready, else when it becomes ready. */
export function onTradingPage(cb: (page: TradingPage) => void): void {
  if (window.cryptogoTrading) {
    cb(window.cryptogoTrading);
  } else {
    window.addEventListener(READY, () => cb(window.cryptogoTrading!), { once: true });
  }
}

/** Called by the trading page itself. */
export function announceTradingPage(page: TradingPage): void {
  window.cryptogoTrading = page;
  window.dispatchEvent(new CustomEvent(READY));
}
