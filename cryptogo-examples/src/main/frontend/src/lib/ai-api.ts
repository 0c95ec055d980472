/** The AI journal REST API (GET /api/v1/ai/decisions, /api/v1/ai/decisions/{id}) and its labels, shared by the AI bundles. */
import { getJson } from "./api";

/** io.cryptogo.examples.ai.DecisionView as JSON (times in epoch milliseconds). */
export interface AiDecision {
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
  /** the market the decision was made on: binance, simulated, or unknown (journaled before it was recorded) */
  marketSource?: string;
  /** who asked: live (the loop, analyses, the desk) or backtest; the list shows live ones unless ?origin= says */
  origin?: string;
  /** the backtest run's id, when it has one */
  runId?: string | null;
  abstained: boolean;
  templateVersion: string;
  promptHash?: string | null;
  validation: string;
  retries: number;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  costUsd?: number | null;
  error?: string | null;
  cached: boolean;
  prompt?: string | null;
  snapshot?: string | null;
  rawResponse?: string | null;
}

/** One agent call of a desk decision (io.cryptogo.examples.ai.TranscriptView). */
export interface AgentCallView {
  role: string;
  round: number;
  model: string;
  promptHash?: string | null;
  prompt?: string | null;
  rawAnswer?: string | null;
  view: Record<string, unknown>;
  usage: { tokensIn: number; tokensOut: number; costUsd?: number | null; latencyMs: number; cached: boolean };
  error?: string | null;
}

/** GET /api/v1/ai/decisions/{id}: the decision with its desk transcript (empty unless the desk decided). */
export interface AiDecisionDetail extends AiDecision {
  transcript: AgentCallView[];
  deskCostUsd?: number | null;
}

export interface DecisionFilter { symbol?: string; from?: number; to?: number; limit?: number }

export const ai = {
  decisions: (f: DecisionFilter = {}) => {
    const q = new URLSearchParams();
    if (f.symbol) q.set("symbol", f.symbol);
    if (f.from !== undefined) q.set("from", String(f.from));
    if (f.to !== undefined) q.set("to", String(f.to));
    q.set("limit", String(f.limit ?? 100));
    return getJson<AiDecision[]>(`/api/v1/ai/decisions?${q}`);
  },
  decision: (id: number) => getJson<AiDecisionDetail>(`/api/v1/ai/decisions/${id}`),
};

/** Who decided: the rules are never presented as a model. */
export function sourceLabel(d: AiDecision): string {
  return d.source === "rules" ? "rules (no LLM)" : d.generator.replace(/^llm:/, "LLM ");
}

/** The action as shown: an abstention is a HOLD that says so. */
export function actionLabel(d: AiDecision): string {
  return d.abstained ? "HOLD (abstained)" : d.action;
}

const ROLE_NAMES: Record<string, string> = {
  technical: "Technical analyst",
  sentiment: "Sentiment analyst",
  bull: "Bull researcher",
  bear: "Bear researcher",
  research_manager: "Research manager",
  trader: "Trader",
  risk_check: "Risk check (code)",
  risk_commentary: "Risk commentary",
  fallback: "Fallback (single LLM)",
};

/** A role as a person reads it, with the debate round. */
export function roleLabel(c: AgentCallView): string {
  const name = ROLE_NAMES[c.role] ?? c.role;
  return c.round > 0 && (c.role === "bull" || c.role === "bear") ? `${name} (round ${c.round})` : name;
}

/** One line for an agent's parsed view. */
export function viewSummary(c: AgentCallView): string {
  if (c.error) return `no view: ${c.error}`;
  const v = c.view as Record<string, unknown>;
  const pct = (x: unknown) => `${Math.round(Number(x) * 100)}%`;
  const list = (x: unknown) => (Array.isArray(x) ? x.join("; ") : "");
  switch (c.role) {
    case "technical":
      return `${v.bias} (${pct(v.confidence)}): ${list(v.reasons)}`;
    case "sentiment":
      return `score ${Number(v.score).toFixed(2)} from ${Array.isArray(v.items_used) ? v.items_used.length : 0} item(s): ${v.summary ?? ""}`;
    case "bull":
    case "bear":
    case "research_manager":
      return `${v.bias} (conviction ${pct(v.conviction)}): ${list(v.points)}`;
    case "trader":
      return `${v.action} (${pct(v.confidence)})${v.stop_loss ? ` stop ${v.stop_loss} target ${v.take_profit}` : ""}: ${v.reasoning ?? ""}`;
    case "risk_check":
      return `${v.approved ? "approved" : "VETO"}: ${v.reason}`;
    case "risk_commentary":
      return `${v.verdict}${v.confidence != null ? ` (${pct(v.confidence)})` : ""}: ${v.comment ?? ""}`;
    default:
      return JSON.stringify(v);
  }
}
