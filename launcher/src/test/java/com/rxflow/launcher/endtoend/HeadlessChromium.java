package com.rxflow.launcher.endtoend;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver for the browser tests: a test is skipped where they are not
 * installed (.ci/run installs them), and each browser gets a throw-away profile.
 */
final class HeadlessChromium {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** Skips the calling test class where Chromium or its driver is missing. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
    }

    /** A headless browser with a window of the given size. */
    static ChromeDriver start(int width, int height) throws IOException {
        Path profile = Files.createDirectories(Path.of("target", "chromium", UUID.randomUUID().toString()));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    /**
     * Saves what the browser shows, at the given size, as {@code target/<name>}, and also where the
     * system property {@code docsProperty} says (to refresh a screenshot in docs/).
     */
    static void screenshot(ChromeDriver browser, int width, int height, String name, String docsProperty)
            throws IOException {
        browser.manage().window().setSize(new Dimension(width, height));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        String docs = System.getProperty(docsProperty);
        if (docs != null && !docs.isBlank()) {
            Files.copy(shot.toPath(), Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
            Path.of(docs).toFile().setReadable(true, false);
        }
    }
}
