/** Typed calls to the grid endpoints (/api/v1/grids). */
import { sendJson } from "./api";
import { token } from "./trading-api";

export interface GridMetrics {
  gridProfit: number; floatingPnl: number; totalPnl: number; matchedPairs: number; fees: number;
  baseHeld: number; breakEven?: number; apr: number;
}
export interface GridLevel {
  plan: { index: number; buyPrice: number; sellPrice: number; quantity: number };
  state: string; openClientOrderId?: string; baseHeld: number; completedPairs: number; profit: number;
  pausedReason?: string;
}
export interface GridSettingsView {
  lower: number; upper: number; levels: number; spacing: string; investment: number; trigger?: number;
  stopLoss?: number; takeProfit?: number; sellAllOnStop: boolean; maxOpenOrders: number;
}
export interface GridView {
  id: string; symbol: string; status: string; stopReason?: string; createdAt: number; updatedAt: number;
  settings: GridSettingsView; metrics: GridMetrics; levels?: GridLevel[];
}

function auth(): Record<string, string> {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

export const grids = {
  list: () => sendJson<GridView[]>("GET", "/api/v1/grids", undefined, auth()),
  show: (id: string) => sendJson<GridView>("GET", `/api/v1/grids/${encodeURIComponent(id)}`, undefined, auth()),
  create: (settings: Record<string, unknown>) => sendJson<GridView>("POST", "/api/v1/grids", settings, auth()),
  stop: (id: string) => sendJson<GridView>("POST", `/api/v1/grids/${encodeURIComponent(id)}/stop`, undefined, auth()),
};
