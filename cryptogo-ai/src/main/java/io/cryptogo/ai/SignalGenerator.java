package io.cryptogo.ai;

import io.cryptogo.ai.journal.Decision;
import io.cryptogo.indicators.snapshot.MarketSnapshot;
import io.cryptogo.model.TradeSignal;

/**
 * Decides BUY, SELL or HOLD for one symbol from a verified market snapshot. Implementations never throw for
 * a bad answer or a provider fault: they return an abstained HOLD that says why. Two ship: {@link
 * RuleSignalGenerator} ({@code rules}) and {@link LlmSignalGenerator} ({@code llm:<provider>/<model>});
 * {@link Signals#fromConfig} picks one.
 *
 * <pre>{@code
 * SignalGenerator g = Signals.fromConfig(Config.fromEnv());
 * Decision d = g.decide(MarketSnapshot.builder(market).symbol("BTC/USDT").intradayInterval(Interval.H1).build());
 * TradeSignal s = d.signal();     // s.generator() is "rules" or "llm:openai/gpt-4o-mini"
 * }</pre>
 */
public interface SignalGenerator {

    /** {@code rules} or {@code llm:<provider>/<model>}. */
    String label();

    /** One decision with its audit trail; recorded in the journal when the generator has one. */
    Decision decide(SignalInput input);

    /** {@link #decide(SignalInput)} on a snapshot. */
    default Decision decide(MarketSnapshot snapshot) {
        return decide(SignalInput.of(snapshot));
    }

    /** The signal alone. */
    default TradeSignal generate(MarketSnapshot snapshot) {
        return decide(snapshot).signal();
    }

    /** The signal alone. */
    default TradeSignal generate(SignalInput input) {
        return decide(input).signal();
    }
}
