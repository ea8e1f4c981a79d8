package com.rxflow.gateway.auth;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.web.client.RestTemplate;

import tools.jackson.databind.json.JsonMapper;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.platform.validation.PatientId;

/**
 * Who reaches the API. Patients sign in with the identity provider and send its access token
 * ({@code Authorization: Bearer}): the gateway is an OAuth2 resource server and takes the patient
 * from the token's patient claim. Server-side channels send their {@code X-Api-Key}. Actuator's
 * writes need the service key, checked by the platform's filter as on every service.
 *
 * <p>Wired by hand rather than by Boot's security auto-configuration, which is left off the
 * classpath: the launcher runs every service on one classpath and that auto-configuration would
 * lock the other services' endpoints too. So this class also registers the filter chains with the
 * servlet container. Everything else (the web chat's files, its configuration, the API's
 * description) matches no chain and stays open.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class GatewaySecurityConfiguration {

    static final String API_PATHS = "/api/**";
    private static final Duration JWKS_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration JWKS_READ_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    ProblemEntryPoint problemEntryPoint(JsonMapper json) {
        return new ProblemEntryPoint(json);
    }

    /**
     * Access tokens signed by the identity provider's keys (fetched on the first token, so the
     * gateway starts while the provider is down), issued by it, for this gateway, naming a patient.
     */
    @Bean
    JwtDecoder accessTokenDecoder(GatewayProperties properties) {
        GatewayProperties.Identity identity = properties.identity();
        // bounded waits for the provider's keys: a slow provider answers 503, it does not hold request threads
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(JWKS_CONNECT_TIMEOUT);
        requests.setReadTimeout(JWKS_READ_TIMEOUT);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(identity.effectiveJwkSetUri().toString())
                .restOperations(new RestTemplate(requests)).build();
        Pattern patientId = Pattern.compile(PatientId.PATTERN);
        OAuth2TokenValidator<Jwt> patient = new JwtClaimValidator<Object>(identity.patientClaim(),
                claim -> claim instanceof String id && patientId.matcher(id).matches());
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(
                new JwtIssuerValidator(identity.issuerUri().toString()),
                new JwtAudienceValidator(identity.audience()), patient)));
        return decoder;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ChannelClients clients, JwtDecoder decoder,
            GatewayProperties properties, ProblemEntryPoint problems) throws Exception {
        String patientClaim = properties.identity().patientClaim();
        return stateless(http.securityMatcher(API_PATHS), problems)
                .authorizeHttpRequests(requests -> requests
                        // an async dispatch (the end of a wait or a stream) continues a request already authorized
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().hasAuthority(CallerAuthentication.ROLE))
                .addFilterBefore(new IdentityProviderUnavailableFilter(problems), BearerTokenAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(clients, problems), BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(server -> server
                        .authenticationEntryPoint(problems)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> new CallerAuthentication(
                                new Caller.Patient(token.getClaimAsString(patientClaim), token.getSubject())))))
                .build();
    }

    /** Puts the filter chains in front of every request, where Boot's security auto-configuration would. */
    @Bean
    DelegatingFilterProxyRegistrationBean gatewaySecurityFilterRegistration() {
        DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
                AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
        registration.setOrder(-100);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        return registration;
    }

    /**
     * No session, no CSRF token (no cookie authenticates anything), problem answers; security
     * headers come from the gateway's own filter, for every response alike.
     */
    private static HttpSecurity stateless(HttpSecurity http, ProblemEntryPoint problems) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }
}
