package dev.bookingsinvoicing.invoicing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver ({@code apt-get install chromium chromium-driver}), never a downloaded browser:
 * both paths are given, so Selenium Manager has nothing to look up. Without them the browser tests are skipped.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Browser tests skipped: " + BROWSER + " and " + DRIVER + " are needed "
                        + "(apt-get install -y chromium chromium-driver)");
    }

    static ChromeDriver start() {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1440,1000", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
