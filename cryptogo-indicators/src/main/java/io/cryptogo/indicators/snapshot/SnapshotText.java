package io.cryptogo.indicators.snapshot;

import io.cryptogo.model.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The two text layouts of a {@link MarketSnapshot}: the product plan's Chinese one and its English twin. */
final class SnapshotText {
    private SnapshotText() {}

    static String render(MarketSnapshot s, boolean zh) {
        StringBuilder b = new StringBuilder(1024);
        // the header names what and when: the decision time and the last candle's close (its end: the close
        // time is the bucket's last millisecond, so the end is one millisecond later)
        Instant end = s.lastCloseTime().plusMillis(1);
        if (zh) {
            b.append(s.symbol())
                    .append(", 决策时间 ")
                    .append(s.asOf())
                    .append(", 最后一根")
                    .append(zhLabel(s.intradayInterval()))
                    .append("K线")
                    .append(s.candleOpen() ? "未收盘 (将于 " + end + " 收盘)" : "收盘于 " + end)
                    .append(s.includesOpenCandle() ? " (含未收盘K线)" : " (仅已收盘K线)")
                    .append(".\n\n");
        } else {
            b.append(s.symbol())
                    .append(", decision time ")
                    .append(s.asOf())
                    .append("; the last ")
                    .append(enLabel(s.intradayInterval()))
                    .append(" candle ")
                    .append(s.candleOpen() ? "is still open (it closes at " + end + ")" : "closed at " + end)
                    .append(s.includesOpenCandle() ? " (open candles included)" : " (closed candles only)")
                    .append(".\n");
            b.append("All series below are ordered oldest → newest.\n\n");
        }
        b.append(zh ? "当前指标:\n" : "Current indicators (" + enLabel(s.intradayInterval()) + "):\n");
        line(b, "Price", s.price());
        line(b, "EMA20", s.ema20());
        line(b, "MACD", s.macd());
        line(b, "RSI(7)", s.rsi7());
        b.append('\n');

        b.append(zh ? "持仓数据:\n" : "Open interest and funding:\n");
        derivatives(b, s, zh);
        b.append('\n');

        int n = s.seriesLength();
        Interval in = s.intradayInterval();
        if (zh) {
            b.append(
                    in == Interval.M1
                            ? "分钟级时序数据 (最近" + n + "分钟):\n"
                            : zhLabel(in) + "级时序数据 (最近" + n + "根" + zhLabel(in) + "K线):\n");
        } else {
            b.append(
                    in == Interval.M1
                            ? "Intraday series (last " + n + " minutes):\n"
                            : "Intraday series (last " + n + " " + enLabel(in) + " candles):\n");
        }
        list(b, "Mid Prices", s.intradayMid());
        list(b, "EMA20", s.intradayEma20());
        list(b, "MACD", s.intradayMacd());
        list(b, "RSI(7)", s.intradayRsi7());
        list(b, "RSI(14)", s.intradayRsi14());
        b.append('\n');

        Interval cx = s.contextInterval();
        b.append(zh ? zhLabel(cx) + "级别背景:\n" : enLabel(cx) + " context:\n");
        b.append("- EMA20: ")
                .append(Numbers.format(s.contextEma20()))
                .append(" vs EMA50: ")
                .append(Numbers.format(s.contextEma50()))
                .append('\n');
        b.append("- ATR(3): ")
                .append(Numbers.format(s.contextAtr3()))
                .append(" vs ATR(14): ")
                .append(Numbers.format(s.contextAtr14()))
                .append('\n');
        b.append("- Volume: ").append(Numbers.format(s.contextVolume()));
        if (s.contextCandleOpen()) {
            b.append(zh ? " (当前K线未收盘, 成交量不完整)" : " (current candle still open, partial volume)");
        }
        b.append(" vs Avg Volume: ")
                .append(Numbers.format(s.contextAvgVolume()))
                .append('\n');
        list(b, "MACD", s.contextMacd());
        list(b, "RSI(14)", s.contextRsi14());
        return b.toString();
    }

    private static void derivatives(StringBuilder b, MarketSnapshot s, boolean zh) {
        String none = zh ? "不可用 (数据源未提供)" : "unavailable (the data source provides none)";
        var oi = s.derivatives().flatMap(DerivativesInfo::openInterest);
        b.append("- Open Interest: ");
        if (oi.isPresent()) {
            var o = oi.get();
            b.append(Numbers.format(o.latest()));
            if (o.points() == 0) {
                b.append(zh ? " (均值: 不可用)" : " (mean: unavailable)");
            } else {
                String window = o.points() + " × " + duration(o.period(), false);
                b.append(
                        zh
                                ? " (均值: " + Numbers.format(o.mean()) + ", 窗口: " + window + ")"
                                : " (mean: " + Numbers.format(o.mean()) + " over " + window + ")");
            }
            if (o.current()) {
                b.append(zh ? " (当前值, 无决策时间的历史)" : " (current value: no history as of the decision time)");
            }
        } else {
            b.append(none);
        }
        b.append('\n');
        var f = s.derivatives().flatMap(DerivativesInfo::funding);
        b.append("- Funding Rate: ");
        if (f.isPresent()) {
            b.append(Numbers.format(f.get().rate()));
            b.append(
                    zh
                            ? " (每" + duration(f.get().interval(), true) + ")"
                            : " (per " + duration(f.get().interval(), false) + ")");
            if (f.get().current()) {
                b.append(zh ? " (当前值, 无历史)" : " (current value: the source keeps no history)");
            }
        } else {
            b.append(none);
        }
        b.append('\n');
    }

    private static void line(StringBuilder b, String label, double v) {
        b.append("- ").append(label).append(": ").append(Numbers.format(v)).append('\n');
    }

    private static void list(StringBuilder b, String label, List<Double> v) {
        b.append("- ").append(label).append(": ").append(Numbers.format(v)).append('\n');
    }

    static String zhLabel(Interval i) {
        return switch (i) {
            case M1 -> "1分钟";
            case M5 -> "5分钟";
            case M15 -> "15分钟";
            case H1 -> "1小时";
            case H4 -> "4小时";
            case D1 -> "1天";
        };
    }

    static String enLabel(Interval i) {
        return switch (i) {
            case M1 -> "1-minute";
            case M5 -> "5-minute";
            case M15 -> "15-minute";
            case H1 -> "1-hour";
            case H4 -> "4-hour";
            case D1 -> "1-day";
        };
    }

    /** {@code 8h}, {@code 5m}, {@code 1d}, or in Chinese {@code 8小时}, {@code 5分钟}, {@code 1天}. */
    static String duration(Duration d, boolean zh) {
        long sec = d.getSeconds();
        if (sec % 86_400 == 0) {
            return sec / 86_400 + (zh ? "天" : "d");
        }
        if (sec % 3_600 == 0) {
            return sec / 3_600 + (zh ? "小时" : "h");
        }
        if (sec % 60 == 0) {
            return sec / 60 + (zh ? "分钟" : "m");
        }
        return sec + (zh ? "秒" : "s");
    }
}
