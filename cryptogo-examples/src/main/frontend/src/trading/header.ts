/** The price header: last price in large type (flashing on ticks), 24h change, high/low and volume. */
import type { Stats24h } from "../lib/api";
import { el, formatPrice, formatVolume, signed } from "../lib/ui";

export class PriceHeader {
  readonly root = el("section", "cg-quote");
  private readonly price = el("span", "cg-price", "—");
  private readonly change = el("span", "cg-change", "");
  private readonly high = el("span", "cg-stat-value", "—");
  private readonly low = el("span", "cg-stat-value", "—");
  private readonly vol = el("span", "cg-stat-value", "—");
  private last: number | null = null;
  private stats: Stats24h | null = null;
  private flashTimer: number | undefined;

  constructor(readonly symbolLabel: HTMLElement) {
    this.price.id = "cg-last-price";
    this.change.id = "cg-change";
    const stats = el("div", "cg-stats");
    for (const [label, value] of [["24h high", this.high], ["24h low", this.low], ["24h volume", this.vol]] as const) {
      const s = el("div", "cg-stat");
      s.append(el("span", "cg-stat-label", label), value);
      stats.append(s);
    }
    const main = el("div", "cg-quote-main");
    main.append(symbolLabel, this.price, this.change);
    this.root.append(main, stats);
  }

  /** New 24h statistics (polled); the live price keeps moving the change figures in between. */
  setStats(s: Stats24h, baseAsset: string): void {
    this.stats = s;
    this.high.textContent = formatPrice(s.high);
    this.low.textContent = formatPrice(s.low);
    this.vol.textContent = `${formatVolume(s.volume)} ${baseAsset}`;
    this.setPrice(this.last ?? s.last);
  }

  /** A new last price: flashes green on an uptick, red on a downtick. */
  setPrice(p: number): void {
    const prev = this.last;
    this.last = p;
    this.price.textContent = formatPrice(p);
    this.price.dataset.price = String(p);
    if (prev !== null && p !== prev) {
      this.price.classList.remove("flash-up", "flash-down");
      void this.price.offsetWidth; // restart the CSS animation
      this.price.classList.add(p > prev ? "flash-up" : "flash-down");
      clearTimeout(this.flashTimer);
      this.flashTimer = window.setTimeout(() => this.price.classList.remove("flash-up", "flash-down"), 700);
    }
    if (this.stats && this.stats.open > 0) {
      const ch = p - this.stats.open;
      const pct = (ch / this.stats.open) * 100;
      this.change.textContent = `${signed(ch, formatPrice(ch, p))} (${signed(pct, pct.toFixed(2))}%)`;
      this.change.className = "cg-change " + (ch >= 0 ? "up" : "down");
    }
  }

  /** Forgets the previous symbol's figures. */
  reset(): void {
    this.last = null;
    this.stats = null;
    this.price.textContent = "—";
    this.change.textContent = "";
    this.high.textContent = this.low.textContent = this.vol.textContent = "—";
  }
}
