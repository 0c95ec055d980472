package io.cryptogo.market;

import java.util.Objects;

/**
 * Where market data comes from, and why: e.g. {@code SIMULATED, "Binance unreachable at
 * https://api.binance.com: connect timed out"}.
 */
public record SourceInfo(Kind kind, String reason) {
    /** The kinds of market-data source. */
    public enum Kind {
        BINANCE,
        SIMULATED;

        /** {@code binance} / {@code simulated}, as the app reports it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SourceInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean simulated() {
        return kind == Kind.SIMULATED;
    }

    @Override
    public String toString() {
        return kind.label() + " (" + reason + ")";
    }
}
