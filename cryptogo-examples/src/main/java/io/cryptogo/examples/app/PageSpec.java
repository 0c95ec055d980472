package io.cryptogo.examples.app;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A server-rendered page shell: the shared header, an empty {@code <main id="app">}, and the front-end
 * bundles that fill it ({@code /assets/<bundle>.js}, plus {@code /assets/<bundle>.css} when the build
 * produced one). {@code bundles.get(0)} is the page's own bundle; later ones are extensions added by other
 * modules through {@link AppRegistry#pageScript(String, String)}.
 */
public record PageSpec(String path, String title, List<String> bundles) {
    private static final Pattern BUNDLE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public PageSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(title, "title");
        bundles = List.copyOf(bundles);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("page path must start with '/': " + path);
        }
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("a page needs at least one bundle: " + path);
        }
        for (String b : bundles) {
            if (!BUNDLE.matcher(b).matches()) {
                throw new IllegalArgumentException(
                        "bundle names are lower-case letters, digits and '-' (the file name under src/pages "
                                + "without .ts), got '" + b + "'");
            }
        }
    }

    /** The page's own bundle. */
    public String mainBundle() {
        return bundles.get(0);
    }
}
