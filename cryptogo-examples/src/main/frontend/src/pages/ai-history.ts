/**
 * The AI decisions table on /history: time, symbol, interval, action, confidence, levels, generator, market source, abstained
 * and validation, filtered by symbol (follows the page's symbol filter) and a UTC time range on the candle time.
 * A click on a row expands it to the decision's prompt and raw response (GET /api/v1/ai/decisions/{id}).
 */
import "../styles/ai-panel.css";
import { ApiError } from "../lib/api";
import { actionLabel, ai, sourceLabel, type AiDecision } from "../lib/ai-api";
import { alertBar, el, formatPrice } from "../lib/ui";

const app = document.getElementById("app")!;
const section = el("section", "card cg-ai-history");
section.id = "ai-decisions";
const symbol = el("input");
symbol.id = "ai-symbol-filter";
symbol.placeholder = "symbol, e.g. BTC/USDT";
const from = el("input");
from.id = "ai-from";
from.type = "datetime-local";
from.title = "from (UTC, candle time)";
const to = el("input");
to.id = "ai-to";
to.type = "datetime-local";
to.title = "to (UTC, candle time)";
const title = el("h2", "", "AI decisions");
const controls = el("div", "cg-ai-filters");
controls.append(symbol, el("span", "muted", " from "), from, el("span", "muted", " to "), to, el("span", "muted", " (UTC)"));
const tableBox = el("div");
section.append(title, controls, tableBox);
app.append(section);

function utc(input: HTMLInputElement): number | undefined {
  return input.value ? Date.parse(input.value + "Z") : undefined;
}

function when(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

function price(v: number | null | undefined): string {
  return v == null ? "–" : formatPrice(v);
}

async function expand(d: AiDecision, tr: HTMLTableRowElement, cols: number): Promise<void> {
  const open = tr.nextElementSibling as HTMLElement | null;
  if (open?.classList.contains("cg-ai-detail")) {
    open.remove();
    tr.classList.remove("open");
    return;
  }
  const row = el("tr", "cg-ai-detail");
  row.dataset.id = String(d.id);
  const td = el("td");
  td.colSpan = cols;
  row.append(td);
  tr.after(row);
  tr.classList.add("open");
  td.append(el("p", "muted", "Loading…"));
  try {
    const full = await ai.decision(d.id);
    const block = (label: string, text: string | null | undefined, cls: string) => {
      const b = el("div", cls);
      b.append(el("h3", "", label), el("pre", "", text ?? "(none)"));
      return b;
    };
    const link = el("a", "", `JSON of #${full.id}`);
    link.href = `/api/v1/ai/decisions/${full.id}`;
    link.target = "_blank";
    td.replaceChildren(
      el("p", "cg-ai-reason", full.reasoning),
      el("p", "muted", `${sourceLabel(full)} · template ${full.templateVersion} · retries ${full.retries} · tokens ${full.tokensIn}/${full.tokensOut}`
        + ` · latency ${full.latencyMs} ms${full.costUsd != null ? ` · cost $${full.costUsd}` : ""}${full.cached ? " · cached" : ""} · decided ${when(full.decidedAt)} UTC`),
      ...(full.error ? [el("p", "cg-ai-error", full.error)] : []),
      block("Prompt", full.prompt ?? (full.source === "rules" ? "(rules: no prompt)" : null), "cg-ai-prompt"),
      block("Raw response", full.rawResponse ?? (full.source === "rules" ? "(rules: no model response)" : null), "cg-ai-raw"),
      link,
    );
  } catch (e) {
    td.replaceChildren(el("p", "cg-ai-error", `Detail unavailable: ${e instanceof ApiError ? e.detail : String(e)}`));
  }
}

const HEADERS = ["Candle (UTC)", "Symbol", "Interval", "Action", "Confidence", "Entry", "Stop", "Target", "Generator", "Market", "Abstained", "Validation"];

async function refresh(): Promise<void> {
  try {
    const list = await ai.decisions({ symbol: symbol.value.trim().toUpperCase() || undefined, from: utc(from), to: utc(to), limit: 200 });
    title.textContent = `AI decisions (${list.length})`;
    if (list.length === 0) {
      tableBox.replaceChildren(el("p", "muted cg-ai-empty", "No AI decisions match."));
      return;
    }
    const t = el("table");
    const head = el("tr");
    HEADERS.forEach((h) => head.append(el("th", "", h)));
    t.append(head);
    for (const d of list) {
      const tr = el("tr", "cg-ai-row");
      tr.dataset.id = String(d.id);
      tr.title = "show the prompt and raw response";
      [when(d.candleTime), d.symbol, d.interval, actionLabel(d), `${(d.confidence * 100).toFixed(0)}%`, price(d.entry), price(d.stopLoss),
        price(d.takeProfit), d.source === "rules" ? "rules (no LLM)" : d.generator, d.marketSource ?? "unknown", d.abstained ? "yes" : "no", d.validation]
        .forEach((c) => tr.append(el("td", "", c)));
      tr.onclick = () => void expand(d, tr, HEADERS.length);
      t.append(tr);
    }
    tableBox.replaceChildren(t);
  } catch (e) {
    alertBar(`AI decisions: ${e instanceof ApiError ? e.detail : String(e)}`);
  }
}

// the page's own symbol filter (history.ts) narrows this table too
document.getElementById("symbol-filter")?.addEventListener("change", (e) => {
  symbol.value = (e.target as HTMLInputElement).value;
  void refresh();
});
for (const i of [symbol, from, to]) i.onchange = () => void refresh();
await refresh();
