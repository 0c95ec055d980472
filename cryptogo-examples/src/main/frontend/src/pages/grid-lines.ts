// Draws the levels of the running grids of the shown symbol as price lines on the chart
// (registered with app.pageScript("/trading", "grid-lines")); their fills show as the page's fill markers.
import type { IPriceLine } from "lightweight-charts";
import { grids } from "../lib/grid-api";
import { onTradingPage } from "../lib/page-api";

onTradingPage((page) => {
  let lines: IPriceLine[] = [];
  const refresh = async ({ symbol }: { symbol: string }) => {
    try {
      const running = (await grids.list()).filter((g) => g.symbol === symbol && g.status !== "STOPPED");
      for (const l of lines) page.candles.removePriceLine(l);
      lines = [];
      for (const summary of running) {
        const g = await grids.show(summary.id);
        const prices = new Set<number>();
        for (const l of g.levels ?? []) {
          prices.add(l.plan.buyPrice);
          prices.add(l.plan.sellPrice);
        }
        for (const p of prices) {
          lines.push(
            page.candles.createPriceLine({ price: p, color: "#8a6df5", lineWidth: 1, lineStyle: 2, axisLabelVisible: false, title: `grid ${g.id}` }),
          );
        }
      }
      document.body.dataset.gridLines = String(lines.length);
    } catch {
      // no grid endpoint or no token: leave the chart as it is
    }
  };
  page.onChange(refresh);
  void refresh(page.selection());
});
