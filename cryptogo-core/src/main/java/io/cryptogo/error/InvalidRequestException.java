package io.cryptogo.error;

/**
 * A caller's mistake: an unknown symbol, a bad interval, a limit out of range. The message names the
 * field and the accepted values; {@link #field()} gives the field alone.
 */
public class InvalidRequestException extends CryptoGoException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidRequestException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The name of the offending field or parameter, e.g. {@code "interval"}. */
    public String field() {
        return field;
    }
}
