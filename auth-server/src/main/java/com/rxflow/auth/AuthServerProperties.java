package com.rxflow.auth;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The local authorization server's settings.
 *
 * @param issuer         the issuer named in tokens and discovery, for example {@code http://localhost:9000}
 *                       (the launcher sets it from the port it gives this server); unset, each request's
 *                       own base URL
 * @param webChatOrigins where the gateway's web chat is served: its redirect URIs ({@code origin + "/"})
 *                       and the origins allowed to call the token endpoint, JWKS and discovery from a browser
 * @param users          the accounts that can sign in
 */
@ConfigurationProperties("rxflow.auth")
@Validated
public record AuthServerProperties(URI issuer,
        @NotEmpty @DefaultValue({"http://localhost:8080", "http://127.0.0.1:8080"}) List<String> webChatOrigins,
        @Valid @DefaultValue List<User> users) {

    /**
     * One account: a patient (with a {@code patientId}) or a member of staff (with {@code roles}).
     *
     * @param username    the login, the tokens' {@code sub}
     * @param password    the password's hash in Spring Security's delegating format, for example
     *                    {@code {bcrypt}$2a$10$...}; never the password itself
     * @param displayName the person's name, for example "John Smith" (the ID token's {@code name})
     * @param patientId   the patient this person is, the access token's {@code patient_id}
     * @param roles       the staff roles, for example PHARMACIST or AUDITOR, the access token's {@code roles}
     */
    public record User(@NotBlank String username, @NotBlank String password, @NotBlank String displayName,
            String patientId, @DefaultValue List<String> roles) {

        public User {
            boolean patient = patientId != null && !patientId.isBlank();
            if (patient == !roles.isEmpty()) {
                throw new IllegalArgumentException("rxflow.auth.users: " + username
                        + " needs either a patient-id (a patient) or roles (staff), not both and not neither");
            }
        }

        public boolean isPatient() {
            return roles.isEmpty();
        }
    }
}
