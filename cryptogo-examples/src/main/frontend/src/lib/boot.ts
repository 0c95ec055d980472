/** Facts the server renders into every page as a JSON block #cg-boot, also published as window.CRYPTOGO (see Pages.java). */
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
  ...(window.CRYPTOGO ?? readBoot()),
};
window.CRYPTOGO = boot;

/** The server renders the facts as a JSON data block (not a script: the CSP allows no inline script). */
function readBoot(): Partial<Boot> {
  const el = document.getElementById("cg-boot");
  if (!el?.textContent) return {};
  try {
    return JSON.parse(el.textContent) as Partial<Boot>;
  } catch {
    return {};
  }
}
