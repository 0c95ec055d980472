/** The candlestick + volume chart: full loads with setData, live changes with update (no redraw). */
import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  createChart,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from "lightweight-charts";
import type { Kline } from "../lib/api";

export const UP = "#26a69a";
export const DOWN = "#ef5350";

export class CandleChart {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<"Candlestick">;
  readonly volume: ISeriesApi<"Histogram">;
  private bars: CandlestickData<UTCTimestamp>[] = [];

  constructor(container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true, // follows the container when the window resizes
      layout: { background: { type: ColorType.Solid, color: "#131722" }, textColor: "#d1d4dc" },
      grid: { vertLines: { color: "#1f2430" }, horzLines: { color: "#1f2430" } },
      crosshair: { mode: CrosshairMode.Normal },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: "#2a2e39" },
      rightPriceScale: { borderColor: "#2a2e39" },
      // zoom (wheel, pinch) and drag are on by default; kept explicit
      handleScroll: true,
      handleScale: true,
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
      priceLineVisible: true, // the current-price line moves with each update
      lastValueVisible: true,
    });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceFormat: { type: "volume" },
      priceScaleId: "volume",
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
  }

  /** Replaces everything (a new symbol or interval). */
  load(klines: Kline[], pricePrecision: number): void {
    this.candles.applyOptions({ priceFormat: { type: "price", precision: pricePrecision, minMove: 10 ** -pricePrecision } });
    this.bars = klines.map(toCandle);
    this.candles.setData(this.bars);
    this.volume.setData(klines.map(toVolume));
    this.chart.timeScale().fitContent();
  }

  /** Appends a new candle or updates the last one in place. Older candles than the last are ignored. */
  update(k: Kline): boolean {
    const c = toCandle(k);
    const last = this.bars[this.bars.length - 1];
    if (last && c.time < last.time) return false;
    if (last && c.time === last.time) {
      this.bars[this.bars.length - 1] = c;
    } else {
      this.bars.push(c);
    }
    this.candles.update(c);
    this.volume.update(toVolume(k));
    return true;
  }

  data(): CandlestickData<UTCTimestamp>[] {
    return this.bars.slice();
  }
}

function toCandle(k: Kline): CandlestickData<UTCTimestamp> {
  return { time: (k.openTime / 1000) as UTCTimestamp, open: k.open, high: k.high, low: k.low, close: k.close };
}

function toVolume(k: Kline): HistogramData<UTCTimestamp> {
  return {
    time: (k.openTime / 1000) as UTCTimestamp,
    value: k.volume,
    color: k.close >= k.open ? "rgba(38,166,154,0.45)" : "rgba(239,83,80,0.45)",
  };
}
