package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.rxflow.launcher.broker.EmbeddedBroker;

/**
 * The patient's web chat in a real browser (Debian's headless Chromium) against the whole local
 * stack, as a patient uses it: sign in on the authorization server's form, use a quick action or
 * type, read the replies and the side panel. Skipped where {@code /usr/bin/chromedriver} is not installed ({@code .ci/run}
 * installs it).
 *
 * <p>Run with {@code -Drxflow.web-chat.screenshot=../docs/web-chat.png} to refresh the README's
 * screenshot; every run leaves one in {@code target/web-chat.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebChatBrowserTest {

    private static final Duration REPLY_PATIENCE = Duration.ofSeconds(30);
    /** The local authorization server's development patients (auth-server module). */
    private static final String JOHN = "john";
    private static final String JOHN_PASSWORD = "rxflow-local-john";
    private static final String MARY = "mary";
    private static final String MARY_PASSWORD = "rxflow-local-mary";

    private RunningStack running;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startTheStackAndABrowser() throws IOException {
        HeadlessChromium.assumeInstalled();
        running = RunningStack.start(dataDir -> new EmbeddedBroker(dataDir, 0));
        browser = HeadlessChromium.start(1280, 900);
        wait = new WebDriverWait(browser, REPLY_PATIENCE);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aPatientSignsInAsksForTheirMedicationsAndSeesTheReplyAndTheSidePanel() throws IOException {
        openChatAs(JOHN, JOHN_PASSWORD);

        String reply = quickAction("My medications");

        assertThat(reply).contains("John").contains("Omeprazole");
        assertThat(texts(By.cssSelector("#messages .message.patient .text"))).contains("Which medications am I on?");
        assertThat(browser.findElement(By.cssSelector("#messages .message:last-child time")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("patient-name")).getText()).isEqualTo("John Smith");
        assertThat(browser.findElement(By.id("patient-id")).getText()).isEqualTo("patient_001");
        assertThat(browser.findElement(By.id("medications")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("step")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("who")).getText()).contains(JOHN);
        assertThat(browser.findElement(By.id("signed-out")).isDisplayed()).isFalse();
    }

    @Test
    void aPatientRefillsOmeprazoleAtTheCheapestPharmacyAfterConfirmingTheOrder() throws IOException {
        openChatAs(JOHN, JOHN_PASSWORD);

        assertThat(quickAction("Refill a medication")).containsIgnoringCase("which");
        assertThat(say("my omeprazole")).contains("omeprazole 20mg").contains("Is this the one");
        assertThat(say("yes")).contains("Walmart Pharmacy #98765").contains("$9.60");
        assertThat(say("the cheapest")).contains("Please confirm your order").contains("Walmart Pharmacy #98765");
        String placed = say("yes, place the order");

        assertThat(placed).contains("Your order RX").contains("is placed").contains("Walmart Pharmacy #98765");
        wait.until(driver -> browser.findElement(By.id("medications")).getText().contains("omeprazole"));
        screenshot();
    }

    @Test
    void whatAPatientTypesIsShownAsTextAndNeverRunsAsMarkup() {
        openChatAs(MARY, MARY_PASSWORD);
        String markup = "<img src=x onerror=\"document.title='pwned'\"> <b>bold</b>";

        say(markup);

        assertThat(texts(By.cssSelector("#messages .message.patient .text"))).contains(markup);
        assertThat(browser.findElements(By.cssSelector("#messages img, #messages b"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("RxFlow Pharmacy Assistant");
    }

    @Test
    void theChatIsUsableWithTheKeyboardAlone() {
        openChatAs(JOHN, JOHN_PASSWORD);
        WebElement box = browser.findElement(By.id("message"));
        box.click();
        int before = replies();

        box.sendKeys("Which medications am I on?", Keys.ENTER);

        wait.until(driver -> replies() > before && typingHidden());
        assertThat(box.getAttribute("value")).isEmpty();
    }

    /**
     * Opens the page afresh, signed out everywhere, and signs in on the authorization server's form
     * (authorization code + PKCE; the page comes back with the patient's token).
     */
    private void openChatAs(String username, String password) {
        // the authorization server's session too, so the next test may sign in as someone else
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        // a page of the chat's origin that does not start a sign-in, to forget the previous token
        browser.get(chatUrl() + "chat/chat.css");
        browser.executeScript("sessionStorage.clear()");
        browser.get(chatUrl());
        wait.until(ExpectedConditions.elementToBeClickable(By.name("username"))).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
    }

    /**
     * The chat at the loopback address: the authorization server matches a loopback redirect URI
     * (http://127.0.0.1/) whatever its port (RFC 8252), and the test's gateway has a free port.
     */
    private String chatUrl() {
        return running.gatewayUrl().replace("localhost", "127.0.0.1") + "/";
    }

    /**
     * Types a message, sends it, and waits for the assistant to finish answering it. The refill
     * flow's steps (medication, confirmation, pharmacy, an explicit yes) are this, one after another.
     *
     * @return the text of the last reply
     */
    private String say(String text) {
        int before = replies();
        WebElement box = browser.findElement(By.id("message"));
        box.clear();
        box.sendKeys(text);
        browser.findElement(By.id("send")).click();
        return awaitReply(before);
    }

    /** Presses a quick action and waits for the answer, as {@link #say}. */
    private String quickAction(String label) {
        int before = replies();
        // the page redraws the quick actions when the conversation's first state arrives, which may be
        // between finding the buttons and clicking one: find them again then
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElements(By.cssSelector("#quick-actions button")).stream()
                    .filter(button -> button.getText().equals(label)).findFirst().orElseThrow().click();
            return true;
        });
        return awaitReply(before);
    }

    private String awaitReply(int repliesBefore) {
        wait.until(driver -> replies() > repliesBefore && typingHidden());
        List<String> replies = texts(By.cssSelector("#messages .message.assistant .text"));
        return replies.get(replies.size() - 1);
    }

    private int replies() {
        return browser.findElements(By.cssSelector("#messages .message.assistant")).size();
    }

    private boolean typingHidden() {
        return !browser.findElement(By.id("typing")).isDisplayed();
    }

    private List<String> texts(By selector) {
        return browser.findElements(selector).stream().map(WebElement::getText).toList();
    }

    private void screenshot() throws IOException {
        HeadlessChromium.screenshot(browser, 1280, 900, "web-chat.png", "rxflow.web-chat.screenshot");
    }
}
