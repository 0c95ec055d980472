package io.cryptogo.ai.desk;

import java.util.Locale;

/** The desk's roles, in the order they act; {@link #RISK_CHECK} is code, every other role a model call. */
public enum DeskRole {
    TECHNICAL,
    SENTIMENT,
    BULL,
    BEAR,
    RESEARCH_MANAGER,
    TRADER,
    RISK_CHECK,
    RISK_COMMENTARY,
    /** The single LLM the desk fell back to when its budget ran out. */
    FALLBACK;

    /** The name shown and stored: {@code technical}, {@code research_manager}, … */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a stored key. */
    public static DeskRole of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
