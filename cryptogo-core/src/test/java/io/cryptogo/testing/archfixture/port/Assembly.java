package io.cryptogo.testing.archfixture.port;

import io.cryptogo.testing.archfixture.adapter.Adapter;

/** An entry point in the port's package that picks the adapter (ArchRulesTest fixture). */
public final class Assembly {
    private Assembly() {}

    public static Adapter build() {
        return new Adapter(new Model("m"));
    }
}
