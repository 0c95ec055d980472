/** Typed calls to the backtest jobs endpoints (/api/v1/backtests). */
import { getJson, sendJson } from "./api";

export interface BacktestTrade {
  entryTime: number; exitTime: number; entryPrice: number; exitPrice: number; quantity: number; pnl: number; exit: string;
}
export interface BacktestResultView {
  strategy: string; symbol: string; interval: string; summary: string;
  metrics: Record<string, number | null>; rejections: Record<string, number>; trades: BacktestTrade[];
  /** [time ms, equity] */
  equity: [number, number][];
  /** [open time ms, open, high, low, close] */
  candles: [number, number, number, number, number][];
}
export interface BacktestJob {
  id: string; status: string; progress: number; error?: string; result?: BacktestResultView;
}

export const backtests = {
  start: (body: Record<string, unknown>) => sendJson<BacktestJob>("POST", "/api/v1/backtests", body),
  list: () => getJson<BacktestJob[]>("/api/v1/backtests"),
  show: (id: string) => getJson<BacktestJob>(`/api/v1/backtests/${encodeURIComponent(id)}`),
  cancel: (id: string) => sendJson<BacktestJob>("DELETE", `/api/v1/backtests/${encodeURIComponent(id)}`),
};
