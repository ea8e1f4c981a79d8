package com.rxflow.escalation.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

import com.rxflow.escalation.security.AccessProperties.Role;

/**
 * Who reaches what. Pharmacists (and prescribers, for the prescriber queue) sign in to the console
 * with a form and a session, or call the API with HTTP Basic; peers read each other's cases with
 * the peer key; probes and the API's description need no login.
 *
 * <p>Wired by hand rather than by Boot's security auto-configuration, which is left off the
 * classpath: the launcher runs all four services on one classpath and that auto-configuration
 * would lock the other services' endpoints too. So this class also registers the filter chain with
 * the servlet container, where Boot would.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AccessProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Scripts and styles from this service only: even injected markup could run nothing. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'none'";

    private static final String PHARMACIST = Role.PHARMACIST.name();
    private static final String PRESCRIBER = Role.PRESCRIBER.name();

    /** Hashes in Spring Security's {@code {id}hash} format: BCrypt today, upgradable without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    StaffDirectory staffDirectory(AccessProperties access, PasswordEncoder encoder, Environment environment) {
        StaffDirectory staff = new StaffDirectory(access.users(), encoder,
                environment.acceptsProfiles(Profiles.of("local")));
        if (staff.isEmpty()) {
            log.warn("No pharmacist can sign in: configure rxflow.escalation.access.users (see escalation-service/README.md)");
        }
        return staff;
    }

    @Bean
    PeerKey peerKey(AccessProperties access) {
        if (access.peerKey() != null && !access.peerKey().isBlank()) {
            return new PeerKey(access.peerKey());
        }
        // a key nobody else knows: this instance answers no peer, which is right while it is the only one
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new PeerKey(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    @Bean
    @Order(1)
    SecurityFilterChain peerChain(HttpSecurity http, PeerKey key) throws Exception {
        return http.securityMatcher("/internal/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(PeerKeyFilter.PEER_ROLE))
                .addFilterBefore(new PeerKeyFilter(key.value()), AuthorizationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain staffChain(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = ProblemEntryPoints.unauthorized();
        return http
                .authorizeHttpRequests(requests -> requests
                        // an async (server-sent events) or error dispatch continues a request already authorized
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/login", "/error", "/favicon.ico").permitAll()
                        .requestMatchers("/api/v1/audit/**", "/audit.html", "/audit.js", "/audit.css").hasRole(Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/prescriber-decision")
                        .hasAnyRole(PHARMACIST, PRESCRIBER)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(PHARMACIST, PRESCRIBER)
                        .requestMatchers("/api/**", "/actuator/**").hasRole(PHARMACIST)
                        .anyRequest().hasAnyRole(PHARMACIST, PRESCRIBER))
                .formLogin(form -> form.defaultSuccessUrl("/", true))
                .httpBasic(basic -> basic.realmName(ProblemEntryPoints.REALM).authenticationEntryPoint(unauthorized))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // the console sends the token from the XSRF-TOKEN cookie; an API client authenticating with
                // its Authorization header on every request is not a browser riding on a session
                .csrf(csrf -> csrf.spa().ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                // API calls get a problem; pages get the sign-in form (an explicit entry point for all
                // requests would switch Spring Security's generated sign-in page off)
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(unauthorized, ProblemEntryPoints::isApi)
                        .accessDeniedHandler(ProblemEntryPoints.forbidden()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
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
