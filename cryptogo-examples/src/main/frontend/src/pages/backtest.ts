// The backtest page: a form that starts a backtest job, the list of jobs with their progress, and one
// result: equity curve and drawdown, the run's candles with the trades as entry/exit markers, the metrics.
import "../styles/dashboard.css";
import {
  AreaSeries,
  CandlestickSeries,
  ColorType,
  LineSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { ApiError } from "../lib/api";
import { backtests, type BacktestJob, type BacktestResultView } from "../lib/backtest-api";
import { boot } from "../lib/boot";
import { setToken, token } from "../lib/token";
import { alertBar, el } from "../lib/ui";

const app = document.getElementById("app")!;
app.classList.add("dash");

function card(id: string, title: string): HTMLElement {
  const s = el("section", "card");
  s.id = id;
  s.append(el("h2", "", title));
  const body = el("div", "card-body");
  s.append(body);
  app.append(s);
  return body;
}

const formBox = card("bt-form", "New backtest");
const listBox = card("bt-list", "Backtests");
const resultBox = card("bt-result", "Result");
let selected: string | null = null;
let shown: string | null | undefined = undefined; // the job:status drawn (undefined: nothing drawn yet)
let charts: IChartApi[] = [];

function field(name: string, label: string, value = "", type = "text"): HTMLInputElement {
  const input = el("input");
  input.name = name;
  input.id = `bt-${name}`;
  input.type = type;
  input.placeholder = label;
  input.title = label;
  input.value = value;
  return input;
}

function select(name: string, values: string[], value: string): HTMLSelectElement {
  const s = el("select");
  s.name = name;
  s.id = `bt-${name}`;
  for (const v of values) {
    const o = el("option", "", v);
    o.value = v;
    s.append(o);
  }
  s.value = value;
  return s;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function renderForm(): void {
  const f = el("form");
  f.id = "bt-create";
  const now = new Date();
  const strategy = select("strategy", ["ema-cross", "rsi-reversion", "bollinger-breakout", "buy-and-hold"], "ema-cross");
  const interval = select("interval", ["1m", "5m", "15m", "30m", "1h", "4h", "1d"], "1h");
  const inputs = [
    field("symbol", "symbol", boot.defaultSymbol),
    field("from", "from (YYYY-MM-DD)", iso(new Date(now.getTime() - 60 * 86_400_000))),
    field("to", "to (YYYY-MM-DD)", iso(now)),
    field("fees", "fee rate (0.001 = 0.1%)", "0.001"),
    field("slippageBps", "slippage (bps)", "5"),
    field("cash", "initial cash, e.g. 10000 USDT", "10000 USDT"),
  ];
  const tokenInput = field("token", "API token (CRYPTOGO_API_TOKEN)", "", "password");
  const submit = el("button", "approve", "Run backtest");
  submit.type = "submit";
  submit.id = "bt-submit";
  f.append(strategy, interval, ...inputs);
  if (!token()) f.append(tokenInput);
  f.append(submit);
  f.onsubmit = async (e) => {
    e.preventDefault();
    if (tokenInput.value.trim()) setToken(tokenInput.value.trim());
    const body: Record<string, unknown> = { strategy: strategy.value, interval: interval.value };
    for (const i of inputs) {
      const v = i.value.trim();
      if (!v) continue;
      body[i.name] = i.name === "fees" || i.name === "slippageBps" ? Number(v) : v;
    }
    try {
      const j = await backtests.start(body);
      selected = j.id;
      alertBar(`backtest ${j.id} started`, "info");
      await refresh();
    } catch (err) {
      alertBar(err instanceof ApiError ? `${err.field ?? err.error}: ${err.detail}` : String(err));
    }
  };
  formBox.replaceChildren(
    el("p", "muted", token() ? "Runs on the app's market data; jobs are kept while the app runs." : "Starting a backtest needs the app's token."),
    f,
  );
}

function table(headers: string[], rows: (string | Node)[][]): HTMLTableElement {
  const t = el("table");
  const head = el("tr");
  headers.forEach((h) => head.append(el("th", "", h)));
  t.append(head);
  for (const r of rows) {
    const tr = el("tr");
    r.forEach((c) => {
      const td = el("td");
      td.append(c);
      tr.append(td);
    });
    t.append(tr);
  }
  return t;
}

function renderList(list: BacktestJob[]): void {
  if (list.length === 0) {
    listBox.replaceChildren(el("p", "muted", "No backtest yet."));
    return;
  }
  const rows = list.map((j) => {
    const actions = el("span");
    const show = el("button", "", "Show");
    show.onclick = () => {
      selected = j.id;
      void refresh();
    };
    actions.append(show);
    if (j.status === "running") {
      const cancel = el("button", "reject bt-cancel", "Cancel");
      cancel.onclick = async () => {
        try {
          await backtests.cancel(j.id);
          await refresh();
        } catch (err) {
          alertBar(err instanceof ApiError ? err.detail : String(err));
        }
      };
      actions.append(cancel);
    }
    const bar = el("progress");
    bar.max = 1;
    bar.value = j.progress;
    return [j.id, j.status + (j.error ? ` (${j.error})` : ""), bar, `${Math.round(j.progress * 100)}%`, actions];
  });
  const t = table(["id", "status", "progress", "", ""], rows);
  t.id = "bt-table";
  listBox.replaceChildren(t);
}

const sec = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

function chartIn(box: HTMLElement): IChartApi {
  const c = createChart(box, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: "#131722" }, textColor: "#d1d4dc" },
    grid: { vertLines: { color: "#1f2430" }, horzLines: { color: "#1f2430" } },
    timeScale: { timeVisible: true, secondsVisible: false },
  });
  charts.push(c);
  return c;
}

function chartBox(id: string, title: string, height: number): HTMLElement {
  const box = el("div", "bt-chart");
  box.id = id;
  box.style.height = `${height}px`;
  box.style.position = "relative";
  resultBox.append(el("h3", "", title), box);
  return box;
}

function fmt(k: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return "–";
  if (["totalReturn", "cagr", "volatility", "maxDrawdown", "winRate", "exposure", "benchmarkReturn"].includes(k)) {
    return `${(v * 100).toFixed(2)}%`;
  }
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

function renderResult(job: BacktestJob | null): void {
  const r: BacktestResultView | undefined = job?.result;
  const key = job ? `${job.id}:${job.status}` : null;
  if (key === shown) return; // a done result does not change: keep the charts (and the zoom)
  shown = key;
  for (const c of charts) c.remove();
  charts = [];
  delete document.body.dataset.btEquityPoints;
  delete document.body.dataset.btMarkers;
  if (!job || !r) {
    resultBox.replaceChildren(
      el("p", "muted", job ? `backtest ${job.id}: ${job.status}${job.error ? ` (${job.error})` : ""}` : "Choose a finished backtest to see its result."),
    );
    return;
  }
  resultBox.replaceChildren(el("p", "muted", `backtest ${job.id}: ${r.strategy} on ${r.symbol} ${r.interval}, ${r.trades.length} trades`));

  // equity and drawdown (from the running peak of the equity)
  const equity = r.equity.map(([t, v]) => ({ time: sec(t), value: v }));
  let peak = -Infinity;
  const drawdown = r.equity.map(([t, v]) => {
    peak = Math.max(peak, v);
    return { time: sec(t), value: peak > 0 ? (v / peak - 1) * 100 : 0 };
  });
  const eqChart = chartIn(chartBox("bt-equity", "Equity", 260));
  eqChart.addSeries(LineSeries, { color: "#2962ff", lineWidth: 2, title: "equity" }).setData(equity);
  const ddChart = chartIn(chartBox("bt-drawdown", "Drawdown (%)", 160));
  ddChart
    .addSeries(AreaSeries, { lineColor: "#ef5350", topColor: "rgba(239,83,80,0.05)", bottomColor: "rgba(239,83,80,0.4)", title: "drawdown %" })
    .setData(drawdown);

  // candles with the trades
  const cChart = chartIn(chartBox("bt-candles", "Candles and trades", 360));
  const candles = cChart.addSeries(CandlestickSeries, {
    upColor: "#26a69a", downColor: "#ef5350", borderVisible: false, wickUpColor: "#26a69a", wickDownColor: "#ef5350",
  });
  const bars = r.candles.map(([t, o, h, l, c]) => ({ time: sec(t), open: o, high: h, low: l, close: c }));
  candles.setData(bars);
  const barAt = (ms: number): UTCTimestamp => {
    // the (possibly merged) candle that contains the time
    const t = sec(ms);
    let at = bars.length ? bars[0].time : t;
    for (const b of bars) {
      if (b.time <= t) at = b.time;
      else break;
    }
    return at;
  };
  const marks: SeriesMarker<Time>[] = [];
  for (const tr of r.trades) {
    marks.push({ time: barAt(tr.entryTime), position: "belowBar", color: "#26a69a", shape: "arrowUp", text: "in" });
    marks.push({
      time: barAt(tr.exitTime), position: "aboveBar", color: tr.pnl >= 0 ? "#26a69a" : "#ef5350", shape: "arrowDown",
      text: `${tr.pnl >= 0 ? "+" : ""}${tr.pnl.toFixed(0)}`,
    });
  }
  marks.sort((a, b) => (a.time as number) - (b.time as number));
  createSeriesMarkers(candles, marks);
  for (const c of charts) c.timeScale().fitContent();

  // metrics
  const metrics = table(["metric", "value"], Object.entries(r.metrics).map(([k, v]) => [k, fmt(k, v)]));
  metrics.id = "bt-metrics";
  resultBox.append(el("h3", "", "Metrics"), metrics, el("pre", "muted", r.summary));

  document.body.dataset.btEquityPoints = String(equity.length);
  document.body.dataset.btCandles = String(bars.length);
  document.body.dataset.btMarkers = String(marks.length);
  document.body.dataset.btTrades = String(r.trades.length);
}

async function refresh(): Promise<void> {
  try {
    const list = await backtests.list();
    renderList(list);
    const id = selected ?? list.find((j) => j.status === "done")?.id ?? list[0]?.id;
    renderResult(id ? await backtests.show(id) : null);
  } catch (err) {
    alertBar(err instanceof ApiError ? `${err.error}: ${err.detail}` : String(err));
  }
}

renderForm();
void refresh();
setInterval(() => void refresh(), 1_000);
