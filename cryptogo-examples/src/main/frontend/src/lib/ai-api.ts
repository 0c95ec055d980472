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
  decision: (id: number) => getJson<AiDecision>(`/api/v1/ai/decisions/${id}`),
};

/** Who decided: the rules are never presented as a model. */
export function sourceLabel(d: AiDecision): string {
  return d.source === "rules" ? "rules (no LLM)" : d.generator.replace(/^llm:/, "LLM ");
}

/** The action as shown: an abstention is a HOLD that says so. */
export function actionLabel(d: AiDecision): string {
  return d.abstained ? "HOLD (abstained)" : d.action;
}
