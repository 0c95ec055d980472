package io.cryptogo.error;

/** The exchange (or the network to it) failed: a timeout, a 5xx, a dropped connection, garbage. */
public class ExchangeUnavailableException extends CryptoGoException {
    private static final long serialVersionUID = 1L;

    public ExchangeUnavailableException(String message) {
        super(message);
    }

    public ExchangeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
