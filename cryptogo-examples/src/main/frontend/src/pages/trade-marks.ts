// Marks this account's fills on the chart page's candles (registered with app.pageScript("/trading", "trade-marks")).
import { createSeriesMarkers, type SeriesMarker, type Time } from "lightweight-charts";
import { onTradingPage } from "../lib/page-api";
import { trading } from "../lib/trading-api";

onTradingPage((page) => {
  const markers = createSeriesMarkers(page.candles, []);
  const refresh = async ({ symbol }: { symbol: string }) => {
    try {
      const fills = await trading.fills(symbol, 1000);
      const data = page.data();
      if (data.length === 0) return;
      const first = data[0].time as number;
      const m: SeriesMarker<Time>[] = fills
        .map((f) => ({ f, t: Math.floor(f.time / 1000) }))
        .filter(({ t }) => t >= first)
        .map(({ f, t }) => {
          // the candle that contains the fill
          let at = first;
          for (const c of data) {
            if ((c.time as number) <= t) at = c.time as number;
            else break;
          }
          return {
            time: at as Time,
            position: f.side === "BUY" ? "belowBar" : "aboveBar",
            color: f.side === "BUY" ? "#26a69a" : "#ef5350",
            shape: f.side === "BUY" ? "arrowUp" : "arrowDown",
            text: `${f.side} ${f.quantity}`,
          } as SeriesMarker<Time>;
        })
        .sort((a, b) => (a.time as number) - (b.time as number));
      markers.setMarkers(m);
    } catch {
      // no trading data: leave the chart as it is
    }
  };
  page.onChange(refresh);
  void refresh(page.selection());
});
