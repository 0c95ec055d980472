/**
 * /trading: the live candlestick chart. URL ?symbol=BTC-USDT&interval=1h keeps the choice across reloads.
 * Other bundles extend it through lib/page-api.ts.
 */
import "../styles/trading.css";
import { ApiError, Unreachable, market, type Kline, type SymbolInfo } from "../lib/api";
import { boot } from "../lib/boot";
import { LiveFeed, type LiveStatus } from "../lib/live";
import { announceTradingPage, type TradingSelection } from "../lib/page-api";
import { alertBar, el } from "../lib/ui";
import { CandleChart } from "../trading/chart";
import { PriceHeader } from "../trading/header";

const INTERVALS = ["1m", "5m", "15m", "1h", "4h", "1d"];
const BARS = 500;
const STATS_EVERY_MS = 30_000;

/** What the browser test (and a curious developer) can read: window.__cryptogo */
interface PageState {
  symbol: string;
  interval: string;
  bars: number;
  lastOpenTime: number;
  loads: number;
  liveUpdates: number;
  status: LiveStatus | "loading" | "error";
}

declare global {
  interface Window {
    __cryptogo?: PageState;
  }
}

const app = document.getElementById("app")!;
const root = el("div", "cg-trading");
const toolbar = el("div", "cg-toolbar");
const symbolSelect = el("select", "cg-symbol-select");
symbolSelect.id = "cg-symbol";
symbolSelect.setAttribute("aria-label", "Symbol");
const intervals = el("div", "cg-intervals");
intervals.setAttribute("role", "group");
intervals.setAttribute("aria-label", "Interval");
const liveBadge = el("span", "cg-live", "connecting…");
liveBadge.id = "cg-live-status";
toolbar.append(symbolSelect, intervals, liveBadge);

const symbolLabel = el("span", "cg-symbol", "");
const header = new PriceHeader(symbolLabel);
const body = el("div", "cg-body");
const chartBox = el("div", "cg-chart");
chartBox.id = "cg-chart";
const chartMessage = el("div", "cg-chart-message");
chartMessage.hidden = true;
const side = el("aside", "cg-side");
side.id = "cg-side";
side.hidden = true;
body.append(chartBox, side);
chartBox.append(chartMessage);
root.append(toolbar, header.root, body);
app.append(root);

const chart = new CandleChart(chartBox);
const state: PageState = { symbol: "", interval: "", bars: 0, lastOpenTime: 0, loads: 0, liveUpdates: 0, status: "loading" };
window.__cryptogo = state;

let symbols: SymbolInfo[] = [];
let selection: TradingSelection = readUrl();
let loadSeq = 0;
const changeListeners: ((s: TradingSelection) => void)[] = [];

for (const iv of INTERVALS) {
  const b = el("button", "cg-interval", iv);
  b.type = "button";
  b.dataset.interval = iv;
  b.addEventListener("click", () => select(selection.symbol, iv));
  intervals.append(b);
}
symbolSelect.addEventListener("change", () => select(symbolSelect.value, selection.interval));

const live = new LiveFeed(
  {
    candle: (k) => onLiveCandle(k),
    price: (p) => header.setPrice(p),
    status: (s, detail) => showLiveStatus(s, detail),
  },
  boot.pollIntervalMs,
);

function readUrl(): TradingSelection {
  const q = new URLSearchParams(location.search);
  const symbol = normalize(q.get("symbol") ?? boot.defaultSymbol);
  const iv = q.get("interval") ?? "1h";
  return { symbol, interval: INTERVALS.includes(iv) ? iv : "1h" };
}

/** BTC-USDT, btc/usdt -> BTC/USDT; BTCUSDT is resolved against the symbol list once it is loaded. */
function normalize(s: string): string {
  const t = s.trim().toUpperCase().replace(/[-_]/, "/");
  if (t.includes("/") || symbols.length === 0) return t;
  return symbols.find((i) => i.base + i.quote === t)?.symbol ?? t;
}

function writeUrl(): void {
  const q = new URLSearchParams(location.search);
  q.set("symbol", selection.symbol.replace("/", "-"));
  q.set("interval", selection.interval);
  history.replaceState(null, "", `${location.pathname}?${q}`);
}

function select(symbol: string, interval: string): void {
  if (symbol === selection.symbol && interval === selection.interval && state.loads > 0) return;
  selection = { symbol, interval };
  writeUrl();
  void load();
}

function precisionOf(info: SymbolInfo | undefined): number {
  if (!info || !(info.tickSize > 0)) return 2;
  return Math.min(8, Math.max(0, Math.round(-Math.log10(info.tickSize))));
}

async function loadSymbols(): Promise<void> {
  symbols = await market.symbols();
  symbolSelect.replaceChildren(
    ...symbols.map((s) => {
      const o = el("option", "", s.symbol);
      o.value = s.symbol;
      return o;
    }),
  );
  selection = { ...selection, symbol: normalize(selection.symbol) };
}

async function load(): Promise<void> {
  const seq = ++loadSeq;
  const { symbol, interval } = selection;
  state.status = "loading";
  symbolSelect.value = symbol;
  symbolLabel.textContent = symbol;
  document.title = `${symbol} ${interval} · CryptoGo`;
  for (const b of intervals.querySelectorAll<HTMLButtonElement>("button")) {
    b.setAttribute("aria-pressed", String(b.dataset.interval === interval));
  }
  try {
    const info = symbols.find((s) => s.symbol === symbol);
    const klines = await market.klines(symbol, interval, BARS);
    if (seq !== loadSeq) return; // a newer choice won
    chart.load(klines, precisionOf(info));
    header.reset();
    const last = klines[klines.length - 1];
    if (last) header.setPrice(last.close);
    Object.assign(state, { symbol, interval, bars: klines.length, lastOpenTime: last?.openTime ?? 0, loads: state.loads + 1 });
    chartMessage.hidden = true;
    alertBar(null);
    live.follow(symbol, interval);
    void refreshStats();
    changeListeners.forEach((cb) => cb({ symbol, interval }));
  } catch (e) {
    if (seq !== loadSeq) return;
    state.status = "error";
    showFailure(e);
    window.setTimeout(() => seq === loadSeq && void load(), boot.pollIntervalMs);
  }
}

async function refreshStats(): Promise<void> {
  const symbol = selection.symbol;
  try {
    const s = await market.stats(symbol);
    if (symbol === selection.symbol) {
      header.setStats(s, symbols.find((i) => i.symbol === symbol)?.base ?? "");
    }
  } catch {
    // the header keeps its last figures; the chart's alert covers a dead API
  }
}

function onLiveCandle(k: Kline): void {
  if (chart.update(k)) {
    state.liveUpdates++;
    state.bars = chart.data().length;
    state.lastOpenTime = Math.max(state.lastOpenTime, k.openTime);
    header.setPrice(k.close);
  }
}

function showLiveStatus(s: LiveStatus, detail?: string): void {
  state.status = s;
  liveBadge.dataset.status = s;
  liveBadge.textContent = { connecting: "connecting…", live: "● live", polling: "polling", offline: "offline" }[s];
  liveBadge.title = detail ?? "";
  if (s === "offline") {
    alertBar(`The CryptoGo API is unreachable (${detail ?? "no answer"}). Retrying every ${Math.round(boot.pollIntervalMs / 1000)} s…`, "error");
  } else if (s === "polling") {
    alertBar(`Live updates are down; refreshing every ${Math.round(boot.pollIntervalMs / 1000)} s while reconnecting.`, "warn");
  } else if (s === "live") {
    alertBar(detail ? `Live stream: ${detail}` : null, "warn");
  }
}

function showFailure(e: unknown): void {
  const msg =
    e instanceof ApiError
      ? `The API refused the request: ${e.detail}`
      : `The CryptoGo API is unreachable (${e instanceof Unreachable ? e.reason : String(e)}). Is the app running?`;
  chartMessage.textContent = `${msg} Retrying every ${Math.round(boot.pollIntervalMs / 1000)} s…`;
  chartMessage.hidden = false;
  alertBar(msg);
}

function panel(title: string): HTMLElement {
  const existing = side.querySelector<HTMLElement>(`section[data-title="${CSS.escape(title)}"]`);
  if (existing) return existing.querySelector<HTMLElement>(".cg-panel-body")!;
  const sec = el("section", "cg-panel");
  sec.dataset.title = title;
  const bodyEl = el("div", "cg-panel-body");
  sec.append(el("h2", "cg-panel-title", title), bodyEl);
  side.append(sec);
  side.hidden = false;
  return bodyEl;
}

async function start(): Promise<void> {
  writeUrl();
  try {
    await loadSymbols();
  } catch (e) {
    showFailure(e);
    window.setTimeout(() => void start(), boot.pollIntervalMs);
    return;
  }
  writeUrl();
  await load();
  window.setInterval(() => void refreshStats(), STATS_EVERY_MS);
}

announceTradingPage({
  chart: chart.chart,
  candles: chart.candles,
  volume: chart.volume,
  selection: () => ({ ...selection }),
  onChange: (cb) => changeListeners.push(cb),
  panel,
  data: () => chart.data(),
});
void start();
