package io.cryptogo.trading.grid;

import io.cryptogo.market.SourceInfo;
import io.cryptogo.model.Candle;
import io.cryptogo.model.SymbolInfo;
import io.cryptogo.trading.Fill;
import io.cryptogo.trading.replay.Replay;
import io.cryptogo.trading.risk.RiskLimits;
import io.cryptogo.trading.venue.paper.PaperSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A grid over past candles, on the same engine and paper matching as a live grid: {@link Replay} drives
 * the engine on a replayed clock, the {@link Grid} sees each closed bar's close, and the paper venue fills
 * the grid's resting orders when a later bar's range crosses them (at their limit). An order placed at a
 * bar's close is never matched on that bar's range (no look-ahead).
 *
 * <pre>{@code
 * GridBacktest.Result r = GridBacktest.run(candles, settings, symbolInfo, PaperSettings.defaults(),
 *         RiskLimits.defaults().withMaxDailyTrades(10_000));
 * r.metrics().gridProfit(); r.fills(); r.orders(); r.levels();
 * }</pre>
 */
public final class GridBacktest {
    private GridBacktest() {}

    /** What a grid backtest produced: its fills oldest first, its orders, the levels and metrics at the last close. */
    public record Result(
            List<Fill> fills,
            List<io.cryptogo.trading.Order> orders,
            List<LevelView> levels,
            GridMetrics metrics,
            GridBook.Status status,
            Optional<GridBook.StopReason> stopReason,
            Instant from,
            Instant to) {
        public Result {
            fills = List.copyOf(fills);
            orders = List.copyOf(orders);
            levels = List.copyOf(levels);
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(stopReason, "stopReason");
        }
    }

    /**
     * Runs {@code settings} over {@code candles} (oldest first, closed): the grid starts at the first bar's
     * open, so the range must contain it unless a trigger is given.
     */
    public static Result run(
            List<Candle> candles, GridSettings settings, SymbolInfo rules, PaperSettings paper, RiskLimits limits) {
        return run(candles, settings, rules, paper, limits, new SourceInfo(SourceInfo.Kind.SIMULATED, "grid backtest"));
    }

    /** {@link #run(List, GridSettings, SymbolInfo, PaperSettings, RiskLimits)} naming the candles' source. */
    public static Result run(
            List<Candle> candles,
            GridSettings settings,
            SymbolInfo rules,
            PaperSettings paper,
            RiskLimits limits,
            SourceInfo source) {
        if (candles.isEmpty()) {
            throw new io.cryptogo.error.InvalidRequestException("candles", "a grid backtest needs at least one candle");
        }
        try (Replay replay = Replay.builder(candles)
                .rules(rules)
                .paper(paper)
                .risk(limits)
                .source(source)
                .build()) {
            replay.open(0);
            try (Grid grid =
                    Grid.on(replay.engine()).settings(settings).id("bt").start()) {
                replay.run((i, r) -> {});
                List<Fill> fills = replay.engine().fills(Optional.empty(), Instant.EPOCH, Integer.MAX_VALUE).stream()
                        .sorted(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId))
                        .toList();
                Instant from = candles.get(0).openTime();
                Instant to = candles.get(candles.size() - 1).closeTime();
                GridBook.Status status = grid.status();
                List<io.cryptogo.trading.Order> orders = replay.engine().orders(List.of(), Integer.MAX_VALUE);
                return new Result(fills, orders, grid.levels(), grid.metrics(), status, grid.stopReason(), from, to);
            }
        }
    }

    /** The running time a backtest's APR is computed over. */
    public static Duration span(Result r) {
        return Duration.between(r.from(), r.to());
    }
}
