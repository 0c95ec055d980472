/**
 * The latest AI decision in the dashboard's #ai-decision slot: action, confidence, entry/stop/target, reasoning,
 * who decided (rules or an LLM) and when; refreshed every pollIntervalMs (at least 5 s).
 */
import "../styles/ai-panel.css";
import { ApiError } from "../lib/api";
import { actionLabel, ai, roleLabel, sourceLabel, viewSummary, type AiDecision, type AiDecisionDetail } from "../lib/ai-api";
import { boot } from "../lib/boot";
import { el, formatPrice } from "../lib/ui";

function when(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

function render(box: HTMLElement, d: AiDecision | undefined, note?: string): void {
  const body: HTMLElement[] = [];
  if (!d) {
    const empty = el("p", "muted cg-ai-empty", note ?? "No AI decision yet. Decisions appear here after each closed candle, or use \"Analyze now\" on the chart.");
    body.push(empty);
    box.replaceChildren(...body);
    box.dataset.state = note ? "error" : "empty";
    return;
  }
  const head = el("div", "cg-ai-head");
  head.append(
    el("span", `cg-ai-action cg-ai-${d.action.toLowerCase()}`, actionLabel(d)),
    el("span", "cg-ai-conf", `confidence ${(d.confidence * 100).toFixed(0)}%`),
    el("span", "cg-ai-conf", `${d.symbol} ${d.interval}`),
  );
  body.push(head);
  const levels = el("dl", "cg-ai-levels");
  const row = (k: string, v: string) => levels.append(el("dt", "", k), el("dd", "", v));
  row("entry", formatPrice(d.entry));
  row("stop loss", d.stopLoss != null ? formatPrice(d.stopLoss) : "–");
  row("take profit", d.takeProfit != null ? formatPrice(d.takeProfit) : "–");
  body.push(levels);
  body.push(el("p", "cg-ai-reason", d.reasoning));
  if (d.error) body.push(el("p", "cg-ai-error", d.error));
  const meta = el("p", "cg-ai-meta", `${sourceLabel(d)}${d.cached ? " (cached)" : ""} · prices ${d.marketSource ?? "unknown"} · decided ${when(d.decidedAt)} · candle ${when(d.candleTime)} · #${d.id}`);
  meta.dataset.source = d.source;
  meta.dataset.marketSource = d.marketSource ?? "unknown";
  body.push(meta);
  if (note) body.push(el("p", "cg-ai-note", note));
  if (d.generator.startsWith("desk")) body.push(el("div", "cg-ai-transcript"));
  box.replaceChildren(...body);
  box.dataset.state = "decision";
  box.dataset.id = String(d.id);
}

/** The desk's transcript under the decision: each agent's view, the risk verdict, and the decision's cost. */
function renderTranscript(box: HTMLElement, detail: AiDecisionDetail): void {
  const slotEl = box.querySelector<HTMLElement>(".cg-ai-transcript");
  if (!slotEl || detail.transcript.length === 0) return;
  const list = el("ol", "cg-ai-agents");
  for (const c of detail.transcript) {
    const li = el("li", `cg-ai-agent cg-ai-role-${c.role}`);
    li.dataset.role = c.role;
    const cost = c.usage.costUsd != null ? ` · $${Number(c.usage.costUsd).toFixed(6)}` : "";
    li.append(
      el("strong", "", roleLabel(c)),
      el("span", "cg-ai-view", ` ${viewSummary(c)}`),
      el("span", "muted", ` (${c.model}${c.usage.cached ? ", cached" : ""} · ${c.usage.tokensIn}+${c.usage.tokensOut} tokens${cost})`),
    );
    list.append(li);
  }
  const total = detail.deskCostUsd != null ? `$${Number(detail.deskCostUsd).toFixed(6)}` : "unknown";
  slotEl.replaceChildren(el("p", "cg-ai-head", "Desk transcript"), list, el("p", "cg-ai-cost", `cost of this decision: ${total}`));
  slotEl.dataset.state = "transcript";
}

// dashboard.ts creates the slot; wait for it in case this bundle runs first
function slot(): Promise<HTMLElement> {
  return new Promise((resolve) => {
    const find = () => document.querySelector<HTMLElement>("#ai-decision .card-body");
    const now = find();
    if (now) return resolve(now);
    const obs = new MutationObserver(() => {
      const s = find();
      if (s) {
        obs.disconnect();
        resolve(s);
      }
    });
    obs.observe(document.body, { childList: true, subtree: true });
  });
}

const box = await slot();
let last: AiDecision | undefined;
async function refresh(): Promise<void> {
  try {
    last = (await ai.decisions({ limit: 1 }))[0];
    render(box, last);
    if (last && last.generator.startsWith("desk")) renderTranscript(box, await ai.decision(last.id));
  } catch (e) {
    render(box, last, `AI decisions unavailable: ${e instanceof ApiError ? e.detail : String(e)}`);
  }
}
await refresh();
setInterval(() => void refresh(), Math.max(5000, boot.pollIntervalMs));
