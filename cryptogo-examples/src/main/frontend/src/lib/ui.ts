/** Small DOM helpers shared by the pages: the alert bar under the header, element creation, formatting. */

/** Shows a message in the shared alert bar (#cg-alert); `null` hides it. */
export function alertBar(message: string | null, kind: "error" | "warn" | "info" = "error"): void {
  const bar = document.getElementById("cg-alert");
  if (!bar) return;
  if (message === null) {
    bar.hidden = true;
    bar.textContent = "";
    return;
  }
  bar.hidden = false;
  bar.dataset.kind = kind;
  bar.textContent = message;
}

/** document.createElement with a class and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text = ""): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

/** A price with as many decimals as its size (or the size of `scale`, e.g. the price a change belongs to) calls for. */
export function formatPrice(p: number, scale = p): string {
  const abs = Math.abs(scale);
  const digits = abs >= 1000 ? 2 : abs >= 1 ? 4 : abs >= 0.01 ? 6 : 8;
  return p.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** 1234567 -> "1.23M" */
export function formatVolume(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e9) return (v / 1e9).toFixed(2) + "B";
  if (abs >= 1e6) return (v / 1e6).toFixed(2) + "M";
  if (abs >= 1e3) return (v / 1e3).toFixed(2) + "K";
  return v.toFixed(2);
}

export function signed(v: number, text: string): string {
  return (v > 0 ? "+" : "") + text;
}
