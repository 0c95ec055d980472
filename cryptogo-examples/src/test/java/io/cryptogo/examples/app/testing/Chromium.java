package io.cryptogo.examples.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven by Debian's chromedriver, both by explicit path so that Selenium Manager
 * never downloads a browser, with the flags this machine's closed network needs and a fresh profile. A missing
 * browser fails the test with the command to install it ({@code .ci/run} installs it); it never skips.
 */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** A headless browser with a {@code width × height} window. Quit it when done. */
    public static ChromeDriver start(int width, int height) {
        assertThat(BINARY)
                .as("the browser tests need Debian's chromium: apt-get install -y chromium chromium-driver")
                .isExecutable();
        assertThat(DRIVER).as("apt-get install -y chromium-driver").isExecutable();
        Path profile;
        try {
            // a fresh profile under target/, removed with the build output
            Path dir = Files.createDirectories(Path.of("target", "chromium-profiles"));
            profile = Files.createTempDirectory(dir, "profile-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
