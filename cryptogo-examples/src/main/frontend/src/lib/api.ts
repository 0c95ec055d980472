/** Typed calls to the app's REST API. Errors become ApiError (HTTP answers) or Unreachable (no answer). */
import { authHeader } from "./token";

export interface Kline {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  closeTime: number;
  closed: boolean;
}

export interface Stats24h {
  symbol: string;
  open: number;
  high: number;
  low: number;
  last: number;
  change: number;
  changePercent: number;
  volume: number;
  quoteVolume: number;
  openTime: number;
  closeTime: number;
}

export interface SymbolInfo {
  symbol: string;
  base: string;
  quote: string;
  status: string;
  tickSize: number;
  stepSize: number;
  minNotional: number;
}

export interface Ticker {
  symbol: string;
  price: number;
  bid: number;
  ask: number;
  time: number;
}

/** The server answered with an error body {error, detail, field?}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(`${status} ${error}: ${detail}`);
  }
}

/** The server did not answer at all (down, network gone); `reason` is the browser's explanation. */
export class Unreachable extends Error {
  constructor(readonly reason: string) {
    super(`cannot reach the CryptoGo API (${reason})`);
  }
}

/** GET a JSON resource of this app. */
export async function getJson<T>(path: string, timeoutMs = 10_000): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Accept: "application/json", ...authHeader() }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new Unreachable(e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    let body: { error?: string; detail?: string; field?: string } = {};
    try {
      body = await res.json();
    } catch {
      // not JSON: a proxy or a stopped server answered
      throw new Unreachable(`HTTP ${res.status} without a JSON body`);
    }
    throw new ApiError(res.status, body.error ?? "error", body.detail ?? res.statusText, body.field);
  }
  return (await res.json()) as T;
}

/** POST (or PUT/DELETE) JSON to this app; the answer parsed as T. */
export async function sendJson<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json", ...authHeader(), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Unreachable(e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    throw new ApiError(res.status, json?.error ?? "error", json?.detail ?? res.statusText, json?.field);
  }
  return json as T;
}

/** BTC/USDT -> BTC-USDT, the form a path segment takes. */
export function pathSymbol(symbol: string): string {
  return symbol.replace("/", "-");
}

export const market = {
  klines: (symbol: string, interval: string, limit = 500) =>
    getJson<Kline[]>(`/api/v1/market/klines?symbol=${encodeURIComponent(symbol)}&interval=${interval}&limit=${limit}`),
  ticker: (symbol: string) => getJson<Ticker>(`/api/v1/market/ticker/${pathSymbol(symbol)}`),
  stats: (symbol: string) => getJson<Stats24h>(`/api/v1/market/stats/${pathSymbol(symbol)}`),
  symbols: () => getJson<SymbolInfo[]>(`/api/v1/market/symbols`),
};
