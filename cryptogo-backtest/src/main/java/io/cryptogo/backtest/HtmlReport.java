package io.cryptogo.backtest;

import java.time.Instant;
import java.util.Locale;

/** The standalone HTML report: metrics, equity and drawdown as inline SVG, trades. No script at all. */
final class HtmlReport {
    private HtmlReport() {}

    static String render(BacktestResult r, long[] times, double[] equity, double[] benchmark, PriceSeries s) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest ")
                .append(esc(r.strategy()))
                .append(
                        "</title><style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
                                + "table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #ddd;"
                                + "text-align:right}th{text-align:left}pre{background:#f6f6f6;padding:1em}</style></head><body>");
        b.append("<h1>Backtest: ").append(esc(r.strategy())).append("</h1>");
        b.append("<pre>").append(esc(r.summaryText())).append("</pre>");
        String span = "<p class=\"axis\">" + Instant.ofEpochMilli(times[0]) + " .. "
                + Instant.ofEpochMilli(times[times.length - 1]) + "</p>";
        b.append("<h2>Equity</h2><p><span style=\"color:#1565c0\">&#9644; ")
                .append(esc(r.strategy()))
                .append("</span> &nbsp; <span style=\"color:#999\">&#9644; buy &amp; hold</span> (")
                .append(esc(s.symbol().quote()))
                .append(")</p>")
                .append(line(equity, benchmark, 900, 260, "#1565c0", "#999"))
                .append(span);
        double[] dd = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            dd[i] = equity[i] / peak - 1;
        }
        b.append("<h2>Drawdown</h2><p>from the running peak of the equity (0.05 = 5 %)</p>")
                .append(line(dd, null, 900, 140, "#c62828", null))
                .append(span);
        b.append("<h2>Monthly returns</h2><table><tr><th>month</th><th>return</th></tr>");
        r.metrics()
                .monthlyReturns()
                .forEach((m, v) -> b.append("<tr><th>")
                        .append(m)
                        .append("</th><td>")
                        .append(BacktestResult.pct(v))
                        .append("</td></tr>"));
        b.append("</table><h2>Trades</h2><table><tr><th>entry</th><th>exit</th><th>entry price</th>"
                + "<th>exit price</th><th>quantity</th><th>PnL</th><th>return</th><th>exit</th></tr>");
        for (Trade t : r.trades()) {
            b.append("<tr><th>")
                    .append(t.entryTime())
                    .append("</th><td>")
                    .append(t.exitTime())
                    .append("</td><td>")
                    .append(BacktestResult.num(t.entryPrice()))
                    .append("</td><td>")
                    .append(BacktestResult.num(t.exitPrice()))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.6f", t.quantity()))
                    .append("</td><td>")
                    .append(BacktestResult.num(t.pnl()))
                    .append("</td><td>")
                    .append(BacktestResult.pct(t.returnPct()))
                    .append("</td><td>")
                    .append(t.exit())
                    .append("</td></tr>");
        }
        b.append("</table><p>")
                .append(esc(s.symbol() + " " + s.interval() + " " + Instant.ofEpochMilli(times[0]) + " .. "
                        + Instant.ofEpochMilli(times[times.length - 1])))
                .append("</p></body></html>\n");
        return b.toString();
    }

    private static String line(double[] a, double[] b2, int w, int h, String color, String color2) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (b2 != null) {
            for (double v : b2) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (max == min) {
            max = min + 1;
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(w)
                .append("\" height=\"")
                .append(h)
                .append("\" viewBox=\"0 0 ")
                .append(w)
                .append(' ')
                .append(h)
                .append("\">");
        if (b2 != null) {
            s.append(path(b2, w, h, min, max, color2));
        }
        s.append(path(a, w, h, min, max, color));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"4\" y=\"12\" font-size=\"11\">%.2f</text><text x=\"4\" y=\"%d\" font-size=\"11\">%.2f</text>",
                max,
                h - 4,
                min));
        return s.append("</svg>").toString();
    }

    private static String path(double[] a, int w, int h, double min, double max, String color) {
        StringBuilder p = new StringBuilder("<polyline fill=\"none\" stroke=\"" + color + "\" points=\"");
        int n = a.length;
        int step = Math.max(1, n / 2000);
        for (int i = 0; i < n; i += step) {
            double x = n == 1 ? 0 : i * (w - 1.0) / (n - 1);
            double y = (h - 1) - (a[i] - min) / (max - min) * (h - 2);
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return p.append("\"/>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
