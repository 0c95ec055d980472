package io.cryptogo.error;

/** A model's answer could not be read as a trade signal, or broke the signal's rules. */
public class SignalParseException extends CryptoGoException {
    private static final long serialVersionUID = 1L;

    public SignalParseException(String message) {
        super(message);
    }

    public SignalParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
