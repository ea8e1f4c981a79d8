package com.rxflow.auth;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

/**
 * Lets a public client use the device flow. The authorization server authenticates public clients
 * only by PKCE, which the device flow has none of, so a device authorization request or a device
 * code token request naming just a {@code client_id} is authenticated here: by the client being
 * registered as public ({@code none}) and allowed the device code grant.
 */
final class DeviceClientAuthentication {

    private DeviceClientAuthentication() {
    }

    /** A device request's client, not yet authenticated; a type of its own so no other provider takes it. */
    static final class Request extends OAuth2ClientAuthenticationToken {

        private static final long serialVersionUID = 1L;

        Request(String clientId) {
            super(clientId, ClientAuthenticationMethod.NONE, null, null);
        }
    }

    /** Reads the client of a device request: a POST to the device authorization endpoint or a device code poll. */
    static final class Converter implements AuthenticationConverter {

        private final RequestMatcher deviceAuthorization;

        Converter(String deviceAuthorizationEndpoint) {
            this.deviceAuthorization = PathPatternRequestMatcher.withDefaults()
                    .matcher(HttpMethod.POST, deviceAuthorizationEndpoint);
        }

        @Override
        public Authentication convert(HttpServletRequest request) {
            String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
            boolean devicePoll = HttpMethod.POST.matches(request.getMethod())
                    && AuthorizationGrantType.DEVICE_CODE.getValue().equals(grantType);
            if (!devicePoll && !deviceAuthorization.matches(request)) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null || clientIds.length != 1 || !StringUtils.hasText(clientIds[0])
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
                // a confidential client authenticates with its secret, by the framework's own converters
                return null;
            }
            return new Request(clientIds[0]);
        }
    }

    /** Authenticates a {@link Request}'s client: registered, public and allowed the device code grant. */
    static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            RegisteredClient client = clients.findByClientId((String) authentication.getPrincipal());
            if (client == null
                    || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.DEVICE_CODE)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return Request.class.isAssignableFrom(authentication);
        }
    }
}
