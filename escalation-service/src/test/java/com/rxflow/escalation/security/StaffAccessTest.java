package com.rxflow.escalation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import com.rxflow.escalation.EscalationServiceTest;
import com.rxflow.platform.security.ServiceKey;
import com.rxflow.platform.testing.MutableClock;

/**
 * Staff access to the console and the API over real HTTP: CSRF, lockout, cookies, the absence of
 * Basic challenges, CSP and HSTS, roles, the service key. Sign-in needs no broker, so the stream
 * is not started; the clock is the test's, so a lockout can run out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=escalation-service",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.streams.auto-startup=false",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "rxflow.streams.state-dir=target/streams-state/staff-access",
        "rxflow.service-key=" + EscalationServiceTest.SERVICE_KEY,
        "rxflow.escalation.peers.allow-plain-http=true",
        // as production runs behind its TLS proxy
        "server.forward-headers-strategy=native",
        "rxflow.escalation.access.users[0].username=jmartinez",
        "rxflow.escalation.access.users[0].password={noop}" + EscalationServiceTest.PASSWORD,
        "rxflow.escalation.access.users[0].display-name=Jennifer Martinez",
        "rxflow.escalation.access.users[0].roles=PHARMACIST",
        "rxflow.escalation.access.users[1].username=drjohnson",
        "rxflow.escalation.access.users[1].password={noop}" + EscalationServiceTest.PASSWORD,
        "rxflow.escalation.access.users[1].display-name=Dr. Sarah Johnson",
        "rxflow.escalation.access.users[1].roles=PRESCRIBER",
        "rxflow.escalation.access.users[2].username=auditor",
        "rxflow.escalation.access.users[2].password={noop}" + EscalationServiceTest.PASSWORD,
        "rxflow.escalation.access.users[2].display-name=Alex Auditor",
        "rxflow.escalation.access.users[2].roles=AUDITOR"})
class StaffAccessTest {

    private static final String PASSWORD = EscalationServiceTest.PASSWORD;
    private static final String CLAIM = "/api/v1/cases/esc-1/claim";

    @Autowired
    MutableClock clock;

    @LocalServerPort
    int port;

    @TestConfiguration
    static class TestClock {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
        }
    }

    @BeforeEach
    void earlierFailuresAreLongForgotten() {
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void aCrossSiteFormPostRidingOnTheSessionCannotClaimACaseWithOrWithoutAnAuthorizationHeader() {
        Browser pharmacist = signedIn("jmartinez");

        HttpResponse<String> plain = pharmacist.post(CLAIM, "Content-Type", "application/x-www-form-urlencoded");
        HttpResponse<String> withBasic = pharmacist.post(CLAIM, "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", basic("jmartinez", PASSWORD));

        assertThat(plain.statusCode()).isEqualTo(403);
        assertThat(plain.body()).contains("https://rxflow.dev/problems/forbidden").contains("CSRF token");
        assertThat(withBasic.statusCode()).as("an Authorization header does not excuse a session from CSRF")
                .isEqualTo(403);
        assertThat(pharmacist.post(CLAIM, "X-XSRF-TOKEN", "a-guess").statusCode()).isEqualTo(403);
    }

    @Test
    void theConsolesOwnRequestWithTheTokenFromItsCookieGetsPastTheCsrfCheck() {
        Browser pharmacist = signedIn("jmartinez");
        pharmacist.get("/api/v1/me");
        assertThat(pharmacist.cookie("XSRF-TOKEN")).as("the token cookie the console reads").isNotNull();

        HttpResponse<String> claim = pharmacist.post(CLAIM, "X-XSRF-TOKEN", pharmacist.cookie("XSRF-TOKEN"));

        assertThat(claim.statusCode()).as(claim.body()).isNotIn(401, 403);
    }

    @Test
    void anApiClientSendingBasicCredentialsWithoutASessionNeedsNoTokenAndGetsNoSession() {
        Browser client = new Browser(base());

        HttpResponse<String> claim = client.post(CLAIM, "Authorization", basic("jmartinez", PASSWORD));

        assertThat(claim.statusCode()).as(claim.body()).isNotIn(401, 403);
        assertThat(claim.headers().allValues("Set-Cookie")).as("stateless: no session cookie")
                .noneMatch(cookie -> cookie.startsWith("JSESSIONID="));
    }

    @Test
    void signInLocksAfterFiveFailuresSoTheSixthWithTheRightPasswordIsRefusedUntilTheLockoutEnds() {
        Browser browser = new Browser(base());
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(browser.signIn("jmartinez", "guess-" + attempt).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        }

        assertThat(browser.signIn("jmartinez", PASSWORD).headers().firstValue("Location"))
                .as("locked: the right password is refused too").hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(api("jmartinez", PASSWORD).statusCode()).as("HTTP Basic is locked out as well").isEqualTo(401);
        assertThat(api("drjohnson", PASSWORD).statusCode()).as("other accounts are not").isEqualTo(200);

        clock.advance(Duration.ofMinutes(14));
        assertThat(api("jmartinez", PASSWORD).statusCode()).as("still locked after 14 minutes").isEqualTo(401);
        clock.advance(Duration.ofMinutes(1));
        assertThat(browser.signIn("jmartinez", PASSWORD).headers().firstValue("Location"))
                .as("unlocked after 15 minutes").hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            assertThat(api("jmartinez", "guess").statusCode()).isEqualTo(401);
            clock.advance(Duration.ofMinutes(4));
        }
        assertThat(api("jmartinez", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientGuessingAcrossManyUsernamesIsLockedOutWhateverTheAccount() {
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(api("user-" + attempt, "guess").statusCode()).isEqualTo(401);
        }
        assertThat(api("jmartinez", PASSWORD).statusCode()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(16));
        assertThat(api("jmartinez", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserLikeUnauthenticatedGetOfTheApiGetsAProblemAndNoBasicChallenge() {
        HttpResponse<String> anonymous = new Browser(base()).get("/api/v1/cases", "Accept", "text/html");
        HttpResponse<String> anonymousWrite = new Browser(base()).post(CLAIM, "Accept", "text/html");
        HttpResponse<String> wrongPassword = api("jmartinez", "guess");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(anonymousWrite.statusCode()).isEqualTo(401);
        assertThat(anonymousWrite.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void theSessionAndTokenCookiesAreSameSiteStrictAndTheSessionCookieHttpOnly() {
        Browser browser = new Browser(base());
        HttpResponse<String> loginPage = browser.get("/login");
        HttpResponse<String> signedIn = browser.signIn("jmartinez", PASSWORD);

        assertThat(Browser.setCookies(signedIn, "JSESSIONID")).singleElement().satisfies(cookie -> assertThat(cookie)
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        assertThat(Browser.setCookies(loginPage, "XSRF-TOKEN")).allSatisfy(cookie -> assertThat(cookie)
                .containsIgnoringCase("SameSite=Strict"));
    }

    @Test
    void theContentSecurityPolicyAllowsNoInlineStyleOrScript() {
        HttpResponse<String> login = new Browser(base()).get("/login");

        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("style-src 'self';").contains("script-src 'self';").doesNotContain("unsafe-inline"));
    }

    @Test
    void theConsolesPagesAndScriptUseNoInlineStyleThePolicyWouldBlock() throws IOException {
        String page = resource("escalation-console/index.html");
        String script = resource("escalation-console/console.js");

        assertThat(page).doesNotContain("style=").doesNotContainIgnoringCase("<style").doesNotContain("<script>");
        assertThat(script).doesNotContain("setAttribute('style'").doesNotContain("setAttribute(\"style\"")
                .doesNotContain("style=").doesNotContain("cssText");
    }

    @Test
    void behindATlsProxyEveryAnswerCarriesHsts() {
        HttpResponse<String> overTls = new Browser(base()).get("/login", "X-Forwarded-Proto", "https");
        HttpResponse<String> plain = new Browser(base()).get("/login");

        assertThat(overTls.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void anAuditorReadsTheAuditTrailButNoCaseAndOnlyAnAuditorReadsTheAuditTrail() {
        assertThat(new Browser(base()).get("/api/v1/cases", "Authorization", basic("auditor", PASSWORD)).statusCode())
                .as("the queue").isEqualTo(403);
        assertThat(new Browser(base()).post(CLAIM, "Authorization", basic("auditor", PASSWORD)).statusCode())
                .isEqualTo(403);
        assertThat(new Browser(base()).get("/api/v1/audit/events", "Authorization", basic("auditor", PASSWORD))
                .statusCode()).as("allowed (no such endpoint yet)").isEqualTo(404);
        assertThat(new Browser(base()).get("/api/v1/audit/events", "Authorization", basic("jmartinez", PASSWORD))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void actuatorWritesNeedAPharmacistOrTheServiceKey() {
        String refresh = "/actuator/features/refresh";

        assertThat(new Browser(base()).post(refresh).statusCode()).isEqualTo(401);
        assertThat(new Browser(base()).post(refresh, ServiceKey.HEADER, "a-wrong-key-0123456789abcdef0123456789")
                .statusCode()).isEqualTo(401);
        assertThat(new Browser(base()).post(refresh, ServiceKey.HEADER, EscalationServiceTest.SERVICE_KEY)
                .statusCode()).isEqualTo(200);
        assertThat(new Browser(base()).post(refresh, "Authorization", basic("jmartinez", PASSWORD)).statusCode())
                .isEqualTo(200);
        assertThat(new Browser(base()).post(refresh, "Authorization", basic("drjohnson", PASSWORD)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void thePeerEndpointRefusesAnonymousCallsShortKeysAndPharmacists() {
        assertThat(new Browser(base()).get("/internal/cases").statusCode()).isEqualTo(401);
        assertThat(new Browser(base()).get("/internal/cases", ServiceKey.HEADER, "short").statusCode()).isEqualTo(401);
        assertThat(new Browser(base()).get("/internal/cases", "Authorization", basic("jmartinez", PASSWORD))
                .statusCode()).isEqualTo(401);
        assertThat(new Browser(base()).get("/internal/no-such-endpoint", ServiceKey.HEADER,
                EscalationServiceTest.SERVICE_KEY).statusCode()).as("with the key: past security").isEqualTo(404);
    }

    private Browser signedIn(String username) {
        Browser browser = new Browser(base());
        assertThat(browser.signIn(username, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        return browser;
    }

    private HttpResponse<String> api(String username, String password) {
        return new Browser(base()).get("/api/v1/me", "Authorization", basic(username, password),
                "Accept", "application/json");
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StaffAccessTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
