/** Facts the server renders into every page as window.CRYPTOGO (see Pages.java). */
export interface Boot {
  version: string;
  /** "binance" or "simulated" */
  source: string;
  sourceReason: string;
  defaultSymbol: string;
  /** how often to poll REST while the WebSocket is down (POLL_INTERVAL) */
  pollIntervalMs: number;
  /** path of the current page */
  page: string;
}

declare global {
  interface Window {
    CRYPTOGO?: Boot;
  }
}

export const boot: Boot = {
  version: "dev",
  source: "simulated",
  sourceReason: "",
  defaultSymbol: "BTC/USDT",
  pollIntervalMs: 10_000,
  page: location.pathname,
  ...(window.CRYPTOGO ?? {}),
};
