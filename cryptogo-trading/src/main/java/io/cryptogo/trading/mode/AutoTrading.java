package io.cryptogo.trading.mode;

import io.cryptogo.config.ConfigException;
import io.cryptogo.model.TradeSignal;
import io.cryptogo.trading.Order;
import io.cryptogo.trading.OrderRequest;
import io.cryptogo.trading.Side;
import io.cryptogo.trading.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a signal does, by {@code AUTO_TRADING}: {@code off} (the default) makes it a proposal for a person
 * to confirm; {@code paper} executes it at once on the paper venue; {@code live} executes it at once on the
 * exchange, only when set explicitly, with a loud warning at start. Every order passes the risk checks in
 * every mode. A signal executed twice (same symbol, candle and generator) gives one order. Spot: a SELL
 * closes the long position, without stop loss or take profit; a SELL with no position is skipped with the
 * reason {@value #NO_POSITION_TO_SELL} (a HOLD in the decision journal), never thrown.
 *
 * <pre>{@code
 * Outcome o = trader.auto().onSignal(signal);   // a proposal when off, an order when paper or live
 * }</pre>
 */
public final class AutoTrading implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AutoTrading.class);

    /** {@code AUTO_TRADING} values. */
    public enum Mode {
        OFF,
        PAPER,
        LIVE
    }

    /** The reason a SELL signal without a position is skipped. */
    public static final String NO_POSITION_TO_SELL = "no position to sell";

    /** What a signal became: a proposal, an order, or nothing (a HOLD, or a skip and its reason). */
    public record Outcome(Optional<Proposal> proposal, Optional<Order> order, Optional<String> skipped) {
        public Outcome {
            Objects.requireNonNull(proposal, "proposal");
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(skipped, "skipped");
        }

        /** Nothing done, for the reason given. */
        public static Outcome skipped(String reason) {
            return new Outcome(Optional.empty(), Optional.empty(), Optional.of(reason));
        }
    }

    private final Engine trader;
    private final Proposals proposals;
    private final Mode mode;

    public AutoTrading(Engine engine, Proposals proposals, Mode mode) {
        this.trader = Objects.requireNonNull(engine, "engine");
        this.proposals = Objects.requireNonNull(proposals, "proposals");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (mode == Mode.LIVE) {
            String line = "!".repeat(78);
            log.warn(line);
            log.warn(
                    "!! AUTO_TRADING=live: signals are executed WITHOUT confirmation on {} with {}",
                    trader.venue().accountId(),
                    trader.venue().live() ? "real orders" : "testnet orders (no real money)");
            log.warn("!! risk limits still apply: {}", trader.risk().limits());
            log.warn(line);
        }
    }

    /**
     * Fails at start when the mode does not fit the venue: paper needs the paper venue, live an exchange
     * ({@code liveVenue}: the venue is an exchange, its testnet included).
     */
    public static void validate(Mode mode, boolean liveVenue) {
        if (mode == Mode.PAPER && liveVenue) {
            throw new ConfigException(
                    "AUTO_TRADING",
                    "AUTO_TRADING=paper executes on the paper venue, but TRADING_VENUE is an exchange;"
                            + " set AUTO_TRADING=live to execute signals there, or off to confirm each one");
        }
        if (mode == Mode.LIVE && !liveVenue) {
            throw new ConfigException(
                    "AUTO_TRADING",
                    "AUTO_TRADING=live needs an exchange venue (TRADING_VENUE=binance); use AUTO_TRADING=paper for the paper account");
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Routes one signal by the mode. Risk rejections propagate as {@link io.cryptogo.error.RiskRejectedException}. */
    public Outcome onSignal(TradeSignal s) {
        if (s.action() == TradeSignal.Action.HOLD) {
            return new Outcome(Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<String> skip = proposals.skipReason(s);
        if (skip.isPresent()) {
            log.info("signal {} {} skipped: {}", s.action(), s.symbol(), skip.get());
            return Outcome.skipped(skip.get());
        }
        if (mode == Mode.OFF) {
            return new Outcome(proposals.propose(s), Optional.empty(), Optional.empty());
        }
        Side side = s.action() == TradeSignal.Action.BUY ? Side.BUY : Side.SELL;
        OrderRequest r =
                OrderRequest.market(s.symbol(), side, proposals.size(s)).withClientOrderId(signalId(s));
        if (side == Side.BUY) {
            r = r.withProtection(s.stopLoss().orElseThrow(), s.takeProfit().orElseThrow());
        }
        Order o = trader.submit(r);
        log.info(
                "auto ({}) executed signal {} {}: order {} {}",
                mode,
                s.action(),
                s.symbol(),
                o.clientOrderId(),
                o.status());
        return new Outcome(Optional.empty(), Optional.of(o), Optional.empty());
    }

    /** {@code auto-} and 24 hex digits of a hash of symbol, interval, candle time, action and generator. */
    static String signalId(TradeSignal s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest((s.symbol() + "|" + s.interval() + "|"
                            + s.candleTime().toEpochMilli() + "|" + s.action() + "|" + s.generator())
                    .getBytes(StandardCharsets.UTF_8));
            return "auto-" + HexFormat.of().formatHex(h).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {}
}
