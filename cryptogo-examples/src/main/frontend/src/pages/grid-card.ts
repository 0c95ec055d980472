// The dashboard's grid card: the running grids with their profit (registered with app.pageScript("/dashboard", "grid-card")).
import { grids } from "../lib/grid-api";
import { num } from "../lib/trading-api";
import { el } from "../lib/ui";

const app = document.getElementById("app")!;
const s = el("section", "card");
s.id = "grids-card";
s.append(el("h2", "", "Grids"));
const body = el("div", "card-body");
s.append(body);
app.append(s);

async function refresh(): Promise<void> {
  try {
    const list = (await grids.list()).filter((g) => g.status !== "STOPPED");
    if (list.length === 0) {
      body.replaceChildren(el("p", "muted", "No grid is running. Start one on the Grids page."));
      return;
    }
    const ul = el("ul");
    for (const g of list) {
      ul.append(
        el(
          "li",
          "",
          `${g.id} ${g.symbol} ${g.status}: grid profit ${num(g.metrics.gridProfit, 4)}, floating ${num(g.metrics.floatingPnl, 4)}, ${g.metrics.matchedPairs} pairs`,
        ),
      );
    }
    body.replaceChildren(ul);
  } catch {
    body.replaceChildren(el("p", "muted", "Grids are not available."));
  }
}

void refresh();
setInterval(() => void refresh(), 10_000);
