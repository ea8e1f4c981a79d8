package com.rxflow.auth;

import java.util.List;

import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What RxFlow's tokens say about the person: the access token names the patient
 * ({@value #PATIENT_ID}) or the staff roles ({@value #ROLES}) and is meant for the gateway
 * ({@code aud} {@value #GATEWAY_AUDIENCE}, besides the client); the ID token carries the person's name.
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String PATIENT_ID = "patient_id";
    static final String ROLES = "roles";
    static final String GATEWAY_AUDIENCE = "rxflow-gateway";

    private final LocalUsers users;

    AccessTokenClaims(LocalUsers users) {
        this.users = users;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        String username = context.getPrincipal().getName();
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims().audience(List.of(context.getRegisteredClient().getClientId(), GATEWAY_AUDIENCE));
            users.find(username).ifPresent(user -> {
                if (user.isPatient()) {
                    context.getClaims().claim(PATIENT_ID, user.patientId());
                } else {
                    context.getClaims().claim(ROLES, user.roles());
                }
            });
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            users.find(username).ifPresent(user -> context.getClaims().claim("name", user.displayName()));
        }
    }
}
