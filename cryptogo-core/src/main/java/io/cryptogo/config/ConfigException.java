package io.cryptogo.config;

import io.cryptogo.error.CryptoGoException;

/** A setting is missing or has a value outside what it accepts. Thrown at start, never later. */
public class ConfigException extends CryptoGoException {
    private static final long serialVersionUID = 1L;
    private final String setting;

    public ConfigException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting's name, e.g. {@code MAX_DAILY_TRADES}. */
    public String setting() {
        return setting;
    }
}
