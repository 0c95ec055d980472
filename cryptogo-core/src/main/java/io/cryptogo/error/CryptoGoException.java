package io.cryptogo.error;

/**
 * Root of every exception CryptoGo throws. Unchecked; {@link #retriable()} tells a caller whether the
 * same call may succeed later without changing anything.
 */
public class CryptoGoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CryptoGoException(String message) {
        super(message);
    }

    public CryptoGoException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether repeating the same call later may succeed. */
    public boolean retriable() {
        return false;
    }
}
