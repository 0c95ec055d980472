// The grids page: a form that starts a grid, the list of grids with their metrics, and one grid's levels.
import "../styles/dashboard.css";
import { ApiError } from "../lib/api";
import { grids, type GridView } from "../lib/grid-api";
import { num, time, token } from "../lib/trading-api";
import { alertBar, el } from "../lib/ui";
import { boot } from "../lib/boot";

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

const formBox = card("grid-form", "New grid");
const listBox = card("grid-list", "Grids");
const levelsBox = card("grid-levels", "Levels");
let selected: string | null = null;

function field(name: string, label: string, value = "", type = "text"): HTMLInputElement {
  const input = el("input");
  input.name = name;
  input.id = `grid-${name}`;
  input.type = type;
  input.placeholder = label;
  input.title = label;
  input.value = value;
  return input;
}

function renderForm(): void {
  const f = el("form");
  f.id = "grid-create";
  const inputs = [
    field("symbol", "symbol", boot.defaultSymbol),
    field("lower", "lower price"),
    field("upper", "upper price"),
    field("levels", "grids (2-500)", "10"),
    field("investment", "investment (quote)"),
    field("maxOpenOrders", "max open orders", "20"),
    field("trigger", "trigger price (optional)"),
    field("stopLoss", "stop loss (optional)"),
    field("takeProfit", "take profit (optional)"),
  ];
  const spacing = el("select");
  spacing.name = "spacing";
  spacing.id = "grid-spacing";
  for (const s of ["arithmetic", "geometric"]) {
    const o = el("option", "", s);
    o.value = s;
    spacing.append(o);
  }
  const sellAll = el("input");
  sellAll.type = "checkbox";
  sellAll.id = "grid-sellAllOnStop";
  const sellAllLabel = el("label", "muted", " sell all base on stop");
  sellAllLabel.prepend(sellAll);
  const submit = el("button", "approve", "Start grid");
  submit.type = "submit";
  submit.id = "grid-submit";
  f.append(...inputs, spacing, sellAllLabel, submit);
  f.onsubmit = async (e) => {
    e.preventDefault();
    const body: Record<string, unknown> = { spacing: spacing.value, sellAllOnStop: sellAll.checked };
    for (const i of inputs) {
      const v = i.value.trim();
      if (!v) continue;
      body[i.name] = i.name === "levels" || i.name === "maxOpenOrders" ? Number(v) : v;
    }
    try {
      const g = await grids.create(body);
      selected = g.id;
      alertBar(`grid ${g.id} started`, "info");
      await refresh();
    } catch (err) {
      alertBar(err instanceof ApiError ? `${err.field ?? err.error}: ${err.detail}` : String(err));
    }
  };
  formBox.replaceChildren(
    el("p", "muted", token() ? "Orders go through the risk manager and the app's venue." : "Starting a grid needs the app's token (save it on the dashboard)."),
    f,
  );
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

function renderList(list: GridView[]): void {
  if (list.length === 0) {
    listBox.replaceChildren(el("p", "muted", "No grid yet."));
    return;
  }
  const rows = list.map((g) => {
    const show = el("button", "", "Levels");
    show.onclick = () => {
      selected = g.id;
      void refresh();
    };
    const actions = el("span");
    actions.append(show);
    if (g.status !== "STOPPED") {
      const stop = el("button", "reject", "Stop");
      stop.className = "reject grid-stop";
      stop.onclick = async () => {
        try {
          await grids.stop(g.id);
          await refresh();
        } catch (err) {
          alertBar(err instanceof ApiError ? err.detail : String(err));
        }
      };
      actions.append(stop);
    }
    const s = g.settings;
    return [
      g.id,
      g.symbol,
      g.status + (g.stopReason ? ` (${g.stopReason})` : ""),
      `${num(s.lower)}–${num(s.upper)} × ${s.levels} ${s.spacing}`,
      num(s.investment),
      num(g.metrics.gridProfit, 4),
      num(g.metrics.floatingPnl, 4),
      String(g.metrics.matchedPairs),
      num(g.metrics.fees, 4),
      g.metrics.breakEven === undefined || g.metrics.breakEven === null ? "–" : num(g.metrics.breakEven),
      `${num(g.metrics.apr * 100)}%`,
      time(g.createdAt),
      actions,
    ];
  });
  const t = table(
    ["id", "symbol", "status", "range", "investment", "grid profit", "floating PnL", "pairs", "fees", "break-even", "APR", "started", ""],
    rows,
  );
  t.id = "grid-table";
  listBox.replaceChildren(t);
}

function renderLevels(g: GridView | null): void {
  if (!g || !g.levels) {
    levelsBox.replaceChildren(el("p", "muted", "Choose a grid to see its levels."));
    return;
  }
  const t = table(
    ["#", "buy", "sell", "quantity", "state", "pairs", "profit", "note"],
    g.levels.map((l) => [
      String(l.plan.index),
      num(l.plan.buyPrice),
      num(l.plan.sellPrice),
      String(l.plan.quantity),
      l.state,
      String(l.completedPairs),
      num(l.profit, 4),
      l.pausedReason ?? "",
    ]),
  );
  t.id = "grid-levels-table";
  levelsBox.replaceChildren(el("p", "muted", `grid ${g.id} on ${g.symbol}`), t);
}

async function refresh(): Promise<void> {
  try {
    const list = await grids.list();
    renderList(list);
    const id = selected ?? list[0]?.id;
    renderLevels(id ? await grids.show(id) : null);
  } catch (err) {
    alertBar(err instanceof ApiError ? `${err.error}: ${err.detail}` : String(err));
  }
}

renderForm();
void refresh();
setInterval(() => void refresh(), 5_000);
