package io.cryptogo.ai.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The exact system and user texts sent to a model, the version of the templates they came from, and
 * {@link #hash()}: the SHA-256 (hex) of {@link #text()}.
 */
public record RenderedPrompt(String system, String user, String templateVersion) {

    public RenderedPrompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(templateVersion, "templateVersion");
    }

    /** Both messages as one text, the form stored in the journal and hashed. */
    public String text() {
        return "[system]\n" + system + "\n\n[user]\n" + user;
    }

    /** SHA-256 of {@link #text()}, lower-case hex. */
    public String hash() {
        return sha256(text());
    }

    /** SHA-256 of the UTF-8 bytes of {@code s}, lower-case hex. */
    public static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
