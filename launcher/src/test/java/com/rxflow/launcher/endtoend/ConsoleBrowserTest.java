package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import com.rxflow.launcher.broker.EmbeddedBroker;

/**
 * The pharmacist console in a real browser (Debian's headless Chromium) against the whole local
 * stack: patients write through the gateway, cases appear in the queue by themselves, the
 * development pharmacist signs in, claims a case and answers, and the patient reads the answer.
 * Skipped where {@code /usr/bin/chromedriver} is not installed ({@code .ci/run} installs it).
 *
 * <p>Run with {@code -Drxflow.console.screenshot=../docs/console.png} to refresh the README's
 * screenshot; every run leaves one in {@code target/console.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String CLINICAL = "can I take ibuprofen with my meloxicam?";
    private static final String MARKUP = "Can I talk to a pharmacist? <img src=x onerror=\"document.title='pwned'\"><b>now</b>";

    private RunningStack running;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private RestClient gateway;
    private String clinicalConversation;

    @BeforeAll
    void startTheStackABrowserAndAFewCases() throws IOException {
        HeadlessChromium.assumeInstalled();
        running = RunningStack.start(dataDir -> new EmbeddedBroker(dataDir, 0));
        gateway = running.gateway(RunningStack.WEB_KEY);
        // the assistant knows the patient once it looked them up, and sends the pharmacist their summary
        clinicalConversation = ask("patient_001", "Which medications am I on?", CLINICAL);
        ask("patient_002", MARKUP);
        ask("patient_001", "I need a refill for my metformin");
        ask("patient_002", "Which medications am I on?", "I took too many pills by accident");

        browser = HeadlessChromium.start(1440, 960);
        wait = new WebDriverWait(browser, PATIENCE);
        signIn();
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
    void aPharmacistSignsInClaimsACaseAndRepliesAndThePatientReadsTheReply() throws IOException {
        WebElement row = rowContaining("ibuprofen");
        row.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-question"), CLINICAL));
        assertThat(browser.findElement(By.id("patient-name")).getText()).isEqualTo("John Smith");
        assertThat(browser.findElement(By.id("patient-medications")).getText()).containsIgnoringCase("meloxicam");
        assertThat(browser.findElement(By.id("case-reasons")).getText()).contains("CLINICAL_QUESTION");

        browser.findElement(By.id("claim")).click();
        WebElement reply = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reply-text")));
        String answer = "Please don't combine ibuprofen with meloxicam: both are NSAIDs. Acetaminophen is safer.";
        reply.sendKeys(answer);
        browser.findElement(By.id("send-reply")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), answer));
        assertThat(browser.findElement(By.id("case-meta")).getText()).contains("claimed by Jennifer Martinez");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(transcript(clinicalConversation)).anySatisfy(line -> {
                    assertThat(line.get("role")).isEqualTo("pharmacist");
                    assertThat(line.get("text")).isEqualTo(answer);
                }));
        screenshot();
    }

    @Test
    void whatAPatientTypedIsShownAsTextAndNeverRunsAsMarkup() {
        WebElement row = rowContaining("<b>now</b>");
        row.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-question"), MARKUP));

        assertThat(browser.findElements(By.cssSelector("#cases img, #cases b, #case img, #case b"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("RxFlow Pharmacist Console");
    }

    @Test
    void theQueueIsSortedByPriorityAndWorksWithTheKeyboard() {
        List<String> priorities = browser.findElements(By.cssSelector("#case-rows .badge")).stream()
                .map(WebElement::getText).toList();
        assertThat(priorities).first().isEqualTo("Urgent");

        WebElement first = browser.findElement(By.cssSelector("#case-rows tr"));
        first.sendKeys(Keys.ARROW_DOWN);
        WebElement focused = browser.switchTo().activeElement();
        focused.sendKeys(Keys.ENTER);

        wait.until(driver -> focused.getAttribute("aria-selected").equals("true")
                && browser.findElement(By.id("case")).isDisplayed());
        assertThat(browser.findElement(By.id("case-sla")).getText()).matches(".*(left|overdue).*");
    }

    private void signIn() {
        browser.get(running.consoleUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(RunningStack.PHARMACIST);
        browser.findElement(By.id("password")).sendKeys(RunningStack.PHARMACIST_PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), "Jennifer Martinez"));
        // the cases opened before sign-in, and live updates for those still opening
        wait.until(driver -> browser.findElements(By.cssSelector("#case-rows tr")).size() >= 4);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "live"));
    }

    private WebElement rowContaining(String text) {
        return wait.until(driver -> browser.findElements(By.cssSelector("#case-rows tr")).stream()
                .filter(row -> row.getText().contains(text)).findFirst().orElse(null));
    }

    /** A patient opens a conversation and writes, waiting for each answer; returns the conversation id. */
    private String ask(String patientId, String... messages) {
        Map<String, Object> created = running.openConversation(patientId).getBody();
        String conversation = (String) created.get("conversationId");
        for (String text : messages) {
            gateway.post().uri("/api/v1/conversations/{id}/messages", conversation)
                    .contentType(MediaType.APPLICATION_JSON).header("Prefer", "wait=20")
                    .body(Map.of("messageId", "m-" + UUID.randomUUID(), "text", text)).retrieve().toBodilessEntity();
        }
        return conversation;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> transcript(String conversation) {
        return (List<Map<String, Object>>) gateway.get()
                .uri("/api/v1/conversations/{id}/messages?page=0&size=100", conversation).retrieve().body(JSON)
                .get("messages");
    }

    private void screenshot() throws IOException {
        browser.executeScript("document.getElementById('detail').scrollTop = 0; window.scrollTo(0, 0);");
        HeadlessChromium.screenshot(browser, 1440, 960, "console.png", "rxflow.console.screenshot");
    }
}
