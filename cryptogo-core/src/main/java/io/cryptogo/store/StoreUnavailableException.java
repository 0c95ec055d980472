package io.cryptogo.store;

import io.cryptogo.error.CryptoGoException;

/**
 * The database could not be reached or dropped the connection (a restart, a network cut). Retriable:
 * reads fail fast with it; the collector's writes wait and retry instead of surfacing it.
 */
public class StoreUnavailableException extends CryptoGoException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
