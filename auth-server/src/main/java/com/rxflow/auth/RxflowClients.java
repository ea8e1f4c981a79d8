package com.rxflow.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * RxFlow's two sign-in clients, both public (a browser page and a terminal keep no secret), both
 * with PKCE and without a consent screen (the local demo signs in to its own services).
 */
final class RxflowClients {

    static final String WEB_CHAT = "rxflow-web-chat";
    static final String CLI = "rxflow-cli";
    static final String CLI_REDIRECT_URI = "http://127.0.0.1/callback";
    static final String CHAT_SCOPE = "chat";
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    private RxflowClients() {
    }

    /**
     * @param webChatOrigins where the web chat is served; it is redirected back to each origin's {@code /}
     */
    static RegisteredClientRepository repository(List<String> webChatOrigins) {
        RegisteredClient webChat = publicClient(WEB_CHAT)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> webChatOrigins.forEach(origin -> uris.add(withoutTrailingSlash(origin) + "/")))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(CHAT_SCOPE)
                .build();
        RegisteredClient cli = publicClient(CLI)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(CLI_REDIRECT_URI)
                .scope(OidcScopes.OPENID).scope(CHAT_SCOPE)
                .build();
        return new InMemoryRegisteredClientRepository(webChat, cli);
    }

    private static RegisteredClient.Builder publicClient(String clientId) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build());
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
