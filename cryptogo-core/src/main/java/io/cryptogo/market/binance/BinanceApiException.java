package io.cryptogo.market.binance;

import java.io.Serial;

/**
 * Binance's own answer to a failed request, kept as the cause of the {@link io.cryptogo.CryptoGoException}
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
