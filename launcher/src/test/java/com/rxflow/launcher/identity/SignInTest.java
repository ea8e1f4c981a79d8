package com.rxflow.launcher.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.rxflow.launcher.RxflowServices;

import picocli.CommandLine;

/** The terminal's sign-in against the real local auth-server, started here as the launcher starts it, on a free port. */
class SignInTest {

    private static ConfigurableApplicationContext authServer;
    private static URI issuer;

    @BeforeAll
    static void startTheLocalAuthServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        authServer = RxflowServices.named(RxflowServices.AUTH, port, "http://localhost:1").starter()
                .apply(Map.of("server.port", port, "spring.profiles.active", "local"));
        issuer = URI.create(RxflowServices.issuer(port));
    }

    @AfterAll
    static void stopIt() {
        authServer.close();
    }

    @Test
    void aPatientSignsInWithTheirPasswordAndGetsATokenNamingTheirPatient() throws Exception {
        Jwt token = decode(new SignIn(issuer).withPassword("john", "rxflow-local-john"));

        assertThat(token.getSubject()).isEqualTo("john");
        assertThat(token.getClaimAsString("patient_id")).isEqualTo("patient_001");
        assertThat(token.getAudience()).contains("rxflow-gateway");
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheUser() {
        assertThatThrownBy(() -> new SignIn(issuer).withPassword("john", "guess"))
                .isInstanceOf(SignInException.class).hasMessageContaining("refused the password of john");
    }

    @Test
    void theDeviceFlowWaitsUntilThePersonApprovesTheCodeInABrowser() throws Exception {
        CompletableFuture<HttpResponse<String>> approval = new CompletableFuture<>();

        // the code would be polled for until it expires (5 minutes) if the approval failed
        String accessToken = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new SignIn(issuer).withDevice(
                code -> CompletableFuture.runAsync(() -> {
                    try {
                        LoginBrowser person = new LoginBrowser(issuer);
                        approval.complete(person.signIn(person.open(code.verificationUriComplete()), "mary",
                                "rxflow-local-mary"));
                    } catch (Exception e) {
                        approval.completeExceptionally(e);
                    }
                })));

        assertThat(approval.get().body()).contains("Device signed in");
        assertThat(decode(accessToken).getClaimAsString("patient_id")).isEqualTo("patient_002");
    }

    @Test
    void theTokenCommandPrintsOnlyTheTokenFillingInADemoPasswordLocally() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = new CommandLine(new TokenCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--issuer", issuer.toString(), "--user", "pharmacist");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(decode(out.toString().strip()).getClaimAsStringList("roles")).containsExactly("PHARMACIST");
    }

    @Test
    void demoPasswordsAreFilledInOnlyForAnIssuerOnThisMachine() {
        assertThat(DemoAccounts.password("john", URI.create("http://localhost:9000"))).contains("rxflow-local-john");
        assertThat(DemoAccounts.password("mary", URI.create("http://127.0.0.1:9000"))).contains("rxflow-local-mary");
        assertThat(DemoAccounts.password("john", URI.create("http://[::1]:9000"))).isPresent();
        assertThat(DemoAccounts.password("john", URI.create("https://login.pharmacy.example"))).isEmpty();
        assertThat(DemoAccounts.password("john", URI.create("http://localhost.pharmacy.example"))).isEmpty();
        assertThat(DemoAccounts.password("someone", URI.create("http://localhost:9000"))).isEmpty();
    }

    private static Jwt decode(String accessToken) {
        return NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build().decode(accessToken);
    }
}
