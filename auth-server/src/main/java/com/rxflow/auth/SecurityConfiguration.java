package com.rxflow.auth;

import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The authorization server's endpoints (OpenID Connect discovery, authorize, token, device
 * authorization and verification, JWKS, user info) in one filter chain, and the sign-in form and
 * probes in another.
 *
 * <p>Wired by hand rather than by Boot's security auto-configuration, which is left off the
 * classpath: the launcher runs all services on one classpath and that auto-configuration would lock
 * the other services' endpoints too. So this class also registers the filter chains with the servlet
 * container, where Boot would.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AuthServerProperties.class)
class SecurityConfiguration {

    /** Where a device's user lands once the code is approved. */
    static final String DEVICE_APPROVED_PAGE = "/device-approved";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
            AuthorizationServerSettings settings, AuthServerProperties properties) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(oidc -> { })
                    .clientAuthentication(client -> client
                            .authenticationConverter(new DeviceClientAuthentication.Converter(
                                    settings.getDeviceAuthorizationEndpoint()))
                            .authenticationProvider(new DeviceClientAuthentication.Provider(clients)))
                    .deviceAuthorizationEndpoint(device -> device.verificationUri(settings.getDeviceVerificationEndpoint()))
                    .deviceVerificationEndpoint(verification -> verification
                            .authenticationProviders(SecurityConfiguration::consentAsTheClientSays)
                            .deviceVerificationResponseHandler(new SimpleUrlAuthenticationSuccessHandler(DEVICE_APPROVED_PAGE)));
        });
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .cors(c -> c.configurationSource(browserCors(properties)))
                // a browser that is not signed in yet is sent to the form, an API client gets a 401
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signInChain(HttpSecurity http, AuthServerProperties properties) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/login", "/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                // the browser's preflight for the token endpoint is an OPTIONS request, which lands here
                .cors(c -> c.configurationSource(browserCors(properties)))
                .formLogin(form -> { })
                .build();
    }

    /**
     * The framework always asks for consent in the device flow; here, as in the code flow, the
     * client's {@code require-authorization-consent} decides (the local clients need none).
     */
    private static void consentAsTheClientSays(List<AuthenticationProvider> providers) {
        providers.stream().filter(OAuth2DeviceVerificationAuthenticationProvider.class::isInstance)
                .map(OAuth2DeviceVerificationAuthenticationProvider.class::cast)
                .forEach(provider -> provider.setAuthorizationConsentRequired(
                        context -> context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()));
    }

    /**
     * The token endpoint, JWKS and discovery answer the web chat's scripts (it exchanges its code
     * itself). Not a bean: Spring MVC's handler mapping is one already, and two would be ambiguous.
     */
    private static CorsConfigurationSource browserCors(AuthServerProperties properties) {
        CorsConfiguration browser = new CorsConfiguration();
        browser.setAllowedOrigins(List.copyOf(properties.webChatOrigins()));
        browser.setAllowedMethods(List.of("GET", "POST"));
        browser.setAllowedHeaders(List.of("Content-Type", "Authorization"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List.of("/oauth2/token", "/oauth2/jwks", "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server").forEach(path -> source.registerCorsConfiguration(path, browser));
        return source;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthServerProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (properties.issuer() != null) {
            settings.issuer(properties.issuer().toString());
        }
        return settings.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(AuthServerProperties properties) {
        return RxflowClients.repository(properties.webChatOrigins());
    }

    @Bean
    LocalUsers localUsers(AuthServerProperties properties) {
        return new LocalUsers(properties.users());
    }

    @Bean
    UserDetailsService userDetailsService(LocalUsers users) {
        return users.userDetailsService();
    }

    /** Hashes in Spring Security's {@code {id}hash} format: BCrypt today. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(LocalUsers users) {
        return new AccessTokenClaims(users);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() {
        return SigningKey.generated();
    }

    /** Reads this server's own access tokens at the user info endpoint. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /** Puts the filter chains in front of every request, where Boot's security auto-configuration would. */
    @Bean
    DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
        DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
                AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
        registration.setOrder(-100);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        return registration;
    }
}
