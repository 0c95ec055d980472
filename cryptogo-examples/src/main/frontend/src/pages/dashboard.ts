// The dashboard: balances and equity, the equity curve, open positions with unrealised PnL, pending
// proposals with approve/reject buttons, and a slot for the latest AI decision (#ai-decision), which
// another bundle fills: app.pageScript("/dashboard", "<bundle>") in Java.
import "../styles/dashboard.css";
import { ApiError } from "../lib/api";
import { alertBar, el } from "../lib/ui";
import { num, setToken, time, token, trading, type Position, type Proposal } from "../lib/trading-api";

const app = document.getElementById("app")!;
app.classList.add("dash");

function card(id: string, title: string): HTMLElement {
  const s = el("section", "card");
  s.id = id;
  s.append(el("h2", "", title));
  const body = el("div", "card-body");
  s.append(body);
  app.append(s);
  return body;
}

const accountBox = card("account", "Account");
const equityBox = card("equity-curve", "Equity");
const positionsBox = card("positions", "Open positions");
const proposalsBox = card("proposals", "Pending proposals");
const aiBox = card("ai-decision", "Latest AI decision");
aiBox.dataset.slot = "ai-decision";
aiBox.append(el("p", "muted", "No AI decision source is connected to this page."));
const tokenBox = card("api-token", "API token");

function renderToken(): void {
  tokenBox.replaceChildren();
  const input = el("input");
  input.type = "password";
  input.id = "token-input";
  input.placeholder = "CRYPTOGO_API_TOKEN";
  const save = el("button", "", "Save");
  save.id = "token-save";
  save.onclick = () => {
    setToken(input.value.trim() || null);
    renderToken();
  };
  tokenBox.append(el("p", "muted", token() ? "A token is stored in this browser." : "Approving needs the app's token."), input, save);
}

function table(headers: string[], rows: (string | Node)[][]): HTMLTableElement {
  const t = el("table");
  const head = el("tr");
  headers.forEach((h) => head.append(el("th", "", h)));
  t.append(head);
  for (const r of rows) {
    const tr = el("tr");
    r.forEach((c) => {
      const td = el("td");
      td.append(c);
      tr.append(td);
    });
    t.append(tr);
  }
  return t;
}

function pnl(v: number | undefined): Node {
  const s = el("span", v === undefined ? "" : v >= 0 ? "up" : "down", num(v));
  return s;
}

function curve(points: { time: number; equity: number }[]): Node {
  if (points.length < 2) return el("p", "muted", "The curve appears after a few snapshots.");
  const w = 600, h = 160;
  const xs = points.map((p) => p.time), ys = points.map((p) => p.equity);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const sx = (x: number) => ((x - x0) / Math.max(1, x1 - x0)) * w;
  const sy = (y: number) => h - ((y - y0) / Math.max(1e-9, y1 - y0)) * (h - 10) - 5;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("class", "equity-svg");
  svg.setAttribute("preserveAspectRatio", "none");
  const line = document.createElementNS(ns, "polyline");
  line.setAttribute("points", points.map((p) => `${sx(p.time).toFixed(1)},${sy(p.equity).toFixed(1)}`).join(" "));
  svg.append(line);
  return svg;
}

function proposalRow(p: Proposal): HTMLElement {
  const row = el("div", "proposal");
  row.dataset.id = p.id;
  row.append(
    el("strong", "", `${p.side} ${num(p.quantity, 8)} ${p.symbol}`),
    el("span", "", ` entry ${num(p.entry)} · stop ${num(p.stopLoss)} · target ${num(p.takeProfit)}`),
    el("span", "muted", ` · ${p.generator}, confidence ${num(p.confidence * 100, 0)}% · expires ${time(p.expiresAt)}`),
  );
  if (p.reasoning) row.append(el("p", "reason", p.reasoning));
  const approve = el("button", "approve", "Approve");
  const reject = el("button", "reject", "Reject");
  const act = (f: () => Promise<unknown>, done: string) => async () => {
    approve.disabled = reject.disabled = true;
    try {
      await f();
      alertBar(done, "info");
    } catch (e) {
      alertBar(e instanceof ApiError ? `${e.status}: ${e.detail}` : String(e));
    }
    await refresh();
  };
  approve.onclick = act(() => trading.approve(p.id), `Proposal ${p.id} approved`);
  reject.onclick = act(() => trading.reject(p.id), `Proposal ${p.id} rejected`);
  row.append(approve, reject);
  return row;
}

/** Real money, the exchange's testnet (no real money) or the paper account: said in words, never guessed. */
function venueKind(account: { live: boolean; testnet: boolean }): string {
  return account.live ? " (LIVE: real orders)" : account.testnet ? " (testnet: no real money)" : " (paper)";
}

/** "resting", "watched", or the failed exit attempts and the last error, so a stuck stop shows. */
function protection(p: Position): string {
  const x = p.protection;
  if (!x) return "–";
  const base = x.mode === "resting" ? "resting on the venue" : "watched";
  return x.failedAttempts > 0
    ? `${base} · ${x.failedAttempts} failed attempt(s): ${x.lastError ?? ""}${x.nextAttemptAt ? ` · retry after ${time(x.nextAttemptAt)}` : ""}`
    : base;
}

async function refresh(): Promise<void> {
  try {
    const [account, equity, positions, proposals] = await Promise.all([
      trading.account(), trading.equity(), trading.positions(), trading.proposals(),
    ]);
    accountBox.replaceChildren(
      el("p", "equity", `Equity ${num(account.equity)} ${account.equityAsset}`),
      el("p", "muted", `${account.venue}${venueKind(account)} · prices ${account.source} · auto trading ${account.autoTrading} · `
        + `trades today ${account.tradesToday}/${account.limits.maxDailyTrades} · PnL today ${num(account.pnlToday)} ${account.equityAsset}`),
      table(["Asset", "Free", "Locked"], account.balances.map((b) => [b.asset, num(b.free, 8), num(b.locked, 8)])),
    );
    equityBox.replaceChildren(curve(equity));
    positionsBox.replaceChildren(positions.length === 0
      ? el("p", "muted", "No open positions.")
      : table(["Symbol", "Quantity", "Avg price", "Price", "Unrealised PnL", "Stop", "Target", "Protection", "Source"],
          positions.map((p) => [p.symbol, num(p.quantity, 8), num(p.averagePrice), num(p.price), pnl(p.unrealizedPnl), num(p.stopLoss), num(p.takeProfit),
            protection(p), p.source])));
    proposalsBox.replaceChildren(...(proposals.length === 0 ? [el("p", "muted", "No pending proposals.")] : proposals.map(proposalRow)));
  } catch (e) {
    alertBar(String(e));
  }
}

renderToken();
await refresh();
setInterval(() => void refresh(), 5000);
