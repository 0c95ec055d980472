package io.cryptogo.examples.app;

import java.util.Objects;

/**
 * One link in the shared page header. Entries are shown by ascending {@code order}, then label; the
 * built-in chart page uses order 10, so 20, 30, ... put an entry after it.
 */
public record NavEntry(String path, String label, int order) {
    public NavEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("nav path must start with '/': " + path);
        }
        if (label.isBlank()) {
            throw new IllegalArgumentException("nav label must not be blank");
        }
    }
}
