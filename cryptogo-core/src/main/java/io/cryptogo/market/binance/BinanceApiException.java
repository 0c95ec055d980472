package io.cryptogo.market.binance;

import java.io.Serial;

/**
 * Binance's own answer to a failed request, kept as the cause of the {@link io.cryptogo.error.CryptoGoException}
 * the adapter throws: the HTTP status, Binance's error code (e.g. {@code -1121}) and its message.
 */
public final class BinanceApiException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final String binanceMessage;

    public BinanceApiException(int status, int code, String binanceMessage, String request) {
        super("HTTP " + status + (code != 0 ? " code " + code : "") + " on " + request + ": " + binanceMessage);
        this.status = status;
        this.code = code;
        this.binanceMessage = binanceMessage;
    }

    /** Binance's answer among the causes of {@code e}, when Binance answered at all. */
    public static java.util.Optional<BinanceApiException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BinanceApiException b) {
                return java.util.Optional.of(b);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    /** Binance's error code among the causes of {@code e}, or 0 when there is none. */
    public static int codeOf(Throwable e) {
        return in(e).map(BinanceApiException::code).orElse(0);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Binance's error code ({@code -1121} …), or 0 when the body carried none. */
    public int code() {
        return code;
    }

    /** Binance's {@code msg}, or the start of the body when it was not Binance's JSON. */
    public String binanceMessage() {
        return binanceMessage;
    }
}
