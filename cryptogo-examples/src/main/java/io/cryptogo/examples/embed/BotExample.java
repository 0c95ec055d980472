package io.cryptogo.examples.embed;

import io.cryptogo.CryptoGo;
import io.cryptogo.ai.SignalGenerator;
import io.cryptogo.ai.Signals;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.market.StreamHandle;
import io.cryptogo.model.Candle;
import io.cryptogo.model.Interval;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.Trader;
import io.cryptogo.trading.mode.AutoTrading;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bot: market stream → signal → risk → manual confirmation (a proposal a person approves) or a paper
 * order ({@code AUTO_TRADING=paper}). On the stream's first update it decides on
 * the closed candles.
 *
 * <pre>{@code
 * Result r = BotExample.run(CryptoGo.demo(), "BTC/USDT", true);   // approve the proposal, if any
 * }</pre>
 */
public final class BotExample {
    private BotExample() {}

    /** What the bot did: the signal, what the trader made of it, and the order once confirmed. */
    public record Result(TradeSignal signal, AutoTrading.Outcome outcome, Optional<Order> order) {}

    public static Result run(CryptoGo cg, String symbol, boolean approve) throws Exception {
        SignalGenerator signals = Signals.on(cg); // the rules, or the LLM when configured
        try (Trader trader = Trader.on(cg)) {
            var update = new CompletableFuture<Candle>(); // the stream thread only hands the update over
            try (StreamHandle stream = cg.market().stream(symbol, Interval.M1, update::complete)) {
                update.get(30, TimeUnit.SECONDS);
            }
            MarketSnapshot snapshot = MarketSnapshot.builder(cg.market())
                    .symbol(symbol)
                    .intradayInterval(Interval.M1)
                    .build(); // closed candles only
            return act(trader, signals.decide(snapshot).signal(), approve);
        }
    }

    /** Signal → risk → proposal (approved when {@code approve}) or paper order, by {@code AUTO_TRADING}. */
    public static Result act(Trader trader, TradeSignal signal, boolean approve) {
        // sized and risk-checked by the trader; AUTO_TRADING off -> a proposal, paper -> an order; HOLD -> nothing
        AutoTrading.Outcome outcome = trader.auto().onSignal(signal);
        Optional<Order> order = outcome.order();
        if (approve && outcome.proposal().isPresent()) { // the manual confirmation
            order = Optional.of(
                    trader.proposals().approve(outcome.proposal().get().id()));
        }
        return new Result(signal, outcome, order);
    }

    public static void main(String[] args) throws Exception {
        try (CryptoGo cg = CryptoGo.demo()) {
            Result r = run(cg, args.length > 0 ? args[0] : "BTC/USDT", true);
            System.out.println(
                    "signal " + r.signal().action() + ": " + r.signal().reasoning());
            r.outcome().skipped().ifPresent(s -> System.out.println("skipped: " + s));
            r.order().ifPresent(o -> System.out.println("order " + o.side() + " " + o.quantity() + " " + o.status()));
        }
    }
}
