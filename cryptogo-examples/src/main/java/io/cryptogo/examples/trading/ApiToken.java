package io.cryptogo.examples.trading;

import io.cryptogo.config.Config;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The bearer token every state-changing trading endpoint requires: {@code CRYPTOGO_API_TOKEN}, or, when
 * unset, a random one generated at start (then the app also binds to localhost only).
 *
 * <pre>{@code
 * ApiToken token = ApiToken.fromConfig(config);
 * token.require(ctx);   // 401 unless "Authorization: Bearer <token>"
 * }</pre>
 */
public final class ApiToken {
    private final String token;
    private final boolean generated;

    private ApiToken(String token, boolean generated) {
        this.token = Objects.requireNonNull(token, "token");
        this.generated = generated;
    }

    public static ApiToken fromConfig(Config config) {
        return config.get("CRYPTOGO_API_TOKEN").map(t -> new ApiToken(t, false)).orElseGet(ApiToken::generate);
    }

    public static ApiToken of(String token) {
        return new ApiToken(token, false);
    }

    /** A generated token, as when CRYPTOGO_API_TOKEN is unset (tests). */
    public static ApiToken generatedForTest() {
        return generate();
    }

    static ApiToken generate() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return new ApiToken(HexFormat.of().formatHex(b), true);
    }

    /** Whether the token was generated because CRYPTOGO_API_TOKEN was unset. */
    public boolean generated() {
        return generated;
    }

    /** The token itself: only for printing it once at start and for tests. */
    public String value() {
        return token;
    }

    /** Throws 401 unless the request carries {@code Authorization: Bearer <token>}. */
    public void require(Context ctx) {
        String h = ctx.header("Authorization");
        String given = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)
                ? h.substring(7).strip()
                : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse(
                    h == null
                            ? "this endpoint needs Authorization: Bearer <CRYPTOGO_API_TOKEN>"
                            : "the bearer token is not valid");
        }
    }

    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
