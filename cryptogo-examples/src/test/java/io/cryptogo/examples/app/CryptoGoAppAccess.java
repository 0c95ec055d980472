package io.cryptogo.examples.app;

import io.cryptogo.examples.app.guard.GuardSettings;
import io.cryptogo.examples.trading.ApiToken;

/** Test access to the app's package-private decisions. */
public final class CryptoGoAppAccess {
    private CryptoGoAppAccess() {}

    /** {@link CryptoGoApp#bindHost} with a configured ({@code generated=false}) or generated token. */
    public static String bindHost(GuardSettings g, boolean generated) {
        return CryptoGoApp.bindHost(g, generated ? ApiToken.generatedForTest() : ApiToken.of("configured-token"));
    }
}
