package io.cryptogo.trading.venue.paper;

import io.cryptogo.config.Config;
import io.cryptogo.config.ConfigException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the paper account behaves.
 *
 * @param startingBalances balances of a new account ({@code PAPER_BALANCES}, default {@code USDT=10000})
 * @param slippageBps market orders fill this many basis points worse than the ask/bid ({@code
 *     PAPER_SLIPPAGE_BPS}, default 5, range 0..1000)
 * @param feeRate fee per fill as a fraction of its notional, paid in the quote asset ({@code
 *     PAPER_FEE_RATE}, default 0.001, range 0..0.1)
 * @param partialFillSize orders larger than this base quantity fill in pieces of at most this size, one
 *     piece per price update ({@code PAPER_PARTIAL_FILL_SIZE}, default unset = fill at once)
 */
public record PaperSettings(
        Map<String, BigDecimal> startingBalances,
        int slippageBps,
        BigDecimal feeRate,
        Optional<BigDecimal> partialFillSize) {

    public PaperSettings {
        startingBalances = Collections.unmodifiableMap(new LinkedHashMap<>(startingBalances));
        startingBalances.forEach((asset, amount) -> {
            if (amount.signum() < 0) {
                throw new ConfigException("PAPER_BALANCES", "PAPER_BALANCES: " + asset + " cannot start negative");
            }
        });
        if (slippageBps < 0 || slippageBps > 1000) {
            throw new ConfigException(
                    "PAPER_SLIPPAGE_BPS",
                    "PAPER_SLIPPAGE_BPS=" + slippageBps + " is out of range; accepted range: 0..1000");
        }
        Objects.requireNonNull(feeRate, "feeRate");
        if (feeRate.signum() < 0 || feeRate.compareTo(new BigDecimal("0.1")) > 0) {
            throw new ConfigException(
                    "PAPER_FEE_RATE",
                    "PAPER_FEE_RATE=" + feeRate.toPlainString() + " is out of range; accepted range: 0..0.1");
        }
        Objects.requireNonNull(partialFillSize, "partialFillSize");
        if (partialFillSize.isPresent() && partialFillSize.get().signum() <= 0) {
            throw new ConfigException("PAPER_PARTIAL_FILL_SIZE", "PAPER_PARTIAL_FILL_SIZE must be positive");
        }
    }

    /** 10,000 USDT, 5 bps slippage, 0.1% fee, no partial fills. */
    public static PaperSettings defaults() {
        return new PaperSettings(Map.of("USDT", new BigDecimal("10000")), 5, new BigDecimal("0.001"), Optional.empty());
    }

    /** From {@code PAPER_BALANCES}, {@code PAPER_SLIPPAGE_BPS}, {@code PAPER_FEE_RATE}, {@code PAPER_PARTIAL_FILL_SIZE}. */
    public static PaperSettings fromConfig(Config c) {
        Map<String, BigDecimal> balances = c.get("PAPER_BALANCES")
                .map(PaperSettings::parseBalances)
                .orElse(defaults().startingBalances());
        Optional<BigDecimal> partial = c.get("PAPER_PARTIAL_FILL_SIZE")
                .map(v -> c.decimal("PAPER_PARTIAL_FILL_SIZE", null, new BigDecimal("0.00000001"), null));
        return new PaperSettings(
                balances,
                c.integer("PAPER_SLIPPAGE_BPS", 5, 0, 1000),
                c.decimal("PAPER_FEE_RATE", new BigDecimal("0.001"), BigDecimal.ZERO, new BigDecimal("0.1")),
                partial);
    }

    /** {@code USDT=10000,BTC=0.5}. */
    static Map<String, BigDecimal> parseBalances(String text) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            try {
                if (eq <= 0) {
                    throw new NumberFormatException();
                }
                BigDecimal amount = new BigDecimal(p.substring(eq + 1).strip());
                if (amount.signum() < 0) {
                    throw new NumberFormatException();
                }
                m.put(p.substring(0, eq).strip().toUpperCase(Locale.ROOT), amount);
            } catch (NumberFormatException e) {
                throw new ConfigException(
                        "PAPER_BALANCES",
                        "PAPER_BALANCES='" + text
                                + "' cannot be read; write ASSET=amount pairs, e.g. USDT=10000,BTC=0.5");
            }
        }
        return m;
    }

    public PaperSettings withPartialFillSize(BigDecimal size) {
        return new PaperSettings(startingBalances, slippageBps, feeRate, Optional.ofNullable(size));
    }

    public PaperSettings withSlippageBps(int bps) {
        return new PaperSettings(startingBalances, bps, feeRate, partialFillSize);
    }

    public PaperSettings withStartingBalances(Map<String, BigDecimal> balances) {
        return new PaperSettings(balances, slippageBps, feeRate, partialFillSize);
    }
}
