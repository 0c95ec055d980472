// The history page: orders (filterable by status and symbol) and fills.
import "../styles/dashboard.css";
import { alertBar, el } from "../lib/ui";
import { num, time, trading } from "../lib/trading-api";

const app = document.getElementById("app")!;
app.classList.add("dash");
const filters = el("section", "card");
const status = el("select");
status.id = "status-filter";
for (const s of ["", "open", "FILLED", "CANCELED", "REJECTED", "EXPIRED", "UNKNOWN"]) {
  const o = el("option", "", s || "all statuses");
  o.value = s;
  status.append(o);
}
const symbol = el("input");
symbol.id = "symbol-filter";
symbol.placeholder = "symbol, e.g. BTC/USDT";
filters.append(el("h2", "", "History"), status, symbol);
const ordersBox = el("section", "card");
ordersBox.id = "orders";
const fillsBox = el("section", "card");
fillsBox.id = "fills";
app.append(filters, ordersBox, fillsBox);

function table(headers: string[], rows: string[][]): HTMLTableElement {
  const t = el("table");
  const head = el("tr");
  headers.forEach((h) => head.append(el("th", "", h)));
  t.append(head);
  rows.forEach((r) => {
    const tr = el("tr");
    r.forEach((c) => tr.append(el("td", "", c)));
    t.append(tr);
  });
  return t;
}

async function refresh(): Promise<void> {
  try {
    const sym = symbol.value.trim().toUpperCase();
    const [orders, fills] = await Promise.all([trading.orders(status.value), trading.fills(sym)]);
    const shown = orders.filter((o) => !sym || o.symbol === sym);
    ordersBox.replaceChildren(el("h2", "", `Orders (${shown.length})`), table(
      ["Time", "Id", "Symbol", "Side", "Type", "Qty", "Limit", "Status", "Filled", "Avg", "Fee", "Source", "Reason"],
      shown.map((o) => [time(o.createdAt), o.clientOrderId, o.symbol, o.side, o.type, num(o.quantity, 8), num(o.limitPrice),
        o.status, num(o.filledQuantity, 8), num(o.averagePrice), `${num(o.fee, 8)} ${o.feeAsset}`, o.source, o.reason ?? ""])));
    fillsBox.replaceChildren(el("h2", "", `Fills (${fills.length})`), table(
      ["Time", "Order", "Symbol", "Side", "Price", "Qty", "Fee", "Realised PnL", "Source"],
      fills.map((f) => [time(f.time), String(f.orderId), f.symbol, f.side, num(f.price), num(f.quantity, 8),
        `${num(f.fee, 8)} ${f.feeAsset}`, num(f.realizedPnl), f.source])));
  } catch (e) {
    alertBar(String(e));
  }
}

status.onchange = () => void refresh();
symbol.onchange = () => void refresh();
await refresh();
