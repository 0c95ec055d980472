/**
 * The AI on the trading page: the latest decision (action, confidence, levels, reasoning, who decided, when),
 * markers on the candles where decisions were taken, and the latest decision's stop loss and take profit as
 * price lines. An "Analyze now" button asks for a decision on demand (POST /api/v1/ai/analyze).
 */
import "../styles/ai-panel.css";
import { createSeriesMarkers, type IPriceLine, type SeriesMarker, type Time, type UTCTimestamp } from "lightweight-charts";
import { ApiError, getJson, sendJson } from "../lib/api";
import { authHeader } from "../lib/token";
import { onTradingPage, type TradingSelection } from "../lib/page-api";
import { el, formatPrice } from "../lib/ui";

interface Decision {
  id: number;
  symbol: string;
  interval: string;
  candleTime: number;
  decidedAt: number;
  action: "BUY" | "SELL" | "HOLD";
  confidence: number;
  entry: number;
  stopLoss?: number | null;
  takeProfit?: number | null;
  reasoning: string;
  generator: string;
  source: string;
  marketSource?: string;
  abstained: boolean;
  error?: string | null;
  cached: boolean;
}

const INTERVAL_SECONDS: Record<string, number> = { "1m": 60, "5m": 300, "15m": 900, "1h": 3600, "4h": 14400, "1d": 86400 };

function sourceLabel(d: Decision): string {
  // the rules are never presented as a model
  return d.source === "rules" ? "rules (no LLM)" : d.generator.replace(/^llm:/, "LLM ");
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

onTradingPage((page) => {
  const box = page.panel("AI decision");
  const markers = createSeriesMarkers(page.candles, []);
  let lines: IPriceLine[] = [];
  let current: TradingSelection = page.selection();

  const clearLines = () => {
    for (const l of lines) page.candles.removePriceLine(l);
    lines = [];
  };

  const render = (latest: Decision | undefined, note?: string) => {
    const body: HTMLElement[] = [];
    if (!latest) {
      body.push(el("p", "cg-ai-empty", `No AI decision for ${current.symbol} yet.`));
    } else {
      const head = el("div", "cg-ai-head");
      const action = el("span", `cg-ai-action cg-ai-${latest.action.toLowerCase()}`, latest.abstained ? "HOLD (abstained)" : latest.action);
      head.append(action, el("span", "cg-ai-conf", `confidence ${(latest.confidence * 100).toFixed(0)}%`));
      body.push(head);
      const levels = el("dl", "cg-ai-levels");
      const row = (k: string, v: string) => levels.append(el("dt", "", k), el("dd", "", v));
      row("entry", formatPrice(latest.entry));
      if (latest.stopLoss != null) row("stop loss", formatPrice(latest.stopLoss));
      if (latest.takeProfit != null) row("take profit", formatPrice(latest.takeProfit));
      body.push(levels);
      body.push(el("p", "cg-ai-reason", latest.reasoning));
      if (latest.error) body.push(el("p", "cg-ai-error", latest.error));
      const meta = el("p", "cg-ai-meta", `${sourceLabel(latest)}${latest.cached ? " (cached)" : ""} · prices ${latest.marketSource ?? "unknown"} · candle ${when(latest.candleTime)} · #${latest.id}`);
      meta.dataset.source = latest.source;
      meta.dataset.marketSource = latest.marketSource ?? "unknown";
      body.push(meta);
    }
    const btn = el("button", "cg-ai-analyze", "Analyze now");
    btn.type = "button";
    btn.addEventListener("click", () => void analyze(btn));
    body.push(btn);
    if (note) body.push(el("p", "cg-ai-note", note));
    box.replaceChildren(...body);
  };

  const refresh = async (sel: TradingSelection, note?: string) => {
    current = sel;
    let list: Decision[];
    try {
      list = await getJson<Decision[]>(`/api/v1/ai/decisions?symbol=${encodeURIComponent(sel.symbol)}&limit=200`);
    } catch (e) {
      render(undefined, `AI decisions unavailable: ${e instanceof ApiError ? e.detail : String(e)}`);
      return;
    }
    if (sel !== current) return;
    const latest = list[0];
    render(latest, note);
    // markers at the chart candle that contains each decision's candle
    const step = INTERVAL_SECONDS[sel.interval] ?? 3600;
    // BUY/SELL only: a HOLD on every candle would bury the chart
    const ms: SeriesMarker<Time>[] = list
      .filter((d) => !d.abstained && d.action !== "HOLD")
      .map((d): SeriesMarker<Time> => {
        const buy = d.action === "BUY";
        return {
          time: (Math.floor(d.candleTime / 1000 / step) * step) as UTCTimestamp,
          position: buy ? "belowBar" : "aboveBar",
          color: buy ? "#26a69a" : "#ef5350",
          shape: buy ? "arrowUp" : "arrowDown",
          text: `${d.action} ${(d.confidence * 100).toFixed(0)}%`,
        };
      })
      .sort((a, b) => (a.time as number) - (b.time as number));
    markers.setMarkers(ms);
    clearLines();
    if (latest && latest.stopLoss != null && latest.takeProfit != null) {
      lines.push(page.candles.createPriceLine({ price: latest.stopLoss, color: "#ef5350", lineWidth: 1, lineStyle: 2, axisLabelVisible: true, title: "SL" }));
      lines.push(page.candles.createPriceLine({ price: latest.takeProfit, color: "#26a69a", lineWidth: 1, lineStyle: 2, axisLabelVisible: true, title: "TP" }));
    }
  };

  const analyze = async (btn: HTMLButtonElement) => {
    btn.disabled = true;
    btn.textContent = "Analyzing…";
    try {
      // the bearer token the dashboard keeps in this browser (CRYPTOGO_API_TOKEN), when there is one
      await sendJson<Decision>("POST", `/api/v1/ai/analyze?symbol=${encodeURIComponent(current.symbol)}`, undefined, authHeader());
      await refresh(current);
    } catch (e) {
      const detail = e instanceof ApiError ? (e.status === 401 ? `${e.detail} (enter the API token on the dashboard)` : e.detail) : String(e);
      await refresh(current, `Analyze failed: ${detail}`);
    }
  };

  page.onChange((sel) => void refresh(sel));
  void refresh(page.selection());
  // a new decision appears at most once per closed candle; a minute is often enough
  setInterval(() => void refresh(current), 60_000);
});
