/** Typed calls to the trading endpoints, and the bearer token kept in this browser. */
import { getJson, sendJson } from "./api";

export interface Balance { asset: string; free: number; locked: number }
export interface Account {
  venue: string; live: boolean; testnet: boolean; source: string; equityAsset: string; equity: number; balances: Balance[];
  pnlToday: number; tradesToday: number; autoTrading: string;
  limits: { maxPositionSize: number; maxDailyTrades: number; riskPerTrade: number; maxDailyLoss: number; riskCurrency: string };
}
export interface EquityPoint { time: number; equity: number }
export interface Position {
  symbol: string; quantity: number; averagePrice: number; cost: number; stopLoss?: number; takeProfit?: number;
  realizedPnl: number; price?: number; unrealizedPnl?: number; openedAt: number; source: string;
  protection?: Protection;
}
/** How a position is protected: resting on the venue's book, or watched by the engine; failed attempts. */
export interface Protection {
  mode: "resting" | "watched"; restingId?: string; failedAttempts: number; lastError?: string; nextAttemptAt?: number;
}
export interface Proposal {
  id: string; symbol: string; side: string; quantity: number; entry: number; stopLoss: number; takeProfit: number;
  confidence: number; generator: string; reasoning: string; status: string; reason?: string; createdAt: number; expiresAt: number;
}
export interface Order {
  id: number; clientOrderId: string; symbol: string; side: string; type: string; quantity: number; limitPrice?: number;
  status: string; filledQuantity: number; averagePrice?: number; fee: number; feeAsset: string; reason?: string;
  createdAt: number; updatedAt: number; source: string;
}
export interface Fill {
  orderId: number; tradeId: string; symbol: string; side: string; price: number; quantity: number; fee: number;
  feeAsset: string; realizedPnl: number; time: number; source: string;
}

const TOKEN_KEY = "cryptogo.apiToken";

export function token(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(t: string | null): void {
  if (t) localStorage.setItem(TOKEN_KEY, t);
  else localStorage.removeItem(TOKEN_KEY);
}

function auth(): Record<string, string> {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

export const trading = {
  account: () => getJson<Account>("/api/v1/account"),
  equity: (limit = 500) => getJson<EquityPoint[]>(`/api/v1/account/equity?limit=${limit}`),
  positions: () => getJson<Position[]>("/api/v1/positions"),
  proposals: () => getJson<Proposal[]>("/api/v1/proposals"),
  orders: (status = "", limit = 200) =>
    getJson<Order[]>(`/api/v1/orders?limit=${limit}${status ? `&status=${encodeURIComponent(status)}` : ""}`),
  fills: (symbol = "", limit = 500) =>
    getJson<Fill[]>(`/api/v1/fills?limit=${limit}${symbol ? `&symbol=${encodeURIComponent(symbol)}` : ""}`),
  approve: (id: string) => sendJson<Order>("POST", `/api/v1/proposals/${encodeURIComponent(id)}/approve`, undefined, auth()),
  reject: (id: string) => sendJson<Proposal>("POST", `/api/v1/proposals/${encodeURIComponent(id)}/reject`, { reason: "rejected on the dashboard" }, auth()),
  cancel: (id: number) => sendJson<Order>("DELETE", `/api/v1/orders/${id}`, undefined, auth()),
};

export function num(v: number | undefined, digits = 2): string {
  return v === undefined || v === null ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits });
}

export function time(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}
