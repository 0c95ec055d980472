/**
 * Live candles for one (symbol, interval) at a time: the /ws WebSocket while it is up, REST polling
 * (every boot.pollIntervalMs) while it is down, and reconnection with back-off in the background.
 */
import { Unreachable, market, type Kline } from "./api";

export type LiveStatus = "connecting" | "live" | "polling" | "offline";

export interface LiveHandlers {
  candle(k: Kline): void;
  price(price: number, time: number): void;
  status(s: LiveStatus, detail?: string): void;
}

interface Subscription {
  symbol: string;
  interval: string;
}

export class LiveFeed {
  private ws: WebSocket | null = null;
  private sub: Subscription | null = null;
  private retryMs = 1000;
  private pollTimer: number | undefined;
  private reconnectTimer: number | undefined;
  private stopped = false;

  constructor(
    private readonly handlers: LiveHandlers,
    private readonly pollIntervalMs: number,
    private readonly url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`,
  ) {}

  /** Follows (symbol, interval) from now on; switching keeps the connection. */
  follow(symbol: string, interval: string): void {
    this.sub = { symbol, interval };
    if (this.ws?.readyState === WebSocket.OPEN) {
      this.sendSubscribe();
    } else if (!this.ws) {
      this.connect();
    }
    if (this.pollTimer !== undefined) {
      void this.pollOnce();
    }
  }

  stop(): void {
    this.stopped = true;
    this.stopPolling();
    clearTimeout(this.reconnectTimer);
    this.ws?.close();
  }

  private connect(): void {
    if (this.stopped) return;
    this.handlers.status(this.pollTimer === undefined ? "connecting" : "polling");
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = 1000;
      this.stopPolling();
      this.handlers.status("live");
      this.sendSubscribe();
    };
    ws.onmessage = (ev) => this.onMessage(String(ev.data));
    ws.onclose = () => {
      if (this.ws === ws) {
        this.ws = null;
        this.startPolling();
        this.scheduleReconnect();
      }
    };
    ws.onerror = () => ws.close();
  }

  private sendSubscribe(): void {
    if (this.sub && this.ws?.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify({ type: "subscribe", ...this.sub }));
    }
  }

  private onMessage(text: string): void {
    let m: {
      type: string;
      symbol?: string;
      interval?: string;
      candle?: Kline;
      price?: number;
      time?: number;
      detail?: string;
      fatal?: boolean;
    };
    try {
      m = JSON.parse(text);
    } catch {
      return;
    }
    const sub = this.sub;
    if (!sub) return;
    if (m.type === "candle" && m.candle && m.symbol === sub.symbol && m.interval === sub.interval) {
      this.handlers.candle(m.candle);
    } else if (m.type === "ticker" && m.symbol === sub.symbol && m.price !== undefined) {
      this.handlers.price(m.price, m.time ?? Date.now());
    } else if (m.type === "error") {
      this.handlers.status("live", m.detail);
      if (m.fatal) {
        // the server dropped the dead upstream: ask for a fresh one shortly
        window.setTimeout(() => this.sendSubscribe(), 2000);
      }
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = window.setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 15_000);
  }

  private startPolling(): void {
    if (this.pollTimer !== undefined || this.stopped) return;
    this.handlers.status("polling");
    this.pollTimer = window.setInterval(() => void this.pollOnce(), this.pollIntervalMs);
    void this.pollOnce();
  }

  private stopPolling(): void {
    if (this.pollTimer !== undefined) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private async pollOnce(): Promise<void> {
    const sub = this.sub;
    if (!sub) return;
    try {
      const ks = await market.klines(sub.symbol, sub.interval, 2);
      if (this.sub !== sub) return;
      for (const k of ks) this.handlers.candle(k);
      const last = ks[ks.length - 1];
      if (last) this.handlers.price(last.close, Date.now());
      this.handlers.status("polling");
    } catch (e) {
      this.handlers.status("offline", e instanceof Unreachable ? e.reason : String(e instanceof Error ? e.message : e));
    }
  }
}
